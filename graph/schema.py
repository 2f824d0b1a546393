"""The GraphQL schema, merged from each business area's queries and mutations."""

import logging

import strawberry
from graphql import NoSchemaIntrospectionCustomRule
from strawberry.extensions import AddValidationRules
from strawberry.tools import merge_types

from graph.account.mutations.login import LoginMutation
from graph.account.queries import AccountQuery
from graph.authz.scan_schema import (
    ScanLoginMutation,
    ScanLoginQuery,
    ScanLoginSubscription,
)
from graph.authz.schema import AuthorizationMutation, AuthorizationQuery
from graph.batch.schema import BatchMutation, BatchQuery, BatchSubscription
from graph.certificate.schema import CertificateMutation, CertificateQuery
from graph.contribution.account_queries import PensionAccountQuery
from graph.contribution.mutations.apply_back_payment import ApplyBackPaymentMutation
from graph.contribution.mutations.declare_annual_wage import (
    DeclareAnnualWageMutation,
)
from graph.contribution.queries import WageDeclarationQuery
from graph.contribution.settlement_schema import SettlementMutation, SettlementQuery
from graph.core.api_errors import ApiError
from graph.core.query_limits import QueryLimitsRule
from graph.declaration.mutations.review_declaration import ReviewDeclarationMutation
from graph.declaration.mutations.upload_material import UploadMaterialMutation
from graph.declaration.mutations.withdraw_declaration import (
    WithdrawDeclarationMutation,
)
from graph.declaration.queries import DeclarationQuery
from graph.declaration.subscriptions import DeclarationSubscription
from graph.insurance.mutations.add_insurance_type import AddInsuranceTypeMutation
from graph.insurance.mutations.enroll_person import (
    EnrollmentPreviewQuery,
    EnrollPersonMutation,
)
from graph.insurance.mutations.suspend_person import (
    SuspendPersonMutation,
    SuspensionPreviewQuery,
)
from graph.person.mutations.change_person_info import ChangePersonInfoMutation
from graph.person.queries import PersonQuery
from graph.policy.mutations.load_policy_period import LoadPolicyPeriodMutation
from graph.settings import get_settings
from graph.unit.mutations.change_unit_info import ChangeUnitInfoMutation
from graph.unit.queries import UnitQuery

logger = logging.getLogger(__name__)

Query = merge_types(
    "Query",
    (
        AccountQuery,
        UnitQuery,
        PersonQuery,
        DeclarationQuery,
        EnrollmentPreviewQuery,
        SuspensionPreviewQuery,
        PensionAccountQuery,
        AuthorizationQuery,
        ScanLoginQuery,
        BatchQuery,
        SettlementQuery,
        WageDeclarationQuery,
        CertificateQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        LoginMutation,
        EnrollPersonMutation,
        SuspendPersonMutation,
        WithdrawDeclarationMutation,
        ReviewDeclarationMutation,
        LoadPolicyPeriodMutation,
        AuthorizationMutation,
        ScanLoginMutation,
        BatchMutation,
        SettlementMutation,
        ApplyBackPaymentMutation,
        DeclareAnnualWageMutation,
        UploadMaterialMutation,
        ChangePersonInfoMutation,
        ChangeUnitInfoMutation,
        AddInsuranceTypeMutation,
        CertificateMutation,
    ),
)

Subscription = merge_types(
    "Subscription",
    (ScanLoginSubscription, BatchSubscription, DeclarationSubscription),
)


class Schema(strawberry.Schema):
    """Schema that logs only faults as errors; expected refusals are routine."""

    def process_errors(self, errors, execution_context=None) -> None:
        faults = [
            error
            for error in errors
            if error.original_error is not None
            and error.path is not None
            and not isinstance(error.original_error, ApiError)
        ]
        for error in errors:
            if error not in faults:
                logger.info("graphql.rejected message=%s", error.message[:200])
        if faults:
            super().process_errors(faults, execution_context)


def _validation_rules() -> list:
    rules = [QueryLimitsRule]
    if not get_settings().introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return rules


schema = Schema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    extensions=[AddValidationRules(_validation_rules())],
)


def export_sdl() -> str:
    """Return the schema as SDL, the content of ``schema.graphql``."""
    return schema.as_str() + "\n"

"""The GraphQL schema, merged from each business area's queries and mutations."""

import strawberry
from strawberry.tools import merge_types

from graph.account.mutations.login import LoginMutation
from graph.account.queries import AccountQuery
from graph.authz.schema import AuthorizationMutation, AuthorizationQuery
from graph.declaration.mutations.review_declaration import ReviewDeclarationMutation
from graph.declaration.mutations.withdraw_declaration import (
    WithdrawDeclarationMutation,
)
from graph.declaration.queries import DeclarationQuery
from graph.insurance.mutations.enroll_person import (
    EnrollmentPreviewQuery,
    EnrollPersonMutation,
)
from graph.insurance.mutations.suspend_person import SuspendPersonMutation
from graph.person.queries import PersonQuery
from graph.unit.queries import UnitQuery

Query = merge_types(
    "Query",
    (
        AccountQuery,
        UnitQuery,
        PersonQuery,
        DeclarationQuery,
        EnrollmentPreviewQuery,
        AuthorizationQuery,
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
        AuthorizationMutation,
    ),
)

schema = strawberry.Schema(query=Query, mutation=Mutation)


def export_sdl() -> str:
    """Return the schema as SDL, the content of ``schema.graphql``."""
    return schema.as_str() + "\n"

"""Queries and mutations of operator authorization (授权他人使用执照)."""

from typing import Annotated

import strawberry

from graph.authz import requests, service
from graph.authz.models import Grant
from graph.authz.types import (
    AppointLicenceAdministratorPayload,
    AuthorizationPayload,
    AuthorizationType,
    ChangeAuthorizationInput,
    GrantAuthorizationInput,
    LicenceAdministrator,
    RemoveLicenceAdministratorPayload,
    RequestAuthorizationInput,
)
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import require_row_id
from graph.core.permissions import (
    ActsForUnit,
    HoldsLicence,
    IsAuthenticated,
    IsLegalRepresentative,
)
from graph.core.types import field_errors


def _payload(grant: Grant) -> AuthorizationPayload:
    return AuthorizationPayload(
        authorization=AuthorizationType(model=grant, masked=False), errors=[]
    )


def _failed(failed: ValidationFailed) -> AuthorizationPayload:
    return AuthorizationPayload(
        authorization=None, errors=field_errors(failed.problems)
    )


@strawberry.type
class AuthorizationQuery:
    @strawberry.field(
        description="授权列表 (all authorizations and requests of the unit for the "
        "legal representative and licence administrators, the caller's own for "
        "an operator; newest first)",
        permission_classes=[ActsForUnit],
    )
    async def authorizations(
        self,
        info: Info,
        full_values: Annotated[
            bool, strawberry.argument(description="显示完整号码 (unmasked numbers)")
        ] = False,
    ) -> list[AuthorizationType]:
        actor = info.context.actor
        grants = Grant.filter(unit_id=actor.unit_id)
        if not actor.holds_licence:
            grants = grants.filter(grantee_id=actor.account_id)
        rows = await grants.order_by("-created_at", "-id").limit(500)
        return [AuthorizationType(model=row, masked=not full_values) for row in rows]

    @strawberry.field(
        description="证照管理员列表 (the unit's licence administrators, oldest "
        "membership first; at most 5; legal representative only)",
        permission_classes=[IsLegalRepresentative],
    )
    async def licence_administrators(self, info: Info) -> list[LicenceAdministrator]:
        rows = await requests.list_administrators(info.context.actor)
        return [LicenceAdministrator(model=row) for row in rows]


@strawberry.type
class AuthorizationMutation:
    @strawberry.mutation(
        description="授权经办人 (grant an operator full or precise authorization "
        "for a period; legal representative or licence administrator)",
        permission_classes=[HoldsLicence],
    )
    async def grant_authorization(
        self,
        info: Info,
        input: Annotated[
            GrantAuthorizationInput, strawberry.argument(description="授权信息")
        ],
    ) -> AuthorizationPayload:
        try:
            grant = await service.grant(info.context.actor, input.to_request())
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="修改授权 (change scope, business types or validity)",
        permission_classes=[HoldsLicence],
    )
    async def change_authorization(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="授权ID")],
        input: Annotated[
            ChangeAuthorizationInput, strawberry.argument(description="修改内容")
        ],
    ) -> AuthorizationPayload:
        try:
            grant = await service.change(
                info.context.actor, require_row_id(id, "id", "授权"), input.to_request()
            )
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="撤销授权 (revoke; the operator's next request is refused)",
        permission_classes=[HoldsLicence],
    )
    async def revoke_authorization(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="授权ID")],
    ) -> AuthorizationPayload:
        try:
            grant = await service.revoke(
                info.context.actor, require_row_id(id, "id", "授权")
            )
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="申请授权 (an operator asks a unit for authorization; the legal "
        "representative or a licence administrator decides)",
        permission_classes=[IsAuthenticated],
    )
    async def request_authorization(
        self,
        info: Info,
        input: Annotated[
            RequestAuthorizationInput, strawberry.argument(description="申请内容")
        ],
    ) -> AuthorizationPayload:
        try:
            grant = await requests.request_grant(
                info.context.actor,
                input.credit_code,
                input.scope,
                list(input.business_types),
                input.valid_from,
                input.valid_to,
            )
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="审批授权申请 (approve or reject an operator's request)",
        permission_classes=[HoldsLicence],
    )
    async def review_authorization_request(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="申请ID")],
        approve: Annotated[bool, strawberry.argument(description="是否同意")],
    ) -> AuthorizationPayload:
        try:
            grant = await requests.decide_request(
                info.context.actor, require_row_id(id, "id", "授权申请"), approve
            )
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="设置证照管理员 (appoint a licence administrator by ID number; "
        "at most 5 per unit; legal representative only)",
        permission_classes=[IsLegalRepresentative],
    )
    async def appoint_licence_administrator(
        self,
        info: Info,
        id_number: Annotated[
            str, strawberry.argument(description="证件号码 (ID number)")
        ],
    ) -> AppointLicenceAdministratorPayload:
        try:
            await requests.appoint_administrator(info.context.actor, id_number)
        except ValidationFailed as failed:
            return AppointLicenceAdministratorPayload(
                ok=False, errors=field_errors(failed.problems)
            )
        return AppointLicenceAdministratorPayload(ok=True, errors=[])

    @strawberry.mutation(
        description="移除证照管理员 (the account loses the unit on its next request; "
        "legal representative only)",
        permission_classes=[IsLegalRepresentative],
    )
    async def remove_licence_administrator(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="证照管理员ID")],
    ) -> RemoveLicenceAdministratorPayload:
        try:
            membership_id = require_row_id(id, "id", "证照管理员")
            await requests.remove_administrator(info.context.actor, membership_id)
        except ValidationFailed as failed:
            return RemoveLicenceAdministratorPayload(
                ok=False, errors=field_errors(failed.problems)
            )
        return RemoveLicenceAdministratorPayload(ok=True, errors=[])

"""Queries and mutations of operator authorization (授权他人使用执照)."""

from typing import Annotated

import strawberry

from graph.authz import service
from graph.authz.models import Grant
from graph.authz.types import (
    AuthorizationPayload,
    AuthorizationType,
    ChangeAuthorizationInput,
    GrantAuthorizationInput,
)
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import parse_row_id
from graph.core.permissions import ActsForUnit, IsLegalRepresentative
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
        description="授权列表 (all authorizations of the unit for its legal "
        "representative, the caller's own for an operator; newest first)",
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
        if not actor.is_legal_representative:
            grants = grants.filter(grantee_id=actor.account_id)
        rows = await grants.order_by("-created_at", "-id").limit(500)
        return [AuthorizationType(model=row, masked=not full_values) for row in rows]


@strawberry.type
class AuthorizationMutation:
    @strawberry.mutation(
        description="授权经办人 (grant an operator full or precise authorization "
        "for a period; legal representative only)",
        permission_classes=[IsLegalRepresentative],
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
        permission_classes=[IsLegalRepresentative],
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
                info.context.actor, parse_row_id(id), input.to_request()
            )
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

    @strawberry.mutation(
        description="撤销授权 (revoke; the operator's next request is refused)",
        permission_classes=[IsLegalRepresentative],
    )
    async def revoke_authorization(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="授权ID")],
    ) -> AuthorizationPayload:
        try:
            grant = await service.revoke(info.context.actor, parse_row_id(id))
        except ValidationFailed as failed:
            return _failed(failed)
        return _payload(grant)

from typing import Annotated

import strawberry

from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import require_row_id
from graph.core.permissions import ActsForUnit
from graph.core.types import FieldError, field_errors
from graph.declaration import service
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType


@strawberry.type(description="撤回结果 (withdraw declaration payload)")
class WithdrawDeclarationPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="撤回后的申报 (the void declaration)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class WithdrawDeclarationMutation:
    @strawberry.mutation(
        description="撤回申报 (void a pending declaration of the acting unit)",
        permission_classes=[ActsForUnit],
    )
    async def withdraw_declaration(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="申报ID")],
    ) -> WithdrawDeclarationPayload:
        actor = info.context.actor
        try:
            declaration = await service.withdraw(
                actor, require_row_id(id, "id", "申报")
            )
        except ValidationFailed as failed:
            return WithdrawDeclarationPayload(
                declaration=None, errors=field_errors(failed.problems)
            )
        loaded = await readable_declaration(actor, declaration.id)
        return WithdrawDeclarationPayload(
            declaration=DeclarationType(model=loaded, masked=False), errors=[]
        )

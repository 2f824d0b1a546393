from typing import Annotated

import strawberry

from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import require_row_id
from graph.core.permissions import IsReviewer
from graph.core.types import FieldError, field_errors
from graph.declaration import service
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType


@strawberry.type(description="审核结果 (review declaration payload)")
class ReviewDeclarationPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="审核后的申报 (the declaration after review)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class ReviewDeclarationMutation:
    @strawberry.mutation(
        description="审核申报 (approve and apply, or reject, a pending declaration of "
        "the reviewer's regions; a rejection needs a comment)",
        permission_classes=[IsReviewer],
    )
    async def review_declaration(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="申报ID")],
        approve: Annotated[
            bool, strawberry.argument(description="是否通过 (true approves)")
        ],
        comment: Annotated[
            str, strawberry.argument(description="审核意见 (comment, at most 500)")
        ] = "",
    ) -> ReviewDeclarationPayload:
        actor = info.context.actor
        try:
            declaration = await service.review(
                actor, require_row_id(id, "id", "申报"), approve, comment
            )
        except ValidationFailed as failed:
            return ReviewDeclarationPayload(
                declaration=None, errors=field_errors(failed.problems)
            )
        loaded = await readable_declaration(actor, declaration.id)
        return ReviewDeclarationPayload(
            declaration=DeclarationType(model=loaded, masked=False), errors=[]
        )

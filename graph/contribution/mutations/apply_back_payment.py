from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.contribution.back_payment import submit_back_payment
from graph.contribution.inputs import ApplyBackPaymentInput
from graph.contribution.types import BackPaymentDetails
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import parse_row_id
from graph.core.permissions import may_handle
from graph.core.types import FieldError, field_errors
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType
from graph.unit.models import Unit


@strawberry.type(description="申请补缴结果 (back payment payload)")
class ApplyBackPaymentPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="待审核的申报 (the pending declaration)"
    )
    back_payment: BackPaymentDetails | None = strawberry.field(
        description="补缴核定 (amounts per month and type, with totals)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class ApplyBackPaymentMutation:
    @strawberry.mutation(
        description="申请补缴城镇职工社会保险费 (apply to pay missed months with "
        "late fee; creates a pending declaration for review)",
        permission_classes=[may_handle(BusinessType.BACK_PAYMENT)],
    )
    async def apply_back_payment(
        self,
        info: Info,
        input: Annotated[
            ApplyBackPaymentInput, strawberry.argument(description="补缴信息")
        ],
    ) -> ApplyBackPaymentPayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id)
        try:
            declaration, _ = await submit_back_payment(
                actor,
                unit,
                input.to_request(),
                [material.to_upload() for material in input.materials],
                [parse_row_id(i) for i in input.material_ids],
                today(),
            )
        except ValidationFailed as failed:
            return ApplyBackPaymentPayload(
                declaration=None,
                back_payment=None,
                errors=field_errors(failed.problems),
            )
        loaded = await readable_declaration(actor, declaration.id)
        return ApplyBackPaymentPayload(
            declaration=DeclarationType(model=loaded, masked=False),
            back_payment=BackPaymentDetails.from_data(loaded.data),
            errors=[],
        )

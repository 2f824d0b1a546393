from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.contribution.back_payment import submit_back_payment
from graph.contribution.inputs import ApplyBackPaymentInput
from graph.contribution.types import BackPaymentDetails
from graph.core.context import Info
from graph.core.permissions import may_handle
from graph.core.types import FieldError
from graph.declaration.mutations.filing import file_declaration
from graph.declaration.types import DeclarationType


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
        filed = await file_declaration(info, submit_back_payment, input)
        return ApplyBackPaymentPayload(
            declaration=filed.declaration,
            back_payment=(
                BackPaymentDetails.from_data(filed.model.data) if filed.model else None
            ),
            errors=filed.errors,
        )

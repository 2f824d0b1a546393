from decimal import Decimal
from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.permissions import may_handle
from graph.core.types import field_errors
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType
from graph.insurance.inputs import SuspendPersonInput
from graph.insurance.payloads import (
    SuspendPersonPayload,
    SuspensionPreviewPayload,
    suspend_person_payload,
    suspension_preview_payload,
)
from graph.insurance.suspension import plan_suspension, submit_suspension
from graph.unit.models import Unit


@strawberry.type
class SuspendPersonMutation:
    @strawberry.mutation(
        description="职工暂停参保 (suspend every active record of the person in the "
        "unit; creates a pending declaration for review and lists the pension "
        "refund of paid months after the suspension date)",
        permission_classes=[may_handle(BusinessType.SUSPENSION)],
    )
    async def suspend_person(
        self,
        info: Info,
        input: Annotated[
            SuspendPersonInput, strawberry.argument(description="暂停参保信息")
        ],
    ) -> SuspendPersonPayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id)
        try:
            declaration, plan = await submit_suspension(
                actor, unit, input.to_request(), today()
            )
        except ValidationFailed as failed:
            return SuspendPersonPayload(
                declaration=None,
                insurance_types=[],
                refunds=[],
                refund_total=Decimal("0.00"),
                errors=field_errors(failed.problems),
            )
        loaded = await readable_declaration(actor, declaration.id)
        return suspend_person_payload(plan, DeclarationType(model=loaded, masked=False))


@strawberry.type
class SuspensionPreviewQuery:
    @strawberry.field(
        description="职工暂停参保核定 (check a suspension and show the insurance "
        "types it suspends and the pension refund before submitting; saves "
        "nothing)",
        permission_classes=[may_handle(BusinessType.SUSPENSION)],
    )
    async def suspension_preview(
        self,
        info: Info,
        input: Annotated[
            SuspendPersonInput, strawberry.argument(description="暂停参保信息")
        ],
    ) -> SuspensionPreviewPayload:
        unit = await Unit.get(id=info.context.actor.unit_id)
        try:
            plan = await plan_suspension(unit, input.to_request(), today())
        except ValidationFailed as failed:
            return SuspensionPreviewPayload(
                insurance_types=[],
                refunds=[],
                refund_total=Decimal("0.00"),
                errors=field_errors(failed.problems),
            )
        return suspension_preview_payload(plan)

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
from graph.insurance.enrollment import plan_enrollment, submit_enrollment
from graph.insurance.inputs import EnrollPersonInput
from graph.insurance.payloads import (
    EnrollmentPreview,
    EnrollmentPreviewPayload,
    EnrollPersonPayload,
    planned_records,
)
from graph.unit.models import Unit


def _preview(plan, unit: Unit) -> EnrollmentPreview:
    return EnrollmentPreview(
        reenrollment=plan.reenrollment,
        base_adjusted=plan.base_adjusted,
        records=planned_records(plan, unit.region.name),
    )


@strawberry.type
class EnrollPersonMutation:
    @strawberry.mutation(
        description="职工参保登记 (enroll a new employee or re-enroll a suspended one; "
        "creates a pending declaration for review)",
        permission_classes=[may_handle(BusinessType.ENROLLMENT)],
    )
    async def enroll_person(
        self,
        info: Info,
        input: Annotated[
            EnrollPersonInput, strawberry.argument(description="参保信息")
        ],
    ) -> EnrollPersonPayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id).select_related("region")
        try:
            declaration, plan = await submit_enrollment(
                actor, unit, input.to_request(), today()
            )
        except ValidationFailed as failed:
            return EnrollPersonPayload(
                declaration=None, preview=None, errors=field_errors(failed.problems)
            )
        loaded = await readable_declaration(actor, declaration.id)
        return EnrollPersonPayload(
            declaration=DeclarationType(model=loaded, masked=False),
            preview=_preview(plan, unit),
            errors=[],
        )


@strawberry.type
class EnrollmentPreviewQuery:
    @strawberry.field(
        description="参保登记核定 (check an enrollment and show the resulting records "
        "before submitting; saves nothing)",
        permission_classes=[may_handle(BusinessType.ENROLLMENT)],
    )
    async def enrollment_preview(
        self,
        info: Info,
        input: Annotated[
            EnrollPersonInput, strawberry.argument(description="参保信息")
        ],
    ) -> EnrollmentPreviewPayload:
        unit = await Unit.get(id=info.context.actor.unit_id).select_related("region")
        try:
            plan = await plan_enrollment(unit, input.to_request(), today())
        except ValidationFailed as failed:
            return EnrollmentPreviewPayload(
                preview=None, errors=field_errors(failed.problems)
            )
        return EnrollmentPreviewPayload(preview=_preview(plan, unit), errors=[])

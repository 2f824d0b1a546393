from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.contribution.inputs import DeclareAnnualWageInput
from graph.contribution.types import PlannedBaseType
from graph.contribution.wage_declaration import submit_annual_wage
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import parse_row_id
from graph.core.permissions import may_handle
from graph.core.types import FieldError, field_errors
from graph.declaration.repository import readable_declaration
from graph.declaration.types import DeclarationType
from graph.unit.models import Unit


@strawberry.type(description="申报上年度工资结果 (annual wage declaration payload)")
class DeclareAnnualWagePayload:
    declaration: DeclarationType | None = strawberry.field(
        description="待审核的申报 (the pending declaration)"
    )
    bases: list[PlannedBaseType] = strawberry.field(
        description="核定基数 (next year's base per active type as approval would "
        "set it today; empty while next year's limits are not published)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class DeclareAnnualWageMutation:
    @strawberry.mutation(
        description="参保个人应缴基本养老保险费核定，申报上年度工资 (declare a "
        "person's average monthly wage of a year; creates a pending declaration)",
        permission_classes=[may_handle(BusinessType.WAGE_DECLARATION)],
    )
    async def declare_annual_wage(
        self,
        info: Info,
        input: Annotated[
            DeclareAnnualWageInput, strawberry.argument(description="工资申报信息")
        ],
    ) -> DeclareAnnualWagePayload:
        actor = info.context.actor
        unit = await Unit.get(id=actor.unit_id)
        try:
            declaration, plan = await submit_annual_wage(
                actor,
                unit,
                input.to_request(),
                [material.to_upload() for material in input.materials],
                [parse_row_id(i) for i in input.material_ids],
                today(),
            )
        except ValidationFailed as failed:
            return DeclareAnnualWagePayload(
                declaration=None, bases=[], errors=field_errors(failed.problems)
            )
        loaded = await readable_declaration(actor, declaration.id)
        return DeclareAnnualWagePayload(
            declaration=DeclarationType(model=loaded, masked=False),
            bases=[PlannedBaseType.from_planned(base) for base in plan.bases],
            errors=[],
        )

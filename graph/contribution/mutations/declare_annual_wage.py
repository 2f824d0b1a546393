from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.contribution.inputs import DeclareAnnualWageInput
from graph.contribution.types import PlannedBaseType
from graph.contribution.wage_declaration import submit_annual_wage
from graph.core.context import Info
from graph.core.permissions import may_handle
from graph.core.types import FieldError
from graph.declaration.mutations.filing import file_declaration
from graph.declaration.types import DeclarationType


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
        filed = await file_declaration(info, submit_annual_wage, input)
        return DeclareAnnualWagePayload(
            declaration=filed.declaration,
            bases=[PlannedBaseType.from_planned(base) for base in filed.plan.bases]
            if filed.plan
            else [],
            errors=filed.errors,
        )

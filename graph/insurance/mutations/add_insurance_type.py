from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.core.context import Info
from graph.core.permissions import may_handle
from graph.core.types import FieldError
from graph.declaration.material_types import MATERIAL_IDS_DESCRIPTION, MaterialInput
from graph.declaration.mutations.filing import file_declaration
from graph.declaration.types import DeclarationType
from graph.insurance import codes
from graph.insurance.addition import AdditionRequest, submit_addition
from graph.insurance.enums import InsuranceType


@strawberry.input(description="参保险种新增 (add insurance type input)")
class AddInsuranceTypeInput:
    ssn: str = strawberry.field(
        description="社会保障号码 (SSN of a person paying in the unit)"
    )
    insurance_types: list[InsuranceType] = strawberry.field(
        description="新增险种 (insurance types to add; the insured identity "
        "decides which are open)"
    )
    enroll_date: date = strawberry.field(
        description="本次参保时间 (enrollment date, not after this month)"
    )
    declared_wage: Decimal = strawberry.field(
        description="申报工资 (declared wage, clamped to each type's floor and ceiling)"
    )
    materials: list[MaterialInput] = strawberry.field(
        default_factory=list,
        description="申报材料 (uploaded documents: LABOUR_CONTRACT optional)",
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=MATERIAL_IDS_DESCRIPTION
    )

    def to_request(self) -> AdditionRequest:
        return AdditionRequest(
            ssn=self.ssn,
            insurance_types=tuple(codes.InsuranceType(t) for t in self.insurance_types),
            enroll_date=self.enroll_date,
            declared_wage=self.declared_wage,
        )


@strawberry.type(description="参保险种新增结果 (add insurance type payload)")
class AddInsuranceTypePayload:
    declaration: DeclarationType | None = strawberry.field(
        description="待审核的申报 (the pending declaration with the planned records)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class AddInsuranceTypeMutation:
    @strawberry.mutation(
        description="参保险种新增登记 (add insurance types to a person paying in "
        "the unit; creates a pending declaration for review)",
        permission_classes=[may_handle(BusinessType.INSURANCE_TYPE_ADD)],
    )
    async def add_insurance_type(
        self,
        info: Info,
        input: Annotated[
            AddInsuranceTypeInput, strawberry.argument(description="新增险种信息")
        ],
    ) -> AddInsuranceTypePayload:
        filed = await file_declaration(info, submit_addition, input)
        return AddInsuranceTypePayload(
            declaration=filed.declaration, errors=filed.errors
        )

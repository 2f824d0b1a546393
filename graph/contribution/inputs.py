"""Inputs of back payment and annual wage declaration."""

from decimal import Decimal

import strawberry

from graph.contribution.back_payment import BackPaymentRequest
from graph.contribution.wage_declaration import AnnualWageRequest
from graph.declaration.material_types import MATERIAL_IDS_DESCRIPTION, MaterialInput
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import InsuranceType

MATERIALS_DESCRIPTION = "申报材料 (uploaded documents, at most 20)"


@strawberry.input(description="申请补缴 (back payment input)")
class ApplyBackPaymentInput:
    ssn: str = strawberry.field(
        description="社会保障号码 (SSN of a person insured in the unit)"
    )
    from_month: str = strawberry.field(description="补缴起始年月 (first month, YYYYMM)")
    to_month: str = strawberry.field(
        description="补缴终止年月 (last month, YYYYMM, not after the current month)"
    )
    base: Decimal = strawberry.field(
        description="补缴基数 (base in yuan, clamped to each month's floor and ceiling)"
    )
    insurance_types: list[InsuranceType] = strawberry.field(
        description="补缴险种 (insurance types the person has a record of in the unit)"
    )
    materials: list[MaterialInput] = strawberry.field(
        default_factory=list,
        description=MATERIALS_DESCRIPTION + ": BACK_PAYMENT_FORM required; "
        "COURT_JUDGMENT, ADMINISTRATIVE_DECISION, LABOUR_CONTRACT, WAGE_PROOF "
        "optional",
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=MATERIAL_IDS_DESCRIPTION
    )

    def to_request(self) -> BackPaymentRequest:
        return BackPaymentRequest(
            ssn=self.ssn,
            from_month=self.from_month,
            to_month=self.to_month,
            base=self.base,
            insurance_types=tuple(
                insurance_codes.InsuranceType(t) for t in self.insurance_types
            ),
        )


@strawberry.input(description="申报上年度工资 (annual wage declaration input)")
class DeclareAnnualWageInput:
    ssn: str = strawberry.field(description="社会保障号码 (SSN of an active employee)")
    year: int = strawberry.field(
        description="工资年度 (the wage year, normally last year. Approval sets "
        "the bases of the year after)"
    )
    average_wage: Decimal = strawberry.field(
        description="上年度月平均工资 (average monthly wage of that year, yuan)"
    )
    materials: list[MaterialInput] = strawberry.field(
        default_factory=list,
        description=MATERIALS_DESCRIPTION + ": WAGE_SUMMARY required",
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=MATERIAL_IDS_DESCRIPTION
    )

    def to_request(self) -> AnnualWageRequest:
        return AnnualWageRequest(
            ssn=self.ssn, year=self.year, average_wage=self.average_wage
        )

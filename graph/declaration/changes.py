"""人员增减变动 rows: one approved enrollment or suspension each."""

from datetime import date
from decimal import Decimal
from enum import StrEnum

import strawberry

from graph.core.masking import mask_resident_id
from graph.declaration.models import Declaration
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import InsuranceType, InsuredIdentity, SuspensionReason
from graph.person.resident_id import Gender
from graph.person.types import GenderEnum


@strawberry.enum(
    name="PersonnelChangeKind",
    description="人员增减类型 (personnel change tab): INCREASE 人员新增, "
    "SUSPENSION 人员暂停",
)
class PersonnelChangeKind(StrEnum):
    INCREASE = "INCREASE"
    SUSPENSION = "SUSPENSION"


def business_month(declaration: Declaration) -> str:
    """Return the month of the business date as YYYYMM (业务年月)."""
    day = declaration.business_date
    return f"{day.year:04d}{day.month:02d}"


def change_base(declaration: Declaration) -> Decimal | None:
    """Return the base of the declaration's first record, None if it has none."""
    records = declaration.data.get("records", [])
    return Decimal(records[0]["base"]) if records else None


@strawberry.type(description="人员增减变动 (one personnel change)")
class PersonnelChange:
    model: strawberry.Private[Declaration]
    masked: strawberry.Private[bool]

    @strawberry.field(description="申报ID (declaration id)")
    def declaration_id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="业务年月 (business month, YYYYMM)")
    def business_month(self) -> str:
        return business_month(self.model)

    @strawberry.field(description="业务日期 (enrollment or suspension date)")
    def business_date(self) -> date:
        return self.model.business_date

    @strawberry.field(description="统一社会信用代码 (unit credit code)")
    def credit_code(self) -> str:
        return self.model.unit.credit_code

    @strawberry.field(description="单位名称 (unit name)")
    def unit_name(self) -> str:
        return self.model.unit.name

    @strawberry.field(
        description="社会保障号码 (SSN; masked unless fullValues is true)"
    )
    def ssn(self) -> str:
        return mask_resident_id(self.model.ssn) if self.masked else self.model.ssn

    @strawberry.field(description="姓名 (name)")
    def name(self) -> str:
        return self.model.person_name

    @strawberry.field(description="性别 (gender)")
    def gender(self) -> GenderEnum:
        return Gender(self.model.data["gender"])

    @strawberry.field(description="性别名称 (gender label)")
    def gender_label(self) -> str:
        return Gender(self.model.data["gender"]).label

    @strawberry.field(description="参保身份 (insured identity)")
    def identity(self) -> InsuredIdentity | None:
        value = self.model.identity
        return insurance_codes.InsuredIdentity(value) if value else None

    @strawberry.field(description="险种类型 (insurance types)")
    def insurance_types(self) -> list[InsuranceType]:
        return [
            insurance_codes.InsuranceType(code)
            for code in self.model.insurance_types.split(",")
            if code
        ]

    @strawberry.field(description="缴费基数 (contribution base of the pension record)")
    def base(self) -> Decimal | None:
        return change_base(self.model)

    @strawberry.field(description="中断原因 (suspension reason, for suspensions)")
    def suspension_reason(self) -> SuspensionReason | None:
        value = self.model.data.get("reason")
        return insurance_codes.SuspensionReason(value) if value else None


@strawberry.type(description="人员增减变动分页结果 (personnel change page)")
class PersonnelChangePage:
    total_count: int = strawberry.field(description="总条数 (total)")
    items: list[PersonnelChange] = strawberry.field(description="本页记录 (items)")

from datetime import date
from decimal import Decimal

import strawberry

from graph.contribution.refunds import RefundItem
from graph.insurance import codes
from graph.insurance.enums import (
    BaseAdjustmentEnum,
    EmploymentForm,
    InsuranceStatus,
    InsuranceType,
    InsuredIdentity,
    SuspensionReason,
)
from graph.insurance.models import InsuranceRecord


@strawberry.type(name="InsuranceRecord", description="参保记录 (insurance record)")
class InsuranceRecordType:
    model: strawberry.Private[InsuranceRecord]

    @strawberry.field(description="险种类型 (insurance type)")
    def insurance_type(self) -> InsuranceType:
        return codes.InsuranceType(self.model.insurance_type)

    @strawberry.field(description="险种名称 (insurance type label)")
    def insurance_type_label(self) -> str:
        return codes.InsuranceType(self.model.insurance_type).label

    @strawberry.field(description="参保状态 (status)")
    def status(self) -> InsuranceStatus:
        return codes.InsuranceStatus(self.model.status)

    @strawberry.field(description="参保状态名称 (status label: 参保缴费 / 暂停缴费)")
    def status_label(self) -> str:
        return codes.InsuranceStatus(self.model.status).label

    @strawberry.field(description="本次参保时间 (this enrollment date)")
    def enroll_date(self) -> date:
        return self.model.enroll_date

    @strawberry.field(description="首次参保年月 (first enrollment month, YYYYMM)")
    def first_enroll_month(self) -> str:
        return self.model.first_enroll_month

    @strawberry.field(description="缴费基数 (contribution base, yuan)")
    def base(self) -> Decimal:
        return self.model.base

    @strawberry.field(description="费率档次 (rate grade)")
    def rate_grade(self) -> int:
        return self.model.rate_grade

    @strawberry.field(description="参保身份 (insured identity)")
    def identity(self) -> InsuredIdentity:
        return codes.InsuredIdentity(self.model.identity)

    @strawberry.field(description="职工工种 (job type)")
    def job_type(self) -> str:
        return self.model.job_type

    @strawberry.field(
        description="离退休年龄 (statutory retirement age base: 50, 55 or 60)"
    )
    def retirement_age(self) -> int:
        return self.model.retirement_age

    @strawberry.field(description="用工形式 (employment form)")
    def employment_form(self) -> EmploymentForm | None:
        value = self.model.employment_form
        return codes.EmploymentForm(value) if value else None

    @strawberry.field(description="中断原因 (suspension reason)")
    def suspension_reason(self) -> SuspensionReason | None:
        value = self.model.suspension_reason
        return codes.SuspensionReason(value) if value else None

    @strawberry.field(description="停保时间 (suspension date)")
    def suspend_date(self) -> date | None:
        return self.model.suspend_date

    @strawberry.field(description="停保备注 (suspension remark)")
    def suspension_remark(self) -> str:
        return self.model.suspension_remark


@strawberry.type(
    name="PlannedInsuranceRecord",
    description="核定的参保信息 (insurance record as it will be after approval)",
)
class PlannedRecordType:
    region_code: str = strawberry.field(description="所属统筹区代码 (region code)")
    region_name: str = strawberry.field(description="所属统筹区 (region name)")
    insurance_type: InsuranceType = strawberry.field(description="险种类型 (type)")
    insurance_type_label: str = strawberry.field(description="险种名称 (type label)")
    base: Decimal = strawberry.field(description="缴费基数 (contribution base, yuan)")
    base_floor: Decimal = strawberry.field(description="缴费基数下限 (base floor)")
    base_ceiling: Decimal = strawberry.field(description="缴费基数上限 (base ceiling)")
    base_adjustment: BaseAdjustmentEnum | None = strawberry.field(
        description="基数调整 (set when the declared wage was clamped)"
    )
    rate_grade: int = strawberry.field(description="费率档次 (rate grade)")
    first_enroll_month: str = strawberry.field(
        description="首次参保年月 (first enrollment month, YYYYMM)"
    )
    parameters_are_samples: bool = strawberry.field(
        description="基数上下限为示例数据 (true when the limits are sample values)"
    )

    @classmethod
    def from_data(cls, data: dict, region_name: str) -> "PlannedRecordType":
        insurance_type = codes.InsuranceType(data["insurance_type"])
        adjustment = data["base_adjustment"]
        return cls(
            region_code=data["region_code"],
            region_name=region_name,
            insurance_type=insurance_type,
            insurance_type_label=insurance_type.label,
            base=Decimal(data["base"]),
            base_floor=Decimal(data["base_floor"]),
            base_ceiling=Decimal(data["base_ceiling"]),
            base_adjustment=BaseAdjustmentEnum(adjustment) if adjustment else None,
            rate_grade=data["rate_grade"],
            first_enroll_month=data["first_enroll_month"],
            parameters_are_samples=data["parameters_are_samples"],
        )


@strawberry.type(
    name="PensionRefund",
    description="养老保险退收处理结果 (one paid month whose individual pension part "
    "a suspension refunds)",
)
class PensionRefundType:
    month: str = strawberry.field(
        description="对应费款所属期 (contribution month, YYYYMM)"
    )
    base: Decimal = strawberry.field(description="缴费基数 (contribution base)")
    individual_amount: Decimal = strawberry.field(
        description="个人部分金额 (individual part refunded, yuan)"
    )

    @classmethod
    def from_item(cls, item: RefundItem) -> "PensionRefundType":
        return cls(
            month=item.month, base=item.base, individual_amount=item.individual_amount
        )

"""GraphQL types of back payments and annual wage declarations."""

from datetime import date
from decimal import Decimal

import strawberry

from graph.contribution.back_payment import BackPaymentLine, lines_from_data
from graph.contribution.wage_declaration import PlannedBase
from graph.contribution.wage_report import WageDeclarationRow
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import BaseAdjustmentEnum, InsuranceType


@strawberry.type(description="补缴明细 (one month of one insurance type)")
class BackPaymentLineType:
    month: str = strawberry.field(description="费款所属期 (month, YYYYMM)")
    insurance_type: InsuranceType = strawberry.field(description="险种 (type)")
    base: Decimal = strawberry.field(
        description="缴费基数 (base: the requested base clamped to the month's "
        "floor and ceiling)"
    )
    base_adjustment: BaseAdjustmentEnum | None = strawberry.field(
        description="基数调整 (set when the base was raised to the floor or "
        "lowered to the ceiling)"
    )
    unit_rate: Decimal = strawberry.field(description="单位费率 (unit rate)")
    individual_rate: Decimal = strawberry.field(
        description="个人费率 (individual rate)"
    )
    unit_amount: Decimal = strawberry.field(description="单位部分 (unit part, yuan)")
    individual_amount: Decimal = strawberry.field(
        description="个人部分 (individual part, yuan)"
    )
    late_fee: Decimal = strawberry.field(
        description="滞纳金 (late fee, yuan: unit and individual parts × daily "
        "rate × days)"
    )
    late_fee_days: int = strawberry.field(
        description="滞纳天数 (days from the month's due date to the application date)"
    )
    total: Decimal = strawberry.field(description="合计 (total, yuan)")

    @classmethod
    def from_line(cls, line: BackPaymentLine) -> "BackPaymentLineType":
        return cls(
            month=line.month,
            insurance_type=line.insurance_type,
            base=line.base,
            base_adjustment=line.base_adjustment,
            unit_rate=line.unit_rate,
            individual_rate=line.individual_rate,
            unit_amount=line.unit_amount,
            individual_amount=line.individual_amount,
            late_fee=line.late_fee,
            late_fee_days=line.late_fee_days,
            total=line.total,
        )


@strawberry.type(description="补缴核定 (back payment as computed)")
class BackPaymentDetails:
    from_month: str = strawberry.field(description="补缴起始年月 (from, YYYYMM)")
    to_month: str = strawberry.field(description="补缴终止年月 (to, YYYYMM)")
    declared_base: Decimal = strawberry.field(
        description="申报补缴基数 (base as requested)"
    )
    applied_on: date = strawberry.field(
        description="申请日期 (application date, the end of the late-fee days)"
    )
    late_fee_daily_rate: Decimal = strawberry.field(
        description="滞纳金日费率 (daily late-fee rate in force when applied)"
    )
    insurance_types: list[InsuranceType] = strawberry.field(
        description="补缴险种 (insurance types)"
    )
    base_adjusted: bool = strawberry.field(
        description="基数已调整 (true when some month's base was clamped)"
    )
    lines: list[BackPaymentLineType] = strawberry.field(
        description="补缴明细 (per month and type, by month then type code)"
    )
    unit_total: Decimal = strawberry.field(description="单位部分合计 (yuan)")
    individual_total: Decimal = strawberry.field(description="个人部分合计 (yuan)")
    late_fee_total: Decimal = strawberry.field(description="滞纳金合计 (yuan)")
    total: Decimal = strawberry.field(
        description="应缴合计 (amount due: both parts plus late fee, yuan)"
    )

    @classmethod
    def from_data(cls, data: dict) -> "BackPaymentDetails":
        lines = lines_from_data(data)
        return cls(
            from_month=data["fromMonth"],
            to_month=data["toMonth"],
            declared_base=Decimal(data["declaredBase"]),
            applied_on=date.fromisoformat(data["appliedOn"]),
            late_fee_daily_rate=Decimal(data["lateFeeDailyRate"]),
            insurance_types=[
                insurance_codes.InsuranceType(t) for t in data["insuranceTypes"]
            ],
            base_adjusted=any(line.base_adjustment for line in lines),
            lines=[BackPaymentLineType.from_line(line) for line in lines],
            unit_total=sum((line.unit_amount for line in lines), Decimal("0.00")),
            individual_total=sum(
                (line.individual_amount for line in lines), Decimal("0.00")
            ),
            late_fee_total=sum((line.late_fee for line in lines), Decimal("0.00")),
            total=sum((line.total for line in lines), Decimal("0.00")),
        )


@strawberry.type(description="核定基数 (next year's base of one insurance type)")
class PlannedBaseType:
    insurance_type: InsuranceType = strawberry.field(description="险种 (type)")
    base: Decimal = strawberry.field(description="缴费基数 (base, yuan)")
    base_adjustment: BaseAdjustmentEnum | None = strawberry.field(
        description="基数调整 (set when the wage was clamped)"
    )

    @classmethod
    def from_planned(cls, planned: PlannedBase) -> "PlannedBaseType":
        return cls(
            insurance_type=planned.insurance_type,
            base=planned.base,
            base_adjustment=planned.base_adjustment,
        )


@strawberry.type(description="上年度工资申报内容 (requested annual wage)")
class AnnualWageDetails:
    year: int = strawberry.field(description="工资年度 (wage year)")
    average_wage: Decimal = strawberry.field(
        description="上年度月平均工资 (average monthly wage of the year, yuan)"
    )
    base_year: int = strawberry.field(
        description="基数年度 (the year whose bases approval sets: year + 1)"
    )

    @classmethod
    def from_data(cls, data: dict) -> "AnnualWageDetails":
        return cls(
            year=data["year"],
            average_wage=Decimal(data["averageWage"]),
            base_year=data["year"] + 1,
        )


@strawberry.type(
    description="缴费工资申报信息 (one unit's wage declarations of a year)"
)
class WageDeclarationRowType:
    year: int = strawberry.field(description="年度 (wage year)")
    credit_code: str = strawberry.field(description="统一社会信用代码 (credit code)")
    unit_name: str = strawberry.field(description="单位名称 (unit name)")
    unit_nature: str = strawberry.field(description="单位性质 (unit nature)")
    due_count: int = strawberry.field(
        description="应申报数量 (persons with a pension record in the unit active "
        "on some day of the year)"
    )
    declared_count: int = strawberry.field(
        description="申报成功人数 (persons with an approved declaration of the year)"
    )
    declarant: str | None = strawberry.field(
        description="申报人 (submitter of the latest declaration not withdrawn)"
    )

    @classmethod
    def from_row(cls, row: WageDeclarationRow) -> "WageDeclarationRowType":
        return cls(
            year=row.year,
            credit_code=row.unit.credit_code,
            unit_name=row.unit.name,
            unit_nature=row.unit.nature,
            due_count=row.due_count,
            declared_count=row.declared_count,
            declarant=row.declarant,
        )


@strawberry.type(description="缴费工资申报分页结果 (wage declaration page)")
class WageDeclarationPage:
    total_count: int = strawberry.field(description="总条数 (total)")
    items: list[WageDeclarationRowType] = strawberry.field(description="本页 (items)")

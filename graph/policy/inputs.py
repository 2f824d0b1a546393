from datetime import date
from decimal import Decimal

import strawberry

from graph.core.text import normalize_code
from graph.insurance.enums import InsuranceType
from graph.policy.periods import (
    InsuranceTerms,
    PolicyPeriod,
    Span,
    WorkInjuryTerms,
)


@strawberry.input(description="险种缴费基数和费率 (base limits and rates of one type)")
class PolicyInsuranceParameterInput:
    insurance_type: InsuranceType = strawberry.field(description="险种类型 (type)")
    base_floor: Decimal = strawberry.field(
        description="缴费基数下限 (base floor, yuan, above 0)"
    )
    base_ceiling: Decimal = strawberry.field(
        description="缴费基数上限 (base ceiling, yuan, not below the floor)"
    )
    unit_rate: Decimal = strawberry.field(
        default=Decimal(0),
        description="单位费率 (unit rate, e.g. 0.16; 0 for work injury, whose "
        "rate comes from workInjuryRates)",
    )
    individual_rate: Decimal = strawberry.field(
        default=Decimal(0),
        description="个人费率 (individual rate, e.g. 0.08; 0 for work injury)",
    )


@strawberry.input(
    description="工伤保险费率 (work injury rate of a risk class and grade)"
)
class WorkInjuryRateInput:
    risk_class: int = strawberry.field(description="行业风险类别 (risk class, 1-8)")
    rate_grade: int = strawberry.field(description="费率档次 (rate grade, from 1)")
    rate: Decimal = strawberry.field(description="单位费率 (unit rate, e.g. 0.0048)")


@strawberry.input(description="政策期间 (a new policy period for regions)")
class LoadPolicyPeriodInput:
    region_codes: list[str] = strawberry.field(
        description="统筹区代码 (regions, each one of the reviewer's regions)"
    )
    valid_from: date = strawberry.field(description="生效日期 (first day)")
    valid_to: date | None = strawberry.field(
        default=None, description="失效日期 (last day, inclusive; null for open-ended)"
    )
    insurance_parameters: list[PolicyInsuranceParameterInput] = strawberry.field(
        description="险种缴费基数和费率 (one row for each of PENSION, UNEMPLOYMENT "
        "and WORK_INJURY)"
    )
    work_injury_rates: list[WorkInjuryRateInput] = strawberry.field(
        description="工伤保险费率 (every risk class 1-8, each with the same rate "
        "grades; at most 200 rows)"
    )
    crediting_rate: Decimal = strawberry.field(
        description="个人账户记账利率 (yearly crediting rate, e.g. 0.0262)"
    )
    late_fee_daily_rate: Decimal = strawberry.field(
        description="滞纳金日费率 (daily late-fee rate, e.g. 0.0005)"
    )
    is_sample: bool = strawberry.field(
        default=False,
        description="示例数据 (true when the values are samples, not official figures)",
    )
    close_open_period: bool = strawberry.field(
        default=False,
        description="自动截止长期有效的期间 (when true, an open-ended period of a "
        "region that starts earlier ends the day before validFrom; when false, "
        "it is an overlap and the request is rejected)",
    )

    def to_period(self) -> PolicyPeriod:
        return PolicyPeriod(
            span=Span(self.valid_from, self.valid_to),
            insurance_terms=[
                InsuranceTerms(
                    insurance_type=row.insurance_type,
                    base_floor=row.base_floor,
                    base_ceiling=row.base_ceiling,
                    unit_rate=row.unit_rate,
                    individual_rate=row.individual_rate,
                )
                for row in self.insurance_parameters
            ],
            work_injury_rates=[
                WorkInjuryTerms(row.risk_class, row.rate_grade, row.rate)
                for row in self.work_injury_rates
            ],
            crediting_rate=self.crediting_rate,
            late_fee_daily_rate=self.late_fee_daily_rate,
            is_sample=self.is_sample,
        )

    def normalized_region_codes(self) -> list[str]:
        return [normalize_code(code) for code in self.region_codes]

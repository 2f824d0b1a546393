from datetime import date

import strawberry

from graph.core.types import FieldError
from graph.policy.loading import ClosedPeriod


@strawberry.type(description="已截止的政策期间 (an open-ended period that was closed)")
class ClosedPolicyPeriod:
    region_code: str = strawberry.field(description="统筹区代码 (region code)")
    valid_from: date = strawberry.field(description="生效日期 (first day)")
    valid_to: date = strawberry.field(
        description="失效日期 (new last day: the day before the new period starts)"
    )

    @classmethod
    def from_closed(cls, closed: ClosedPeriod) -> "ClosedPolicyPeriod":
        return cls(
            region_code=closed.region_code,
            valid_from=closed.span.valid_from,
            valid_to=closed.closed_on,
        )


@strawberry.type(description="政策期间加载结果 (load policy period payload)")
class LoadPolicyPeriodPayload:
    region_codes: list[str] = strawberry.field(
        description="统筹区代码 (regions that received the period; empty on errors)"
    )
    closed_periods: list[ClosedPolicyPeriod] = strawberry.field(
        description="已截止的期间 (open-ended periods closed to make room)"
    )
    rows_inserted: int = strawberry.field(
        description="新增参数行数 (policy, work injury and fund rows inserted)"
    )
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")

from typing import Annotated

import strawberry

from graph.core.api_errors import Forbidden
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.permissions import IsReviewer
from graph.core.types import field_errors
from graph.policy.inputs import LoadPolicyPeriodInput
from graph.policy.loading import add_policy_periods
from graph.policy.types import ClosedPolicyPeriod, LoadPolicyPeriodPayload


@strawberry.type
class LoadPolicyPeriodMutation:
    @strawberry.mutation(
        description="新增政策期间 (add a policy period to regions of the reviewer: "
        "base limits and rates, work injury rates, crediting and late-fee rates; "
        "periods of a region may not overlap; all regions in one transaction)",
        permission_classes=[IsReviewer],
    )
    async def load_policy_period(
        self,
        info: Info,
        input: Annotated[
            LoadPolicyPeriodInput, strawberry.argument(description="政策期间")
        ],
    ) -> LoadPolicyPeriodPayload:
        actor = info.context.actor
        region_codes = input.normalized_region_codes()
        outside = [code for code in region_codes if code not in actor.region_codes]
        if outside:
            raise Forbidden(f"您无权维护统筹区{'、'.join(outside)}的政策参数")
        try:
            result = await add_policy_periods(
                region_codes,
                [input.to_period()],
                close_open_ended=input.close_open_period,
                actor=actor,
                source="api",
            )
        except ValidationFailed as failed:
            return LoadPolicyPeriodPayload(
                region_codes=[],
                closed_periods=[],
                rows_inserted=0,
                errors=field_errors(failed.problems),
            )
        return LoadPolicyPeriodPayload(
            region_codes=result.region_codes,
            closed_periods=[ClosedPolicyPeriod.from_closed(c) for c in result.closed],
            rows_inserted=result.rows_inserted,
            errors=[],
        )

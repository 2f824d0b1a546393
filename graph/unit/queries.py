from typing import Annotated

import strawberry

from graph.core.context import Info
from graph.core.permissions import ActsForUnit, IsAuthenticated, require_full_values
from graph.region.models import Region
from graph.region.types import RegionType
from graph.unit.models import Unit
from graph.unit.types import UnitType


@strawberry.type
class UnitQuery:
    @strawberry.field(
        description="单位信息查询 (the unit the caller acts for)",
        permission_classes=[ActsForUnit],
    )
    async def unit(
        self,
        info: Info,
        full_values: Annotated[
            bool,
            strawberry.argument(
                description="显示完整号码 (unmasked mobile, ID and bank account)"
            ),
        ] = False,
    ) -> UnitType:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        unit = await Unit.get(id=actor.unit_id).select_related("region")
        return UnitType(model=unit, masked=not full)

    @strawberry.field(
        description="统筹区列表 (pooling regions)", permission_classes=[IsAuthenticated]
    )
    async def regions(self) -> list[RegionType]:
        return [RegionType.from_model(region) for region in await Region.all()]

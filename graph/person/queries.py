from typing import Annotated

import strawberry

from graph.core.context import Info
from graph.core.paging import page_request
from graph.core.permissions import ActsForUnit, require_full_values
from graph.files.types import ExportFile
from graph.person import export, service
from graph.person.types import PersonFilter, PersonPage, PersonType


@strawberry.type
class PersonQuery:
    @strawberry.field(
        description="人员详情 (one person of the acting unit, with full values; null "
        "when the person has no record in the unit)",
        permission_classes=[ActsForUnit],
    )
    async def person(
        self,
        info: Info,
        ssn: Annotated[str, strawberry.argument(description="社会保障号码 (SSN)")],
    ) -> PersonType | None:
        person = await service.person_in_unit(info.context.actor.unit_id, ssn)
        return PersonType(model=person, masked=False) if person else None

    @strawberry.field(
        description="单位人员信息查询 (roster of the acting unit, sorted by name)",
        permission_classes=[ActsForUnit],
    )
    async def persons(
        self,
        info: Info,
        filter: Annotated[
            PersonFilter | None, strawberry.argument(description="查询条件 (filter)")
        ] = None,
        page: Annotated[
            int, strawberry.argument(description="页码 (page, from 1)")
        ] = 1,
        page_size: Annotated[
            int, strawberry.argument(description="每页条数 (page size, 1-100)")
        ] = 20,
        full_values: Annotated[
            bool,
            strawberry.argument(
                description="显示完整号码 (unmasked ID and phone numbers)"
            ),
        ] = False,
    ) -> PersonPage:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        paging = page_request(page, page_size)
        criteria = (filter or PersonFilter()).criteria()
        total, persons = await service.roster_page(actor.unit_id, paging, criteria)
        return PersonPage(
            total_count=total,
            items=[PersonType(model=person, masked=not full) for person in persons],
        )

    @strawberry.field(
        description="单位人员信息导出 (roster export: a download link of an .xlsx "
        "with every person that persons returns for the same filter; ID and "
        "mobile numbers masked unless fullValues is true)",
        permission_classes=[ActsForUnit],
    )
    def roster_export(
        self,
        info: Info,
        filter: Annotated[
            PersonFilter | None,
            strawberry.argument(description="查询条件 (filter, as for persons)"),
        ] = None,
        full_values: Annotated[
            bool,
            strawberry.argument(
                description="导出完整号码 (unmasked ID and mobile numbers)"
            ),
        ] = False,
    ) -> ExportFile:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        criteria = (filter or PersonFilter()).criteria()
        return export.roster_export_file(actor, criteria, full)

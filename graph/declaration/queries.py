from datetime import date
from typing import Annotated

import strawberry

from graph.core.api_errors import BadUserInput
from graph.core.context import Info
from graph.core.ids import parse_row_id
from graph.core.paging import page_request
from graph.core.permissions import ActsForUnitOrReviews, require_full_values
from graph.declaration import repository
from graph.declaration.changes import (
    PersonnelChange,
    PersonnelChangeKind,
    PersonnelChangePage,
)
from graph.declaration.types import DeclarationFilter, DeclarationPage, DeclarationType
from graph.insurance.enums import InsuranceType, InsuredIdentity

# A year and a bit covers the manual's use (one business year at a time)
# while keeping each query on an index range of bounded size.
MAX_CHANGE_RANGE_DAYS = 400

PageArgument = Annotated[int, strawberry.argument(description="页码 (page, from 1)")]
PageSizeArgument = Annotated[
    int, strawberry.argument(description="每页条数 (page size, 1-100)")
]
FullValuesArgument = Annotated[
    bool, strawberry.argument(description="显示完整号码 (unmasked ID and phone)")
]


@strawberry.type
class DeclarationQuery:
    @strawberry.field(
        description="单位业务申报进度查询 (declarations: the unit's for unit staff, "
        "the regions' for reviewers; newest first)",
        permission_classes=[ActsForUnitOrReviews],
    )
    async def declarations(
        self,
        info: Info,
        filter: Annotated[
            DeclarationFilter | None, strawberry.argument(description="查询条件")
        ] = None,
        page: PageArgument = 1,
        page_size: PageSizeArgument = 20,
        full_values: FullValuesArgument = False,
    ) -> DeclarationPage:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        paging = page_request(page, page_size)
        criteria = filter or DeclarationFilter()
        total, items = await repository.declaration_page(
            actor,
            paging,
            kind=criteria.kind,
            status=criteria.status,
            settlement_month=criteria.settlement_month,
            person_name=criteria.person_name,
        )
        return DeclarationPage(
            total_count=total,
            items=[DeclarationType(model=item, masked=not full) for item in items],
        )

    @strawberry.field(
        description="申报详情 (one declaration the caller may see, unmasked)",
        permission_classes=[ActsForUnitOrReviews],
    )
    async def declaration(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="申报ID")],
    ) -> DeclarationType | None:
        item = await repository.readable_declaration(
            info.context.actor, parse_row_id(id)
        )
        return DeclarationType(model=item, masked=False) if item else None

    @strawberry.field(
        description="单位人员增减变动查询 (approved enrollments or suspensions whose "
        "business date lies in [from, to])",
        permission_classes=[ActsForUnitOrReviews],
    )
    async def personnel_changes(
        self,
        info: Info,
        kind: Annotated[
            PersonnelChangeKind,
            strawberry.argument(description="人员新增 / 人员暂停 (tab)"),
        ],
        from_: Annotated[
            date, strawberry.argument(name="from", description="查询时间起 (from)")
        ],
        to: Annotated[date, strawberry.argument(description="查询时间止 (to)")],
        credit_code: Annotated[
            str | None, strawberry.argument(description="统一社会信用代码")
        ] = None,
        unit_name: Annotated[
            str | None, strawberry.argument(description="单位名称 (partial match)")
        ] = None,
        ssn: Annotated[
            str | None, strawberry.argument(description="社会保障号码 (SSN)")
        ] = None,
        name: Annotated[
            str | None, strawberry.argument(description="姓名 (partial match)")
        ] = None,
        identity: Annotated[
            InsuredIdentity | None, strawberry.argument(description="参保身份")
        ] = None,
        insurance_type: Annotated[
            InsuranceType | None, strawberry.argument(description="险种类型")
        ] = None,
        page: PageArgument = 1,
        page_size: PageSizeArgument = 20,
        full_values: FullValuesArgument = False,
    ) -> PersonnelChangePage:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        paging = page_request(page, page_size)
        if to < from_:
            raise BadUserInput(
                f"查询时间止 to（{to.isoformat()}）不能早于查询时间起 from"
                f"（{from_.isoformat()}）"
            )
        if (to - from_).days > MAX_CHANGE_RANGE_DAYS:
            raise BadUserInput(
                f"查询时间范围不能超过{MAX_CHANGE_RANGE_DAYS}天，"
                f"实际为{(to - from_).days}天"
            )
        total, items = await repository.personnel_change_page(
            actor,
            paging,
            increase=kind is PersonnelChangeKind.INCREASE,
            date_from=from_,
            date_to=to,
            credit_code=credit_code,
            unit_name=unit_name,
            ssn=ssn,
            name=name,
            identity=identity,
            insurance_type=insurance_type,
        )
        return PersonnelChangePage(
            total_count=total,
            items=[PersonnelChange(model=item, masked=not full) for item in items],
        )

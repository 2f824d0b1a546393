from datetime import date
from typing import Annotated

import strawberry

from graph.core.context import Info
from graph.core.ids import parse_row_id
from graph.core.paging import page_request
from graph.core.permissions import ActsForUnitOrReviews, require_full_values
from graph.declaration import export, repository
from graph.declaration.changes import (
    PersonnelChange,
    PersonnelChangeKind,
    PersonnelChangePage,
)
from graph.declaration.repository import ChangeCriteria, check_change_range
from graph.declaration.types import DeclarationFilter, DeclarationPage, DeclarationType
from graph.files.types import ExportFile
from graph.insurance.enums import InsuranceType, InsuredIdentity

PageArgument = Annotated[int, strawberry.argument(description="页码 (page, from 1)")]
PageSizeArgument = Annotated[
    int, strawberry.argument(description="每页条数 (page size, 1-100)")
]
FullValuesArgument = Annotated[
    bool, strawberry.argument(description="显示完整号码 (unmasked ID and phone)")
]
FromArgument = Annotated[
    date, strawberry.argument(name="from", description="查询时间起 (from)")
]
ToArgument = Annotated[date, strawberry.argument(description="查询时间止 (to)")]
CreditCodeArgument = Annotated[
    str | None, strawberry.argument(description="统一社会信用代码 (unit credit code)")
]
UnitNameArgument = Annotated[
    str | None, strawberry.argument(description="单位名称 (partial match)")
]
SsnArgument = Annotated[
    str | None, strawberry.argument(description="社会保障号码 (SSN)")
]
NameArgument = Annotated[
    str | None, strawberry.argument(description="姓名 (partial match)")
]
IdentityArgument = Annotated[
    InsuredIdentity | None,
    strawberry.argument(description="参保身份 (insured identity)"),
]
InsuranceTypeArgument = Annotated[
    InsuranceType | None, strawberry.argument(description="险种类型 (insurance type)")
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
        from_: FromArgument,
        to: ToArgument,
        credit_code: CreditCodeArgument = None,
        unit_name: UnitNameArgument = None,
        ssn: SsnArgument = None,
        name: NameArgument = None,
        identity: IdentityArgument = None,
        insurance_type: InsuranceTypeArgument = None,
        page: PageArgument = 1,
        page_size: PageSizeArgument = 20,
        full_values: FullValuesArgument = False,
    ) -> PersonnelChangePage:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        paging = page_request(page, page_size)
        check_change_range(from_, to)
        criteria = ChangeCriteria(
            date_from=from_,
            date_to=to,
            credit_code=credit_code,
            unit_name=unit_name,
            ssn=ssn,
            name=name,
            identity=identity,
            insurance_type=insurance_type,
        )
        total, items = await repository.personnel_change_page(
            actor, paging, kind is PersonnelChangeKind.INCREASE, criteria
        )
        return PersonnelChangePage(
            total_count=total,
            items=[PersonnelChange(model=item, masked=not full) for item in items],
        )

    @strawberry.field(
        description="单位人员增减变动导出 (personnel changes export: a download "
        "link of an .xlsx with the sheets 人员新增 and 人员暂停, each with every "
        "row personnelChanges returns for the same arguments; ID numbers masked "
        "unless fullValues is true)",
        permission_classes=[ActsForUnitOrReviews],
    )
    def personnel_changes_export(
        self,
        info: Info,
        from_: FromArgument,
        to: ToArgument,
        credit_code: CreditCodeArgument = None,
        unit_name: UnitNameArgument = None,
        ssn: SsnArgument = None,
        name: NameArgument = None,
        identity: IdentityArgument = None,
        insurance_type: InsuranceTypeArgument = None,
        full_values: Annotated[
            bool,
            strawberry.argument(description="导出完整号码 (unmasked ID numbers)"),
        ] = False,
    ) -> ExportFile:
        actor = info.context.actor
        full = require_full_values(actor, full_values)
        check_change_range(from_, to)
        criteria = ChangeCriteria(
            date_from=from_,
            date_to=to,
            credit_code=credit_code,
            unit_name=unit_name,
            ssn=ssn,
            name=name,
            identity=identity,
            insurance_type=insurance_type,
        )
        return export.personnel_changes_export_file(actor, criteria, full)

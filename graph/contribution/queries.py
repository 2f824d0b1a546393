from typing import Annotated

import strawberry

from graph.contribution.types import WageDeclarationPage, WageDeclarationRowType
from graph.contribution.wage_declaration import FIRST_YEAR
from graph.contribution.wage_report import wage_declaration_page
from graph.core.api_errors import BadUserInput
from graph.core.clock import today
from graph.core.context import Info
from graph.core.paging import page_request
from graph.core.permissions import ActsForUnitOrReviews
from graph.core.text import normalize_code, normalize_text
from graph.declaration.queries import (
    CreditCodeArgument,
    PageArgument,
    PageSizeArgument,
    UnitNameArgument,
)


@strawberry.type
class WageDeclarationQuery:
    @strawberry.field(
        description="缴费工资申报查询 (per unit: persons due to declare a year's "
        "wage and persons declared; the caller's unit, or a reviewer's regions)",
        permission_classes=[ActsForUnitOrReviews],
    )
    async def wage_declarations(
        self,
        info: Info,
        year: Annotated[int, strawberry.argument(description="年度 (wage year)")],
        credit_code: CreditCodeArgument = None,
        unit_name: UnitNameArgument = None,
        page: PageArgument = 1,
        page_size: PageSizeArgument = 20,
    ) -> WageDeclarationPage:
        if not FIRST_YEAR <= year <= today().year:
            raise BadUserInput(
                f"年度 year 应在{FIRST_YEAR}到{today().year}之间，实际为{year}"
            )
        total, rows = await wage_declaration_page(
            info.context.actor,
            year,
            page_request(page, page_size),
            credit_code=normalize_code(credit_code),
            unit_name=normalize_text(unit_name),
        )
        return WageDeclarationPage(
            total_count=total,
            items=[WageDeclarationRowType.from_row(row) for row in rows],
        )

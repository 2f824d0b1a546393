from typing import Annotated

import strawberry

from graph.contribution import service
from graph.contribution.account_types import PensionAccount, PensionAccountPayload
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.permissions import ActsForUnitOrReviews
from graph.core.types import field_errors


@strawberry.type
class PensionAccountQuery:
    @strawberry.field(
        description="职工基本养老保险个人账户信息表 (a person's pension individual "
        "account for a year, with every earlier year; unit staff see persons "
        "with a record in their unit, reviewers those of their regions)",
        permission_classes=[ActsForUnitOrReviews],
    )
    async def pension_account(
        self,
        info: Info,
        ssn: Annotated[
            str,
            strawberry.argument(description="社会保障号码 (social security number)"),
        ],
        year: Annotated[
            int,
            strawberry.argument(description="年度 (year, not later than this year)"),
        ],
    ) -> PensionAccountPayload:
        try:
            statement = await service.pension_account(
                info.context.actor, ssn, year, today()
            )
        except ValidationFailed as failed:
            return PensionAccountPayload(
                account=None, errors=field_errors(failed.problems)
            )
        return PensionAccountPayload(
            account=PensionAccount.from_statement(statement), errors=[]
        )

from decimal import Decimal

import strawberry

from graph.contribution.rules import AccountYear
from graph.contribution.service import PensionAccountStatement
from graph.core.types import FieldError


@strawberry.type(
    description="个人账户年度记账 (one year of the pension individual account)"
)
class PensionAccountYear:
    year: int = strawberry.field(description="年度 (year)")
    opening_balance: Decimal = strawberry.field(
        description="上年末累计储存额 (opening balance: last year's closing, yuan)"
    )
    months_paid: int = strawberry.field(
        description="当年缴费月数 (distinct months with paid pension contributions)"
    )
    credits: Decimal = strawberry.field(
        description="当年个人缴费记账额 (individual contributions credited, yuan)"
    )
    crediting_rate: Decimal = strawberry.field(
        description="记账利率 (crediting rate in force on 31 December, e.g. 0.0262)"
    )
    interest: Decimal = strawberry.field(
        description="当年记账利息 (interest: opening balance × rate + credits × "
        "rate × 1.083 / 2, rounded once to the fen)"
    )
    closing_balance: Decimal = strawberry.field(
        description="年末累计储存额 (closing balance, yuan)"
    )
    rate_is_sample: bool = strawberry.field(
        description="利率为示例数据 (true when the crediting rate is a sample value, "
        "not an official figure)"
    )

    @classmethod
    def from_year(cls, account: AccountYear, is_sample: bool) -> "PensionAccountYear":
        return cls(
            year=account.year,
            opening_balance=account.opening_balance,
            months_paid=account.months_paid,
            credits=account.credits,
            crediting_rate=account.rate,
            interest=account.interest,
            closing_balance=account.closing_balance,
            rate_is_sample=is_sample,
        )


@strawberry.type(
    description="职工基本养老保险个人账户信息表 (pension individual account statement)"
)
class PensionAccount:
    ssn: str = strawberry.field(description="社会保障号码 (social security number)")
    name: str = strawberry.field(description="姓名 (name)")
    year: int = strawberry.field(description="年度 (requested year)")
    region_code: str | None = strawberry.field(
        description="统筹区代码 (region whose crediting rates apply: that of the "
        "current pension record; null when the person never contributed)"
    )
    region_name: str | None = strawberry.field(description="统筹区名称 (region name)")
    statement: PensionAccountYear | None = strawberry.field(
        description="本年度记账 (the requested year; null when no pension "
        "contribution was paid up to that year)"
    )
    history: list[PensionAccountYear] = strawberry.field(
        description="历年记账 (every year from the first with paid pension "
        "contributions to the requested one, oldest first)"
    )
    rates_are_samples: bool = strawberry.field(
        description="含示例利率 (true when any year used a sample crediting rate)"
    )

    @classmethod
    def from_statement(cls, statement: PensionAccountStatement) -> "PensionAccount":
        history = statement.history
        years = [
            PensionAccountYear.from_year(year, year.year in history.sample_years)
            for year in history.years
        ]
        region = statement.region
        return cls(
            ssn=statement.person.ssn,
            name=statement.person.name,
            year=statement.year,
            region_code=region.code if region else None,
            region_name=region.name if region else None,
            statement=years[-1] if years else None,
            history=years,
            rates_are_samples=history.rates_are_samples,
        )


@strawberry.type(description="个人账户查询结果 (pension account payload)")
class PensionAccountPayload:
    account: PensionAccount | None = strawberry.field(
        description="个人账户信息 (null when the request was rejected)"
    )
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")

"""Pension individual account (职工基本养老保险个人账户信息表), year by year.

The account is rebuilt from the paid contribution lines each time it is
asked for, so a back payment or a refund shows in the next statement.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph.contribution.models import ContributionLine
from graph.contribution.rules import AccountYear, account_year
from graph.contribution.terms import fund_on
from graph.insurance.codes import InsuranceType
from graph.policy.models import FundParameter


class MissingCreditingRate(Exception):
    """Raised when no fund parameters are in force on a year's 31 December."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no crediting rate in force on {year}-12-31")
        self.year = year


@dataclass(frozen=True)
class AccountHistory:
    """Account years, from the first with contributions to the requested one."""

    years: list[AccountYear]
    # Years whose crediting rate is a sample value, not an official figure.
    sample_years: frozenset[int]

    @property
    def statement(self) -> AccountYear | None:
        """Return the requested year, or None before the first contribution."""
        return self.years[-1] if self.years else None

    @property
    def rates_are_samples(self) -> bool:
        return bool(self.sample_years)


def _counts(line: ContributionLine) -> bool:
    return (
        line.insurance_type == InsuranceType.PENSION and line.paid and not line.refunded
    )


def account_history(
    lines: Iterable[ContributionLine], funds: Iterable[FundParameter], year: int
) -> AccountHistory:
    """Work out every account year up to ``year`` from paid pension lines.

    Only paid, not refunded pension lines count, from every unit. A year's
    months paid are its distinct months with such a line, and its credits
    are the sum of their individual parts. The crediting rate is the one in
    force on the year's 31 December in ``funds``. A year without
    contributions after the first still earns interest on its opening
    balance. Raises MissingCreditingRate for the first year without a rate.
    """
    counted = [line for line in lines if _counts(line) and int(line.month[:4]) <= year]
    if not counted:
        return AccountHistory(years=[], sample_years=frozenset())
    funds = list(funds)

    months: dict[int, set[str]] = {}
    credits: dict[int, Decimal] = {}
    for line in counted:
        line_year = int(line.month[:4])
        months.setdefault(line_year, set()).add(line.month)
        credits[line_year] = credits.get(line_year, Decimal("0.00")) + (
            line.individual_amount
        )

    years = []
    sample_years = set()
    balance = Decimal("0.00")
    for current in range(min(months), year + 1):
        fund = fund_on(funds, date(current, 12, 31))
        if fund is None:
            raise MissingCreditingRate(current)
        if fund.is_sample:
            sample_years.add(current)
        account = account_year(
            current,
            balance,
            len(months.get(current, ())),
            credits.get(current, Decimal("0.00")),
            fund.crediting_rate,
        )
        years.append(account)
        balance = account.closing_balance
    return AccountHistory(years=years, sample_years=frozenset(sample_years))

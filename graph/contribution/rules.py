"""Contribution arithmetic: plain functions on Decimal, no database.

Every amount is rounded to the fen half up once, at the rule that produces
it: a line's unit part and individual part, a late fee, a year's interest.
Rates and limits come in as arguments, read by date from the policy
parameters, so no figure of policy is written here.
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from graph.core.errors import InvalidValue
from graph.core.text import normalize_code

FEN = Decimal("0.01")
# The crediting formula counts this year's credits as if paid mid-year:
# rate × 1.083 / 2, where 1.083 spreads twelve monthly payments over the year.
MIDYEAR_FACTOR = Decimal("1.083")
_MONTH = re.compile(r"([0-9]{4})([0-9]{2})")


def round_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rates:
    unit_rate: Decimal
    individual_rate: Decimal


@dataclass(frozen=True)
class LineAmounts:
    """One person's contribution of one type for one month."""

    base: Decimal
    unit_amount: Decimal
    individual_amount: Decimal

    @property
    def total(self) -> Decimal:
        return self.unit_amount + self.individual_amount


def contribution(base: Decimal, rates: Rates) -> LineAmounts:
    """Return the unit and individual parts of ``base``, each rounded once."""
    return LineAmounts(
        base=base,
        unit_amount=round_fen(base * rates.unit_rate),
        individual_amount=round_fen(base * rates.individual_rate),
    )


def parse_month(text: str, field: str, label: str) -> str:
    """Check a month written YYYYMM and return it, or raise INVALID_MONTH."""
    # NFKC turns full-width digits into ASCII. The pattern takes ASCII digits
    # only, because months are compared as text and other digits sort apart.
    match = _MONTH.fullmatch(normalize_code(text))
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise InvalidValue(
            "INVALID_MONTH", f"{label}“{text[:20]}”应为六位年月，如202401"
        )
    return match.group(0)


def first_day(month: str) -> date:
    return date(int(month[:4]), int(month[4:]), 1)


def last_day(month: str) -> date:
    year, number = int(month[:4]), int(month[4:])
    return date(year, number, calendar.monthrange(year, number)[1])


def month_of(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """List the months from ``first`` to ``last``, both included."""
    if not (_MONTH.fullmatch(first) and _MONTH.fullmatch(last)):
        raise ValueError(f"months must be checked with parse_month: {first!r}")
    months = []
    year, number = int(first[:4]), int(first[4:])
    while f"{year:04d}{number:02d}" <= last:
        months.append(f"{year:04d}{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def is_active_in(enroll_date: date, suspend_date: date | None, month: str) -> bool:
    """Tell whether a record owes contributions for ``month``.

    It does when it was enrolled on or before the month's last day and was
    not suspended before the month's first day.
    """
    if enroll_date > last_day(month):
        return False
    return suspend_date is None or suspend_date >= first_day(month)


def refunded_months(suspend_date: date, paid_months: Iterable[str]) -> list[str]:
    """Return the paid months that begin after the suspension date.

    The person owed no contribution for those months, so their individual
    pension part is refunded. The month of the suspension itself is still
    owed, as settlement counts a record active in it.
    """
    return sorted(m for m in set(paid_months) if first_day(m) > suspend_date)


def due_date(month: str) -> date:
    """Return the day a month's contributions fall due: its last day."""
    return last_day(month)


def late_fee(
    amount: Decimal, month: str, applied_on: date, daily_rate: Decimal
) -> tuple[Decimal, int]:
    """Return the late fee on ``amount`` of ``month`` and the days it runs.

    It runs for each day after the due date until the application date,
    both ends counted as ``applied_on - due date`` days.
    """
    days = (applied_on - due_date(month)).days
    if days <= 0:
        return Decimal("0.00"), 0
    return round_fen(amount * daily_rate * days), days


@dataclass(frozen=True)
class AccountYear:
    """One year of a pension individual account."""

    year: int
    opening_balance: Decimal
    months_paid: int
    credits: Decimal
    rate: Decimal
    interest: Decimal

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.credits + self.interest


def account_year(
    year: int,
    opening_balance: Decimal,
    months_paid: int,
    credits: Decimal,
    rate: Decimal,
) -> AccountYear:
    """Work out a year's interest and closing balance.

    Interest is last year's balance times the rate, plus this year's credits
    times the rate times 1.083 / 2, rounded once.
    """
    interest = round_fen(opening_balance * rate + credits * rate * MIDYEAR_FACTOR / 2)
    return AccountYear(
        year=year,
        opening_balance=opening_balance,
        months_paid=months_paid,
        credits=credits,
        rate=rate,
        interest=interest,
    )

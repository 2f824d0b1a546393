"""Pension individual account: the yearly arithmetic and the pensionAccount query.

Hand-worked figures used below, with the sample crediting rates of Wenzhou
(2023: 3.97 %, from 2024: 2.62 %) and 480.00 a month (6000.00 × 8 %):

2023, August to December, 5 months: credits 5 × 480.00 = 2400.00;
interest 0 × 0.0397 + 2400.00 × 0.0397 × 1.083 / 2 = 51.59412 → 51.59;
closing 2400.00 + 51.59 = 2451.59.

2024, 12 months: credits 5760.00; interest 2451.59 × 0.0262 = 64.231658
plus 5760.00 × 0.0262 × 1.083 / 2 = 81.718848, together 145.950506 →
145.95; closing 2451.59 + 5760.00 + 145.95 = 8357.54.

2025, no contributions: interest 8357.54 × 0.0262 = 218.967548 → 218.97;
closing 8576.51.
"""

from datetime import date
from decimal import Decimal

import pytest

from graph.contribution.account import MissingCreditingRate, account_history
from graph.contribution.models import ContributionLine
from graph.contribution.rules import months_between
from graph.core.clock import today
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.policy.models import FundParameter
from tests.conftest import create_reviewer
from tests.documents import contribute, insure, ssn

NUMBER = ssn(sequence=9)

PENSION_ACCOUNT = """
query Account($ssn: String!, $year: Int!) {
  pensionAccount(ssn: $ssn, year: $year) {
    account {
      ssn name year regionCode regionName ratesAreSamples
      statement {
        year openingBalance monthsPaid credits creditingRate interest
        closingBalance rateIsSample
      }
      history { year openingBalance monthsPaid credits interest closingBalance }
    }
    errors { field code message }
  }
}
"""

MONTHS_2023 = months_between("202308", "202312")
MONTHS_2024 = months_between("202401", "202412")


def _line(month: str, individual: str = "480.00", **flags) -> ContributionLine:
    values = {
        "insurance_type": InsuranceType.PENSION,
        "paid": True,
        "refunded": False,
    }
    values.update(flags)
    return ContributionLine(
        month=month, individual_amount=Decimal(individual), **values
    )


def _fund(valid_from: date, valid_to: date | None, rate: str, sample: bool = True):
    return FundParameter(
        valid_from=valid_from,
        valid_to=valid_to,
        crediting_rate=Decimal(rate),
        late_fee_daily_rate=Decimal("0.0005"),
        is_sample=sample,
    )


FUNDS = [
    _fund(date(2023, 1, 1), date(2023, 12, 31), "0.0397"),
    _fund(date(2024, 1, 1), None, "0.0262", sample=False),
]


def test_history_first_year_interest():
    history = account_history([_line(m) for m in MONTHS_2023], FUNDS, 2023)
    year = history.statement
    assert year.year == 2023
    assert year.opening_balance == Decimal("0.00")
    assert year.months_paid == 5
    assert year.credits == Decimal("2400.00")
    assert year.rate == Decimal("0.0397")
    assert year.interest == Decimal("51.59")
    assert year.closing_balance == Decimal("2451.59")


def test_history_carries_balance_forward():
    lines = [_line(m) for m in MONTHS_2023 + MONTHS_2024]
    history = account_history(lines, FUNDS, 2025)
    assert [y.year for y in history.years] == [2023, 2024, 2025]
    second, third = history.years[1], history.years[2]
    assert second.opening_balance == Decimal("2451.59")
    assert second.months_paid == 12
    assert second.credits == Decimal("5760.00")
    assert second.interest == Decimal("145.95")
    assert second.closing_balance == Decimal("8357.54")
    assert third.opening_balance == Decimal("8357.54")
    assert third.months_paid == 0
    assert third.credits == Decimal("0.00")
    assert third.interest == Decimal("218.97")
    assert third.closing_balance == Decimal("8576.51")


def test_history_counts_month_once_across_units():
    # Two units paid December 2023: one month, credits 480.00 + 240.00 = 720.00;
    # interest 720.00 × 0.0397 × 1.083 / 2 = 15.478236 → 15.48.
    lines = [_line("202312"), _line("202312", "240.00")]
    year = account_history(lines, FUNDS, 2023).statement
    assert year.months_paid == 1
    assert year.credits == Decimal("720.00")
    assert year.interest == Decimal("15.48")


def test_history_skips_unpaid_refunded_and_other_types():
    lines = [
        _line("202311"),
        _line("202312", refunded=True),
        _line("202312", paid=False),
        _line("202312", "30.00", insurance_type=InsuranceType.UNEMPLOYMENT),
    ]
    year = account_history(lines, FUNDS, 2023).statement
    assert year.months_paid == 1
    assert year.credits == Decimal("480.00")


def test_history_empty_before_first_contribution():
    history = account_history([_line("202401")], FUNDS, 2023)
    assert history.years == []
    assert history.statement is None
    assert not history.rates_are_samples


def test_history_marks_sample_years():
    history = account_history([_line("202312"), _line("202401")], FUNDS, 2024)
    assert history.sample_years == frozenset({2023})
    assert history.rates_are_samples


def test_history_rejects_year_without_rate():
    with pytest.raises(MissingCreditingRate) as raised:
        account_history([_line("202212")], FUNDS, 2023)
    assert raised.value.year == 2022


@pytest.fixture
async def contributor(unit):
    """Paid August 2023 to December 2024 at 480.00 a month in ``unit``."""
    person = await insure(unit, NUMBER, name="吴十", enroll_date=date(2023, 8, 1))
    for month in MONTHS_2023 + MONTHS_2024:
        await contribute(person, unit, month)
    return person


async def test_query_returns_statement_and_history(legalrep, contributor):
    result = await legalrep.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2024})
    payload = result.data["pensionAccount"]
    assert payload["errors"] == []
    account = payload["account"]
    assert account["ssn"] == NUMBER
    assert account["name"] == "吴十"
    assert account["regionCode"] == "330302"
    assert account["ratesAreSamples"] is True
    assert account["statement"] == {
        "year": 2024,
        "openingBalance": "2451.59",
        "monthsPaid": 12,
        "credits": "5760.00",
        "creditingRate": "0.02620",
        "interest": "145.95",
        "closingBalance": "8357.54",
        "rateIsSample": True,
    }
    assert account["history"][0] == {
        "year": 2023,
        "openingBalance": "0.00",
        "monthsPaid": 5,
        "credits": "2400.00",
        "interest": "51.59",
        "closingBalance": "2451.59",
    }
    assert len(account["history"]) == 2


async def test_query_uses_current_unit_region(legalrep, unit, other_unit, contributor):
    # The person moved to a unit of 330304, which credits 3 % for 2024:
    # interest 2451.59 × 0.03 = 73.5477 plus 5760.00 × 0.03 × 1.083 / 2 =
    # 93.5712, together 167.1189 → 167.12; closing 8378.71.
    await InsuranceRecord.filter(person=contributor).update(
        status=InsuranceStatus.SUSPENDED, suspend_date=date(2024, 12, 31)
    )
    await insure(other_unit, NUMBER, enroll_date=date(2025, 1, 1))
    await FundParameter.create(
        region_id="330304",
        valid_from=date(2024, 12, 31),
        valid_to=date(2024, 12, 31),
        crediting_rate=Decimal("0.03"),
        late_fee_daily_rate=Decimal("0.0005"),
    )
    result = await legalrep.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2024})
    account = result.data["pensionAccount"]["account"]
    assert account["regionCode"] == "330304"
    assert account["statement"]["creditingRate"] == "0.03000"
    assert account["statement"]["interest"] == "167.12"
    assert account["statement"]["closingBalance"] == "8378.71"
    assert account["statement"]["rateIsSample"] is False


async def test_query_before_first_year(legalrep, contributor):
    result = await legalrep.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2022})
    account = result.data["pensionAccount"]["account"]
    assert account["statement"] is None
    assert account["history"] == []


async def test_query_for_reviewer_of_region(anonymous, contributor):
    await create_reviewer("lucheng", ["330302"])
    reviewer = await anonymous.login("lucheng")
    result = await reviewer.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2023})
    payload = result.data["pensionAccount"]
    assert payload["errors"] == []
    assert payload["account"]["statement"]["closingBalance"] == "2451.59"


async def test_query_hides_person_from_other_region_reviewer(anonymous, contributor):
    await create_reviewer("ouhai", ["330304"])
    reviewer = await anonymous.login("ouhai")
    result = await reviewer.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2023})
    payload = result.data["pensionAccount"]
    assert payload["account"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("ssn", "NOT_FOUND")
    ]


async def test_query_hides_other_units_person(other_legalrep, contributor):
    result = await other_legalrep.execute(
        PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2023}
    )
    payload = result.data["pensionAccount"]
    assert payload["account"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("ssn", "NOT_FOUND")
    ]
    assert "吴十" not in payload["errors"][0]["message"]


async def test_query_rejects_future_year(legalrep, contributor):
    next_year = today().year + 1
    result = await legalrep.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": next_year})
    payload = result.data["pensionAccount"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("year", "DATE_IN_FUTURE")
    ]
    assert str(next_year) in payload["errors"][0]["message"]


async def test_query_reports_missing_rate(legalrep, unit, contributor):
    # The sample parameters start in 2023, so a 2022 line has no rate.
    await contribute(contributor, unit, "202212")
    result = await legalrep.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2023})
    payload = result.data["pensionAccount"]
    assert payload["account"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("year", "NO_POLICY_PARAMETERS")
    ]
    message = payload["errors"][0]["message"]
    assert "2022" in message
    assert "330302" in message


async def test_query_requires_login(anonymous, contributor):
    result = await anonymous.execute(PENSION_ACCOUNT, {"ssn": NUMBER, "year": 2023})
    assert result.error_codes == ["UNAUTHENTICATED"]

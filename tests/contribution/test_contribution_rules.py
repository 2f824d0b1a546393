"""Contribution arithmetic, with each expected figure worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from graph.contribution.rules import (
    Rates,
    account_year,
    contribution,
    is_active_in,
    late_fee,
    months_between,
    parse_month,
    refunded_months,
)
from graph.core.errors import InvalidValue

PENSION = Rates(Decimal("0.16"), Decimal("0.08"))
UNEMPLOYMENT = Rates(Decimal("0.005"), Decimal("0.005"))


@pytest.mark.parametrize(
    ("base", "rates", "unit", "individual"),
    [
        # 6000 × 16% = 960; 6000 × 8% = 480.
        ("6000.00", PENSION, "960.00", "480.00"),
        # 4462.37 × 16% = 713.9792 → 713.98; × 8% = 356.9896 → 356.99.
        ("4462.37", PENSION, "713.98", "356.99"),
        # 4461 × 0.5% = 22.305 → 22.31 half up (half-even would give 22.30).
        ("4461.00", UNEMPLOYMENT, "22.31", "22.31"),
        # Work injury, class 1 grade 1: 6000 × 0.2% = 12; no individual part.
        ("6000.00", Rates(Decimal("0.002"), Decimal("0")), "12.00", "0.00"),
    ],
)
def test_contribution_rounds_each_part_once(base, rates, unit, individual):
    amounts = contribution(Decimal(base), rates)
    assert amounts.unit_amount == Decimal(unit)
    assert amounts.individual_amount == Decimal(individual)
    assert amounts.total == Decimal(unit) + Decimal(individual)


def test_late_fee_runs_from_due_date():
    # 202403 is due 2024-03-31. To 2024-08-15: 30 + 31 + 30 + 31 + 15 = 137
    # days. 1440 × 0.05% × 137 = 98.64.
    fee, days = late_fee(
        Decimal("1440.00"), "202403", date(2024, 8, 15), Decimal("0.0005")
    )
    assert days == 137
    assert fee == Decimal("98.64")


def test_no_late_fee_before_due_date():
    fee, days = late_fee(
        Decimal("1440.00"), "202403", date(2024, 3, 31), Decimal("0.0005")
    )
    assert (fee, days) == (Decimal("0.00"), 0)


def test_account_year_interest():
    # 10000 × 2.62% = 262; 5760 × 2.62% × 1.083 / 2 = 81.718848.
    # 262 + 81.718848 = 343.718848 → 343.72; closing 10000 + 5760 + 343.72.
    year = account_year(
        2024, Decimal("10000.00"), 12, Decimal("5760.00"), Decimal("0.0262")
    )
    assert year.interest == Decimal("343.72")
    assert year.closing_balance == Decimal("16103.72")


def test_refund_months_begin_after_suspension():
    paid = ["202405", "202406", "202407", "202408"]
    assert refunded_months(date(2024, 6, 15), paid) == ["202407", "202408"]
    assert refunded_months(date(2024, 6, 30), paid) == ["202407", "202408"]
    assert refunded_months(date(2024, 5, 31), paid) == [
        "202406",
        "202407",
        "202408",
    ]


def test_active_month_bounds():
    assert is_active_in(date(2024, 1, 31), None, "202401")
    assert not is_active_in(date(2024, 2, 1), None, "202401")
    assert is_active_in(date(2024, 1, 1), date(2024, 6, 1), "202406")
    assert not is_active_in(date(2024, 1, 1), date(2024, 5, 31), "202406")


def test_months_between_crosses_years():
    assert months_between("202411", "202502") == [
        "202411",
        "202412",
        "202501",
        "202502",
    ]


@pytest.mark.parametrize("text", ["2024-01", "202413", "24011", "abcdef"])
def test_bad_month_names_value(text):
    with pytest.raises(InvalidValue) as raised:
        parse_month(text, "month", "结算年月")
    assert raised.value.code == "INVALID_MONTH"
    assert "结算年月" in raised.value.message


def test_full_width_month_becomes_ascii():
    assert parse_month(" ２０２３０２ ", "fromMonth", "补缴起始年月") == "202302"


def test_unchecked_month_is_not_enumerated():
    with pytest.raises(ValueError):
        months_between("202302", "２０２３０３")

"""Enrollment rules as plain functions: insurance types, base, age, month end."""

from datetime import date
from decimal import Decimal

import pytest

from graph.insurance.codes import InsuranceType, InsuredIdentity
from graph.insurance.rules import (
    BaseAdjustment,
    age_on,
    clamp_base,
    insurance_types_for,
    last_day_of_month,
    month_of,
)


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """Skip the shared database reset, because these tests read no table."""


ALL_TYPES = (
    InsuranceType.PENSION,
    InsuranceType.UNEMPLOYMENT,
    InsuranceType.WORK_INJURY,
)


def test_insurance_types_for_regular_employee():
    assert insurance_types_for(InsuredIdentity.REGULAR) == ALL_TYPES


WORK_INJURY_ONLY = [
    InsuredIdentity.PART_TIME,
    InsuredIdentity.TECH_SCHOOL_INTERN,
    InsuredIdentity.OVER_AGE,
    InsuredIdentity.EPIDEMIC_TEMP,
    InsuredIdentity.JOINT_PREVENTION,
]


@pytest.mark.parametrize("identity", WORK_INJURY_ONLY)
def test_insurance_types_for_work_injury_only_identity(identity):
    assert insurance_types_for(identity) == (InsuranceType.WORK_INJURY,)


def test_identity_cases_cover_all_six():
    assert {InsuredIdentity.REGULAR, *WORK_INJURY_ONLY} == set(InsuredIdentity)


FLOOR = Decimal("5100.00")
CEILING = Decimal("27000.00")


@pytest.mark.parametrize(
    ("wage", "base", "adjustment"),
    [
        ("8000", "8000.00", None),
        ("5100.00", "5100.00", None),
        ("27000.00", "27000.00", None),
        ("5099.99", "5100.00", BaseAdjustment.RAISED_TO_FLOOR),
        ("1", "5100.00", BaseAdjustment.RAISED_TO_FLOOR),
        ("27000.01", "27000.00", BaseAdjustment.LOWERED_TO_CEILING),
        ("9999999.99", "27000.00", BaseAdjustment.LOWERED_TO_CEILING),
    ],
)
def test_clamp_base_to_floor_and_ceiling(wage, base, adjustment):
    clamped = clamp_base(Decimal(wage), FLOOR, CEILING)
    assert (clamped.base, clamped.adjustment) == (Decimal(base), adjustment)


@pytest.mark.parametrize(
    ("wage", "base"),
    [
        ("8000.004", "8000.00"),
        ("8000.005", "8000.01"),
        ("8000.015", "8000.02"),
        ("8000.0049999", "8000.00"),
    ],
)
def test_clamp_base_rounds_half_up_to_fen(wage, base):
    clamped = clamp_base(Decimal(wage), FLOOR, CEILING)
    assert str(clamped.base) == base


def test_clamp_base_rounds_before_comparing_with_floor():
    # 5099.995 rounds to the floor itself, so nothing was clamped.
    clamped = clamp_base(Decimal("5099.995"), FLOOR, CEILING)
    assert (clamped.base, clamped.adjustment) == (FLOOR, None)


def test_clamp_base_rounds_before_comparing_with_ceiling():
    clamped = clamp_base(Decimal("27000.005"), FLOOR, CEILING)
    assert (clamped.base, clamped.adjustment) == (
        CEILING,
        BaseAdjustment.LOWERED_TO_CEILING,
    )


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(2010, 3, 1), date(2026, 2, 28), 15),
        (date(2010, 3, 1), date(2026, 3, 1), 16),
        (date(2010, 3, 1), date(2026, 3, 2), 16),
        (date(2010, 12, 31), date(2026, 12, 30), 15),
        (date(2010, 12, 31), date(2026, 12, 31), 16),
        (date(2010, 1, 1), date(2025, 12, 31), 15),
        (date(1990, 6, 15), date(1990, 6, 15), 0),
        (date(1990, 6, 15), date(1991, 6, 14), 0),
    ],
)
def test_age_on_around_birthday(birth, on, age):
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2024, 2, 28), 15),
        (date(2024, 2, 29), 16),
        # In a common year the 29 February birthday counts from 1 March.
        (date(2025, 2, 28), 16),
        (date(2025, 3, 1), 17),
    ],
)
def test_age_on_leap_day_birthday(on, age):
    assert age_on(date(2008, 2, 29), on) == age


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 2, 29), date(2024, 2, 29)),
        (date(2023, 2, 10), date(2023, 2, 28)),
        (date(2000, 2, 15), date(2000, 2, 29)),
        (date(2100, 2, 15), date(2100, 2, 28)),
        (date(2026, 4, 30), date(2026, 4, 30)),
        (date(2026, 1, 31), date(2026, 1, 31)),
        (date(2026, 12, 4), date(2026, 12, 31)),
    ],
)
def test_last_day_of_month(day, last):
    assert last_day_of_month(day) == last


@pytest.mark.parametrize(
    ("day", "month"),
    [(date(2026, 3, 1), "202603"), (date(2023, 12, 31), "202312")],
)
def test_month_of(day, month):
    assert month_of(day) == month

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.core.errors import InvalidValue
from graph.person.resident_id import Gender
from graph.person.retirement import (
    INVALID_GENDER,
    INVALID_RETIREMENT_AGE,
    allowed_base_ages,
    default_base_age,
    format_age,
    is_past_retirement,
    retirement_age_months,
    retirement_date,
    validate_base_age,
)

# In each comment, m is the number of birth months after the first raised month
# (1965-01 for base 60, 1970-01 for base 55, 1975-01 for base 50). The added
# months are m // 4 + 1 (m // 2 + 1 for base 50), capped at 36 (60 for base 50).
AGE_CASES = [
    # Base 60: 720 months without a raise.
    (date(1964, 12, 31), 60, 720),  # before 1965-01: 60y
    (date(1965, 1, 1), 60, 721),  # m=0: 0//4+1 = 1 -> 60y1m
    (date(1965, 4, 30), 60, 721),  # m=3: 3//4+1 = 1 -> 60y1m
    (date(1965, 5, 1), 60, 722),  # m=4: 4//4+1 = 2 -> 60y2m
    (date(1976, 8, 31), 60, 755),  # m=11*12+7=139: 34+1 = 35 -> 62y11m
    (date(1976, 9, 1), 60, 756),  # m=140: 35+1 = 36 -> 63y (cap)
    (date(1990, 1, 1), 60, 756),  # m=300: 76 capped at 36 -> 63y
    # Base 55: 660 months without a raise.
    (date(1969, 12, 31), 55, 660),  # before 1970-01: 55y
    (date(1970, 1, 1), 55, 661),  # m=0: 0//4+1 = 1 -> 55y1m
    (date(1975, 7, 15), 55, 677),  # m=5*12+6=66: 16+1 = 17 -> 56y5m
    (date(1981, 8, 31), 55, 695),  # m=11*12+7=139: 34+1 = 35 -> 57y11m
    (date(1981, 9, 1), 55, 696),  # m=140: 35+1 = 36 -> 58y (cap)
    # Base 50: 600 months without a raise.
    (date(1974, 12, 31), 50, 600),  # before 1975-01: 50y
    (date(1975, 1, 1), 50, 601),  # m=0: 0//2+1 = 1 -> 50y1m
    (date(1975, 2, 28), 50, 601),  # m=1: 1//2+1 = 1 -> 50y1m
    (date(1975, 3, 1), 50, 602),  # m=2: 2//2+1 = 2 -> 50y2m
    (date(1984, 10, 31), 50, 659),  # m=9*12+9=117: 58+1 = 59 -> 54y11m
    (date(1984, 11, 1), 50, 660),  # m=118: 59+1 = 60 -> 55y (cap)
    (date(2000, 1, 1), 50, 660),  # m=300: 151 capped at 60 -> 55y
]


@pytest.mark.parametrize(("birth_date", "base_age", "months"), AGE_CASES)
def test_retirement_age_months(birth_date, base_age, months):
    assert retirement_age_months(birth_date, base_age) == months


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from([(50, 60), (55, 36), (60, 36)]),
)
def test_retirement_age_bounded_and_monotonic(first, second, base_and_cap):
    base_age, max_added = base_and_cap
    earlier, later = sorted([first, second])
    earlier_months = retirement_age_months(earlier, base_age)
    later_months = retirement_age_months(later, base_age)
    assert base_age * 12 <= earlier_months <= base_age * 12 + max_added
    assert earlier_months <= later_months


@pytest.mark.parametrize(
    ("birth_date", "base_age", "expected"),
    [
        # 721 months after 1965-01 is 2025-02, which has no 31st, so the 28th is used.
        (date(1965, 1, 31), 60, date(2025, 2, 28)),
        # m=5*12+4=64: 16+1 = 17 -> 737 months = 61y5m -> 2031-10, which has a 31st.
        (date(1970, 5, 31), 60, date(2031, 10, 31)),
        # m=14: 7+1 = 8 -> 608 months = 50y8m -> 2026-11, which has 30 days.
        (date(1976, 3, 31), 50, date(2026, 11, 30)),
        # m=5*12+6=66: 16+1 = 17 -> 677 months = 56y5m -> 2031-12-15.
        (date(1975, 7, 15), 55, date(2031, 12, 15)),
        # Before the raise: 720 months after 1964-02-29 is the leap day 2024-02-29.
        (date(1964, 2, 29), 60, date(2024, 2, 29)),
        # 720 months after 1963-12-31 crosses a year end: 2023-12-31.
        (date(1963, 12, 31), 60, date(2023, 12, 31)),
    ],
)
def test_retirement_date(birth_date, base_age, expected):
    assert retirement_date(birth_date, base_age) == expected


def test_is_past_retirement_day_before():
    # The retirement date is 2025-02-28, as in test_retirement_date.
    assert not is_past_retirement(date(1965, 1, 31), 60, date(2025, 2, 27))


def test_is_past_retirement_on_date():
    assert is_past_retirement(date(1965, 1, 31), 60, date(2025, 2, 28))


def test_is_past_retirement_day_after():
    assert is_past_retirement(date(1965, 1, 31), 60, date(2025, 3, 1))


@pytest.mark.parametrize("base_age", [0, 45, 54, 56, 58, 63, 65, -60])
def test_retirement_age_months_invalid_base(base_age):
    with pytest.raises(InvalidValue) as caught:
        retirement_age_months(date(1970, 1, 1), base_age)
    assert caught.value.code == INVALID_RETIREMENT_AGE
    assert f"不能为{base_age}岁" in caught.value.message


def test_retirement_date_invalid_base():
    with pytest.raises(InvalidValue) as caught:
        retirement_date(date(1970, 1, 1), 65)
    assert caught.value.code == INVALID_RETIREMENT_AGE


def test_allowed_base_ages():
    assert allowed_base_ages(Gender.MALE) == (60,)
    assert allowed_base_ages(Gender.FEMALE) == (50, 55)


def test_default_base_age():
    assert default_base_age(Gender.MALE) == 60
    assert default_base_age(Gender.FEMALE) == 50


@pytest.mark.parametrize(
    ("gender", "base_age"),
    [(Gender.MALE, 60), (Gender.FEMALE, 50), (Gender.FEMALE, 55), ("FEMALE", 55)],
)
def test_validate_base_age_allowed(gender, base_age):
    assert validate_base_age(gender, base_age) == base_age


@pytest.mark.parametrize(
    ("gender", "base_age", "message"),
    [
        (Gender.MALE, 55, "男职工的原法定退休年龄不能为55岁，应为60岁"),
        (Gender.MALE, 50, "男职工的原法定退休年龄不能为50岁，应为60岁"),
        (Gender.FEMALE, 60, "女职工的原法定退休年龄不能为60岁，应为50岁或55岁"),
        (Gender.FEMALE, 45, "原法定退休年龄不能为45岁，应为50岁、55岁或60岁"),
    ],
)
def test_validate_base_age_rejected(gender, base_age, message):
    with pytest.raises(InvalidValue) as caught:
        validate_base_age(gender, base_age)
    assert caught.value.code == INVALID_RETIREMENT_AGE
    assert caught.value.message == message


def test_unknown_gender_rejected():
    with pytest.raises(InvalidValue) as caught:
        default_base_age("UNKNOWN")
    assert caught.value.code == INVALID_GENDER
    assert "“UNKNOWN”" in caught.value.message


@pytest.mark.parametrize(
    ("months", "text"),
    [
        (720, "60岁"),
        (723, "60岁3个月"),
        (755, "62岁11个月"),
        (756, "63岁"),
        (601, "50岁1个月"),
        (0, "0岁"),
        (11, "0岁11个月"),
    ],
)
def test_format_age(months, text):
    assert format_age(months) == text


def test_format_age_negative_rejected():
    with pytest.raises(ValueError, match="-1"):
        format_age(-1)

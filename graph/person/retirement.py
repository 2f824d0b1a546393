"""Statutory retirement age (法定退休年龄) under the gradual raise decided in 2024.

Source: 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定, adopted
2024-09-13 and in force from 2025-01-01, with its annex
国务院关于渐进式延迟法定退休年龄的办法. The rules per original base age:

- 60 (men): born before January 1965, 60 years. From January 1965 the age rises
  by 1 month for every 4 months of birth, so births in 1965-01 to 1965-04 retire
  at 60 years 1 month and 1965-05 to 1965-08 at 60 years 2 months. The cap of
  63 years applies to births from September 1976.
- 55 (women in management or technical posts): born before January 1970,
  55 years. From January 1970 the age rises by 1 month for every 4 months of
  birth. The cap of 58 years applies to births from September 1981.
- 50 (other women): born before January 1975, 50 years. From January 1975 the
  age rises by 1 month for every 2 months of birth. The cap of 55 years applies
  to births from November 1984.

NOTE: Voluntary early or late retirement of up to 3 years and earlier ages for
special types of work are not modelled here.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from graph.core.errors import InvalidValue
from graph.person.resident_id import Gender

INVALID_RETIREMENT_AGE = "INVALID_RETIREMENT_AGE"
INVALID_GENDER = "INVALID_GENDER"


@dataclass(frozen=True)
class _RaiseSchedule:
    """Gradual raise of one original base age."""

    first_raised_birth_month: date
    birth_months_per_added_month: int
    max_added_months: int


_SCHEDULES = {
    60: _RaiseSchedule(date(1965, 1, 1), 4, 36),
    55: _RaiseSchedule(date(1970, 1, 1), 4, 36),
    50: _RaiseSchedule(date(1975, 1, 1), 2, 60),
}

BASE_AGES = tuple(sorted(_SCHEDULES))
_ALLOWED_BASE_AGES = {Gender.MALE: (60,), Gender.FEMALE: (50, 55)}
_DEFAULT_BASE_AGES = {Gender.MALE: 60, Gender.FEMALE: 50}


def allowed_base_ages(gender: Gender) -> tuple[int, ...]:
    """Return the original base ages that apply to ``gender``.

    Raises InvalidValue with INVALID_GENDER for a value that is not a Gender.
    """
    return _ALLOWED_BASE_AGES[_require_gender(gender)]


def default_base_age(gender: Gender) -> int:
    """Return the base age used when no post type is known: 60 for men, 50 for women.

    Raises InvalidValue with INVALID_GENDER for a value that is not a Gender.
    """
    return _DEFAULT_BASE_AGES[_require_gender(gender)]


def validate_base_age(gender: Gender, base_age: int) -> int:
    """Return ``base_age`` if it applies to ``gender``.

    Raises InvalidValue with INVALID_RETIREMENT_AGE for an unknown base age or
    one that does not apply to the gender, such as 55 for a man.
    """
    _require_known_base_age(base_age)
    gender = _require_gender(gender)
    allowed = _ALLOWED_BASE_AGES[gender]
    if base_age not in allowed:
        allowed_text = "或".join(f"{age}岁" for age in allowed)
        raise InvalidValue(
            INVALID_RETIREMENT_AGE,
            f"{gender.label}职工的原法定退休年龄不能为{base_age}岁，应为{allowed_text}",
        )
    return base_age


def retirement_age_months(birth_date: date, base_age: int) -> int:
    """Compute the statutory retirement age in whole months.

    Raises InvalidValue with INVALID_RETIREMENT_AGE unless ``base_age`` is 50,
    55 or 60.
    """
    schedule = _SCHEDULES[_require_known_base_age(base_age)]
    start = schedule.first_raised_birth_month
    months_after_start = (birth_date.year - start.year) * 12 + (
        birth_date.month - start.month
    )
    if months_after_start < 0:
        added_months = 0
    else:
        # The first block of birth months already adds 1 month.
        added_months = months_after_start // schedule.birth_months_per_added_month + 1
    return base_age * 12 + min(added_months, schedule.max_added_months)


def retirement_date(birth_date: date, base_age: int) -> date:
    """Compute the date on which the statutory retirement age is reached.

    The date is ``birth_date`` plus the retirement age in months. When that day
    does not exist in the target month, such as the 31st in a 30-day month or
    29 February in a common year, the last day of the month is used.
    """
    month_index = birth_date.month - 1 + retirement_age_months(birth_date, base_age)
    year = birth_date.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(birth_date.day, last_day))


def is_past_retirement(birth_date: date, base_age: int, on_date: date) -> bool:
    """Return whether the retirement date is on or before ``on_date``."""
    return on_date >= retirement_date(birth_date, base_age)


def format_age(months: int) -> str:
    """Format an age in months as Chinese text, such as "60岁3个月" or "63岁".

    Raises ValueError for a negative number of months.
    """
    if months < 0:
        raise ValueError(f"age in months must not be negative, got {months}")
    years, remainder = divmod(months, 12)
    if remainder == 0:
        return f"{years}岁"
    return f"{years}岁{remainder}个月"


def _require_known_base_age(base_age: int) -> int:
    if base_age not in BASE_AGES:
        raise InvalidValue(
            INVALID_RETIREMENT_AGE,
            f"原法定退休年龄不能为{base_age}岁，应为50岁、55岁或60岁",
        )
    return base_age


def _require_gender(gender: Gender) -> Gender:
    try:
        return Gender(gender)
    except ValueError:
        raise InvalidValue(
            INVALID_GENDER, f"性别“{gender}”无效，应为MALE（男）或FEMALE（女）"
        ) from None

"""Enrollment rules as plain functions over plain values."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from graph.insurance.codes import InsuranceType, InsuredIdentity

# 非全日制用工、技校实习生、超龄人员、疫情期间临聘人员、联防联控人员 join work
# injury insurance only (provincial operation manual, employee enrollment).
WORK_INJURY_ONLY = frozenset(
    {
        InsuredIdentity.PART_TIME,
        InsuredIdentity.TECH_SCHOOL_INTERN,
        InsuredIdentity.OVER_AGE,
        InsuredIdentity.EPIDEMIC_TEMP,
        InsuredIdentity.JOINT_PREVENTION,
    }
)

MINIMUM_WORKING_AGE = 16
FEN = Decimal("0.01")


def insurance_types_for(identity: InsuredIdentity) -> tuple[InsuranceType, ...]:
    """Return the insurance types an enrollment with ``identity`` creates."""
    if identity in WORK_INJURY_ONLY:
        return (InsuranceType.WORK_INJURY,)
    return (
        InsuranceType.PENSION,
        InsuranceType.UNEMPLOYMENT,
        InsuranceType.WORK_INJURY,
    )


class BaseAdjustment(StrEnum):
    """Adjustment applied to the declared wage to get the contribution base."""

    RAISED_TO_FLOOR = "RAISED_TO_FLOOR"
    LOWERED_TO_CEILING = "LOWERED_TO_CEILING"


@dataclass(frozen=True)
class ClampedBase:
    base: Decimal
    adjustment: BaseAdjustment | None


def clamp_base(declared_wage: Decimal, floor: Decimal, ceiling: Decimal) -> ClampedBase:
    """Clamp the declared wage to the month's base floor and ceiling.

    The wage is rounded half-up to the fen first, the unit the base is kept in.
    """
    wage = declared_wage.quantize(FEN, rounding=ROUND_HALF_UP)
    if wage < floor:
        return ClampedBase(floor, BaseAdjustment.RAISED_TO_FLOOR)
    if wage > ceiling:
        return ClampedBase(ceiling, BaseAdjustment.LOWERED_TO_CEILING)
    return ClampedBase(wage, None)


def age_on(birth_date: date, on: date) -> int:
    """Return the age in whole years on ``on``."""
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def month_of(day: date) -> str:
    """Return ``YYYYMM`` for ``day``."""
    return f"{day.year:04d}{day.month:02d}"


def last_day_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])

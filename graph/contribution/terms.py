"""The terms of one month: base limits and rates, chosen from policy rows.

Plain functions over rows already loaded, so a settlement of thousands of
people reads the policy tables once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph.contribution.rules import Rates
from graph.insurance.codes import InsuranceType
from graph.policy.models import FundParameter, PolicyParameter, WorkInjuryRate
from graph.policy.service import pick_parameters


@dataclass(frozen=True)
class MonthTerms:
    base_floor: Decimal
    base_ceiling: Decimal
    rates: Rates
    is_sample: bool


def _in_force(row, on: date) -> bool:
    return row.valid_from <= on and (row.valid_to is None or row.valid_to >= on)


def terms_on(
    parameters: Iterable[PolicyParameter],
    work_injury_rates: Iterable[WorkInjuryRate],
    insurance_type: InsuranceType,
    risk_class: int,
    rate_grade: int,
    on: date,
) -> MonthTerms | None:
    """Return the limits and rates of ``insurance_type`` on ``on``, or None.

    Work injury insurance takes its unit rate from the unit's industry risk
    class and rate grade, and has no individual part.
    """
    parameter = pick_parameters(parameters, (insurance_type,), on).get(insurance_type)
    if parameter is None:
        return None
    rates = Rates(parameter.unit_rate, parameter.individual_rate)
    if insurance_type is InsuranceType.WORK_INJURY:
        matching = [
            row
            for row in work_injury_rates
            if row.risk_class == risk_class
            and row.rate_grade == rate_grade
            and _in_force(row, on)
        ]
        if not matching:
            return None
        newest = max(matching, key=lambda row: row.valid_from)
        rates = Rates(newest.rate, Decimal(0))
    return MonthTerms(
        base_floor=parameter.base_floor,
        base_ceiling=parameter.base_ceiling,
        rates=rates,
        is_sample=parameter.is_sample,
    )


def fund_on(rows: Iterable[FundParameter], on: date) -> FundParameter | None:
    """Return the fund parameters in force on ``on``, the newest if several."""
    matching = [row for row in rows if _in_force(row, on)]
    return max(matching, key=lambda row: row.valid_from, default=None)

"""Policy periods: overlap, placement among a region's periods, value checks."""

from datetime import date
from decimal import Decimal

import pytest

from graph.insurance.codes import InsuranceType
from graph.policy.periods import (
    InsuranceTerms,
    PolicyPeriod,
    Span,
    WorkInjuryTerms,
    check_period,
    conflict_message,
    place_period,
)

Y2025 = Span(date(2025, 1, 1), date(2025, 12, 31))
FROM_2026 = Span(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (Y2025, Span(date(2026, 1, 1), date(2026, 12, 31)), False),
        (Y2025, Span(date(2025, 12, 31), date(2026, 12, 31)), True),
        (Y2025, Span(date(2025, 3, 1), date(2025, 3, 31)), True),
        (Y2025, Span(date(2024, 1, 1), date(2024, 12, 31)), False),
        (Y2025, FROM_2026, False),
        (Y2025, Span(date(2025, 6, 1)), True),
        (FROM_2026, Span(date(2030, 1, 1)), True),
        (FROM_2026, Span(date(2020, 1, 1)), True),
        (FROM_2026, Span(date(2020, 1, 1), date(2025, 12, 31)), False),
        (FROM_2026, Span(date(2020, 1, 1), date(2026, 1, 1)), True),
    ],
)
def test_span_overlaps(first, second, expected):
    assert first.overlaps(second) is expected
    assert second.overlaps(first) is expected


def test_place_rejects_open_period_by_default():
    placement = place_period([Y2025, FROM_2026], Span(date(2027, 1, 1)), False)
    assert placement.conflicts == [FROM_2026]
    assert placement.to_close == []


def test_place_closes_open_period_when_asked():
    placement = place_period([Y2025, FROM_2026], Span(date(2027, 1, 1)), True)
    assert placement.to_close == [FROM_2026]
    assert placement.conflicts == []


def test_place_never_closes_later_open_period():
    # Closing a period that starts on or after the new one would leave it
    # ending before it starts.
    placement = place_period([FROM_2026], Span(date(2026, 1, 1)), True)
    assert placement.conflicts == [FROM_2026]
    assert placement.to_close == []


def test_place_open_new_period_over_closed_one():
    placement = place_period([Y2025], Span(date(2025, 7, 1)), True)
    assert placement.conflicts == [Y2025]


def test_place_accepts_adjacent_period():
    placement = place_period([Y2025], FROM_2026, False)
    assert placement.conflicts == []
    assert placement.to_close == []


def test_conflict_message_names_both_periods():
    message = conflict_message("330302", FROM_2026, Span(date(2027, 1, 1)))
    assert "330302" in message
    assert "2026-01-01起（长期有效）" in message
    assert "2027-01-01起（长期有效）" in message
    assert "2026-12-31" in message
    assert "closeOpenPeriod" in message


def test_conflict_message_for_closed_period():
    message = conflict_message("330302", Y2025, Span(date(2025, 6, 1)))
    assert "2025-01-01至2025-12-31" in message
    assert "closeOpenPeriod" not in message


def terms(**overrides) -> list[InsuranceTerms]:
    rates = {
        InsuranceType.PENSION: ("0.16", "0.08"),
        InsuranceType.UNEMPLOYMENT: ("0.005", "0.005"),
        InsuranceType.WORK_INJURY: ("0", "0"),
    }
    rows = [
        InsuranceTerms(
            insurance_type=insurance_type,
            base_floor=Decimal("5100.00"),
            base_ceiling=Decimal("27000.00"),
            unit_rate=Decimal(unit_rate),
            individual_rate=Decimal(individual_rate),
        )
        for insurance_type, (unit_rate, individual_rate) in rates.items()
    ]
    return [row for row in rows if row.insurance_type not in overrides.get("drop", ())]


def injury_rates(grades=(1, 2)) -> list[WorkInjuryTerms]:
    return [
        WorkInjuryTerms(risk_class, grade, Decimal("0.002") * risk_class)
        for risk_class in range(1, 9)
        for grade in grades
    ]


def period(**overrides) -> PolicyPeriod:
    values = {
        "span": Span(date(2027, 1, 1)),
        "insurance_terms": terms(),
        "work_injury_rates": injury_rates(),
        "crediting_rate": Decimal("0.0262"),
        "late_fee_daily_rate": Decimal("0.0005"),
        "is_sample": False,
    }
    values.update(overrides)
    return PolicyPeriod(**values)


def pairs(problems) -> list[tuple[str | None, str]]:
    return [(p.field, p.code) for p in problems]


def test_check_accepts_complete_period():
    assert check_period(period()) == []


def test_check_rejects_end_before_start():
    problems = check_period(period(span=Span(date(2027, 1, 1), date(2026, 12, 31))))
    assert pairs(problems) == [("validTo", "INVALID_PERIOD")]
    assert "2026-12-31" in problems[0].message


def test_check_requires_every_insurance_type():
    problems = check_period(period(insurance_terms=terms(drop=[InsuranceType.PENSION])))
    assert pairs(problems) == [("insuranceParameters", "REQUIRED")]
    assert "110" in problems[0].message


def test_check_rejects_duplicate_type():
    rows = terms()
    problems = check_period(period(insurance_terms=[*rows, rows[0]]))
    assert pairs(problems) == [
        ("insuranceParameters.3.insuranceType", "INVALID_CHOICE")
    ]


def test_check_rejects_ceiling_below_floor():
    rows = terms()
    rows[0] = InsuranceTerms(
        InsuranceType.PENSION,
        Decimal("5100.00"),
        Decimal("5000.00"),
        Decimal("0.16"),
        Decimal("0.08"),
    )
    problems = check_period(period(insurance_terms=rows))
    assert pairs(problems) == [("insuranceParameters.0.baseCeiling", "INVALID_NUMBER")]
    assert "5000.00" in problems[0].message


@pytest.mark.parametrize("rate", ["1", "-0.01", "0.123456"])
def test_check_rejects_bad_rate(rate):
    problems = check_period(period(crediting_rate=Decimal(rate)))
    assert pairs(problems) == [("creditingRate", "INVALID_NUMBER")]
    assert rate in problems[0].message


def test_check_rejects_work_injury_type_rate():
    rows = terms()
    rows[2] = InsuranceTerms(
        InsuranceType.WORK_INJURY,
        Decimal("5100.00"),
        Decimal("27000.00"),
        Decimal("0.004"),
        Decimal("0"),
    )
    problems = check_period(period(insurance_terms=rows))
    assert pairs(problems) == [("insuranceParameters.2.unitRate", "INVALID_NUMBER")]


def test_check_requires_every_risk_class():
    rates = [rate for rate in injury_rates() if rate.risk_class != 8]
    problems = check_period(period(work_injury_rates=rates))
    assert pairs(problems) == [("workInjuryRates", "REQUIRED")]
    assert "8" in problems[0].message


def test_check_requires_same_grades_per_class():
    rates = [r for r in injury_rates() if (r.risk_class, r.rate_grade) != (3, 2)]
    problems = check_period(period(work_injury_rates=rates))
    assert pairs(problems) == [("workInjuryRates", "REQUIRED")]
    assert "风险类别3缺少费率档次2" in problems[0].message


def test_check_rejects_unknown_risk_class():
    rates = [*injury_rates(), WorkInjuryTerms(9, 1, Decimal("0.01"))]
    problems = check_period(period(work_injury_rates=rates))
    assert pairs(problems) == [("workInjuryRates.16.riskClass", "INVALID_CHOICE")]


def test_check_rejects_duplicate_grade():
    rates = [*injury_rates(), WorkInjuryTerms(1, 1, Decimal("0.01"))]
    problems = check_period(period(work_injury_rates=rates))
    assert pairs(problems) == [("workInjuryRates.16.rateGrade", "INVALID_CHOICE")]

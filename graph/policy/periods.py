"""Policy periods (政策期间): checking a new period's values and its dates.

Plain functions, no database. A period is one span of dates with base
limits and rates per insurance type, work injury rates per industry risk
class and rate grade, and the fund parameters. The periods of one region
may not overlap, because a rule reading parameters by date must find
exactly one period.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from graph.core.errors import FieldProblem
from graph.insurance.codes import InsuranceType

RISK_CLASSES = range(1, 9)
MAX_WORK_INJURY_RATES = 200
# Decimal places of the columns that store each value.
BASE_PLACES = 2
RATE_PLACES = 5
LATE_FEE_PLACES = 6


@dataclass(frozen=True)
class Span:
    """The dates of a period: ``valid_to`` is inclusive, None is open-ended."""

    valid_from: date
    valid_to: date | None = None

    def overlaps(self, other: "Span") -> bool:
        return (other.valid_to is None or self.valid_from <= other.valid_to) and (
            self.valid_to is None or other.valid_from <= self.valid_to
        )

    @property
    def label(self) -> str:
        if self.valid_to is None:
            return f"{self.valid_from.isoformat()}起（长期有效）"
        return f"{self.valid_from.isoformat()}至{self.valid_to.isoformat()}"


@dataclass(frozen=True)
class InsuranceTerms:
    """Base limits and rates of one insurance type in a period."""

    insurance_type: InsuranceType
    base_floor: Decimal
    base_ceiling: Decimal
    unit_rate: Decimal
    individual_rate: Decimal


@dataclass(frozen=True)
class WorkInjuryTerms:
    risk_class: int
    rate_grade: int
    rate: Decimal


@dataclass(frozen=True)
class PolicyPeriod:
    span: Span
    insurance_terms: list[InsuranceTerms]
    work_injury_rates: list[WorkInjuryTerms]
    crediting_rate: Decimal
    late_fee_daily_rate: Decimal
    is_sample: bool


@dataclass(frozen=True)
class Placement:
    """The outcome of placing a new period among a region's periods."""

    # Open-ended periods to close on the day before the new one starts.
    to_close: list[Span]
    # Periods the new one overlaps and that may not be changed.
    conflicts: list[Span]


def place_period(
    existing: Iterable[Span], new: Span, close_open_ended: bool
) -> Placement:
    """Find the periods of ``existing`` that ``new`` overlaps.

    With ``close_open_ended``, an open-ended period that starts before the
    new one is closed the day before it, and so does not conflict. Every
    other overlapping period is a conflict.
    """
    to_close, conflicts = [], []
    for span in sorted(set(existing), key=lambda s: s.valid_from):
        if not span.overlaps(new):
            continue
        closable = span.valid_to is None and span.valid_from < new.valid_from
        if close_open_ended and closable:
            to_close.append(span)
        else:
            conflicts.append(span)
    return Placement(to_close=to_close, conflicts=conflicts)


def closing_date(new: Span) -> date:
    return new.valid_from - timedelta(days=1)


def conflict_message(region_code: str, existing: Span, new: Span) -> str:
    message = (
        f"统筹区{region_code}已有政策期间{existing.label}，与新期间{new.label}重叠"
    )
    if existing.valid_to is None and existing.valid_from < new.valid_from:
        return (
            f"{message}；如需将已有期间截止到{closing_date(new).isoformat()}，"
            "请选择自动截止长期有效的期间（接口参数closeOpenPeriod，"
            "命令参数--close-open-period）"
        )
    return f"{message}，请调整生效日期或失效日期"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[FieldProblem] = []

    def add(self, field: str, code: str, message: str) -> None:
        self.problems.append(FieldProblem(field, code, message))

    def amount(
        self,
        field: str,
        label: str,
        value: Decimal,
        places: int,
        upper: Decimal | None = None,
    ) -> None:
        """Check that ``value`` is at least 0, below ``upper`` and fits the column."""
        if not value.is_finite() or value < 0 or (upper is not None and value >= upper):
            bound = f"且小于{upper}" if upper is not None else ""
            self.add(field, "INVALID_NUMBER", f"{label}{value}应不小于0{bound}")
        elif value.as_tuple().exponent < -places:
            self.add(field, "INVALID_NUMBER", f"{label}{value}最多保留{places}位小数")


# The largest base the tables hold with room to spare, as for declared wages.
MAX_BASE = Decimal("10000000")


def check_period(period: PolicyPeriod) -> list[FieldProblem]:
    """Check a period's dates and values and return every problem found."""
    checker = _Checker()
    span = period.span
    if span.valid_to is not None and span.valid_to < span.valid_from:
        checker.add(
            "validTo",
            "INVALID_PERIOD",
            f"失效日期{span.valid_to.isoformat()}不能早于生效日期"
            f"{span.valid_from.isoformat()}",
        )
    _check_insurance_terms(checker, period.insurance_terms)
    _check_work_injury_rates(checker, period.work_injury_rates)
    checker.amount(
        "creditingRate", "记账利率", period.crediting_rate, RATE_PLACES, Decimal(1)
    )
    checker.amount(
        "lateFeeDailyRate",
        "滞纳金日费率",
        period.late_fee_daily_rate,
        LATE_FEE_PLACES,
        Decimal(1),
    )
    return checker.problems


def _check_insurance_terms(checker: _Checker, terms: list[InsuranceTerms]) -> None:
    seen: set[InsuranceType] = set()
    for index, row in enumerate(terms):
        path = f"insuranceParameters.{index}"
        label = row.insurance_type.label
        if row.insurance_type in seen:
            checker.add(
                f"{path}.insuranceType",
                "INVALID_CHOICE",
                f"险种“{label}”重复，每个险种只能填写一次",
            )
        seen.add(row.insurance_type)
        checker.amount(
            f"{path}.baseFloor",
            f"{label}缴费基数下限",
            row.base_floor,
            BASE_PLACES,
            MAX_BASE,
        )
        checker.amount(
            f"{path}.baseCeiling",
            f"{label}缴费基数上限",
            row.base_ceiling,
            BASE_PLACES,
            MAX_BASE,
        )
        if row.base_floor <= 0 or row.base_ceiling < row.base_floor:
            checker.add(
                f"{path}.baseCeiling",
                "INVALID_NUMBER",
                f"{label}缴费基数上限{row.base_ceiling}应不小于下限{row.base_floor}，"
                "且下限应大于0",
            )
        checker.amount(
            f"{path}.unitRate",
            f"{label}单位费率",
            row.unit_rate,
            RATE_PLACES,
            Decimal(1),
        )
        checker.amount(
            f"{path}.individualRate",
            f"{label}个人费率",
            row.individual_rate,
            RATE_PLACES,
            Decimal(1),
        )
        if row.insurance_type is InsuranceType.WORK_INJURY and (
            row.unit_rate or row.individual_rate
        ):
            checker.add(
                f"{path}.unitRate",
                "INVALID_NUMBER",
                "工伤保险的单位费率按行业风险类别和费率档次填写在工伤保险费率中，"
                "个人不缴费，此处单位费率和个人费率应为0",
            )
    for missing in sorted(set(InsuranceType) - seen):
        checker.add(
            "insuranceParameters",
            "REQUIRED",
            f"缺少险种“{missing.label}”（{missing.value}）的缴费基数和费率",
        )


def _check_work_injury_rates(checker: _Checker, rates: list[WorkInjuryTerms]) -> None:
    if len(rates) > MAX_WORK_INJURY_RATES:
        checker.add(
            "workInjuryRates",
            "TOO_LONG",
            f"工伤保险费率共{len(rates)}条，超过{MAX_WORK_INJURY_RATES}条",
        )
        return
    grades_by_class: dict[int, set[int]] = {}
    for index, row in enumerate(rates):
        path = f"workInjuryRates.{index}"
        if row.risk_class not in RISK_CLASSES:
            checker.add(
                f"{path}.riskClass",
                "INVALID_CHOICE",
                f"行业风险类别{row.risk_class}应为1至8",
            )
            continue
        if row.rate_grade < 1:
            checker.add(
                f"{path}.rateGrade",
                "INVALID_CHOICE",
                f"费率档次{row.rate_grade}应为正整数",
            )
            continue
        grades = grades_by_class.setdefault(row.risk_class, set())
        if row.rate_grade in grades:
            checker.add(
                f"{path}.rateGrade",
                "INVALID_CHOICE",
                f"行业风险类别{row.risk_class}的费率档次{row.rate_grade}重复",
            )
        grades.add(row.rate_grade)
        checker.amount(
            f"{path}.rate",
            f"行业风险类别{row.risk_class}档次{row.rate_grade}的工伤保险费率",
            row.rate,
            RATE_PLACES,
            Decimal(1),
        )
    # Every class needs every grade in use, or a unit of that class and grade
    # would find no work injury rate.
    all_grades = set().union(*grades_by_class.values())
    for risk_class in RISK_CLASSES:
        missing = sorted(all_grades - grades_by_class.get(risk_class, set()))
        if not grades_by_class.get(risk_class):
            checker.add(
                "workInjuryRates",
                "REQUIRED",
                f"缺少行业风险类别{risk_class}的工伤保险费率",
            )
        elif missing:
            grades = "、".join(str(grade) for grade in missing)
            checker.add(
                "workInjuryRates",
                "REQUIRED",
                f"行业风险类别{risk_class}缺少费率档次{grades}的工伤保险费率",
            )

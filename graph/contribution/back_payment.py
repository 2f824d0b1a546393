"""Back payment (申请补缴城镇职工社会保险费) of months never paid.

A unit applies to pay one person's contributions for a range of past months.
Each month is charged on the requested base clamped to that month's floor
and ceiling, at that month's rates, plus a late fee from the month's due date
to the application date. Approval records the lines as paid, so the months
count in the person's record and pension account.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.contribution.codes import LineSource
from graph.contribution.models import ContributionLine
from graph.contribution.rules import (
    contribution,
    first_day,
    late_fee,
    month_of,
    months_between,
    parse_month,
)
from graph.contribution.terms import fund_on, terms_on
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.submission import submit_with_materials
from graph.insurance.checks import MAX_WAGE, parse_ssn
from graph.insurance.codes import InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import BaseAdjustment, clamp_base
from graph.person.models import Person
from graph.policy.models import FundParameter, PolicyParameter, WorkInjuryRate
from graph.unit.models import Unit

# Thirty years bounds one application at 1,080 lines (360 months × 3 types).
MAX_MONTHS = 360
# Messages list this many months and then give the count of the rest.
LISTED_MONTHS = 6


@dataclass(frozen=True)
class BackPaymentRequest:
    ssn: str
    from_month: str
    to_month: str
    base: Decimal
    insurance_types: tuple[InsuranceType, ...]


@dataclass(frozen=True)
class BackPaymentLine:
    """One month of one insurance type as it will be charged."""

    month: str
    insurance_type: InsuranceType
    base: Decimal
    base_adjustment: BaseAdjustment | None
    unit_rate: Decimal
    individual_rate: Decimal
    unit_amount: Decimal
    individual_amount: Decimal
    late_fee: Decimal
    late_fee_days: int

    @property
    def total(self) -> Decimal:
        return self.unit_amount + self.individual_amount + self.late_fee


@dataclass(frozen=True)
class BackPaymentPlan:
    person: Person
    request: BackPaymentRequest
    applied_on: date
    late_fee_daily_rate: Decimal
    lines: list[BackPaymentLine]


def _months_text(months: list[str]) -> str:
    shown = "、".join(months[:LISTED_MONTHS])
    if len(months) > LISTED_MONTHS:
        return f"{shown}等{len(months)}个月"
    return shown


def _check_base(raw: Decimal, problems: list[FieldProblem]) -> Decimal:
    try:
        base = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        problems.append(
            FieldProblem("base", "INVALID_WAGE", f"补缴基数“{raw}”不是有效金额")
        )
        return Decimal(0)
    if not base.is_finite() or base <= 0:
        message = f"补缴基数应大于0，实际为{raw}"
    elif base > MAX_WAGE:
        message = f"补缴基数{raw}元超过上限{MAX_WAGE}元"
    elif base.as_tuple().exponent < -2:
        message = f"补缴基数{raw}最多保留两位小数（到分）"
    else:
        return base
    problems.append(FieldProblem("base", "INVALID_WAGE", message))
    return base


def check_request(
    request: BackPaymentRequest, today: date
) -> tuple[BackPaymentRequest, list[str], list[FieldProblem]]:
    """Check a request's own values, without reading the database.

    Returns the cleaned request, the months it covers and the problems found.
    """
    problems: list[FieldProblem] = []
    ssn = request.ssn
    try:
        ssn = parse_ssn(request.ssn, today).number
    except InvalidValue as exc:
        problems.append(FieldProblem("ssn", exc.code, exc.message))

    months: dict[str, str] = {}
    current = month_of(today)
    for field, label, raw in (
        ("fromMonth", "补缴起始年月", request.from_month),
        ("toMonth", "补缴终止年月", request.to_month),
    ):
        try:
            months[field] = parse_month(raw, field, label)
        except InvalidValue as exc:
            problems.append(FieldProblem(field, exc.code, exc.message))
            continue
        if months[field] > current:
            problems.append(
                FieldProblem(
                    field,
                    "DATE_IN_FUTURE",
                    f"{label}{months[field]}晚于本月{current}，只能补缴已到期的月份",
                )
            )
    first, last = months.get("fromMonth"), months.get("toMonth")
    covered: list[str] = []
    if first and last:
        if first > last:
            problems.append(
                FieldProblem(
                    "toMonth",
                    "INVALID_PERIOD",
                    f"补缴终止年月{last}早于补缴起始年月{first}",
                )
            )
        else:
            covered = months_between(first, last)
            if len(covered) > MAX_MONTHS:
                problems.append(
                    FieldProblem(
                        "fromMonth",
                        "INVALID_PERIOD",
                        f"一次最多补缴{MAX_MONTHS}个月，{first}至{last}共"
                        f"{len(covered)}个月，请分次申请",
                    )
                )

    base = _check_base(request.base, problems)
    types = tuple(sorted({InsuranceType(t) for t in request.insurance_types}))
    if not types:
        problems.append(
            FieldProblem("insuranceTypes", "REQUIRED", "请选择至少一个补缴险种")
        )
    clean = BackPaymentRequest(
        ssn=ssn,
        from_month=first or request.from_month,
        to_month=last or request.to_month,
        base=base,
        insurance_types=types,
    )
    return clean, covered, problems


async def plan_back_payment(
    unit: Unit, request: BackPaymentRequest, today: date
) -> BackPaymentPlan:
    """Work out every line of a back payment, or raise with every problem found."""
    clean, months, problems = check_request(request, today)
    if any(p.field == "ssn" for p in problems):
        raise ValidationFailed(problems)

    person = await Person.get_or_none(ssn=clean.ssn)
    recorded = set()
    if person is not None:
        recorded = set(
            await InsuranceRecord.filter(
                person_id=person.id, unit_id=unit.id
            ).values_list("insurance_type", flat=True)
        )
    if person is None or not recorded:
        # The same error for an unknown number and another unit's employee,
        # so a unit cannot probe who is insured elsewhere.
        problems.append(
            FieldProblem(
                "ssn",
                "NOT_INSURED_IN_UNIT",
                f"社会保障号码{clean.ssn}在本单位没有参保记录，不能申请补缴",
            )
        )
        raise ValidationFailed(problems)
    missing = [t for t in clean.insurance_types if t not in recorded]
    if missing:
        problems.append(
            FieldProblem(
                "insuranceTypes",
                "NOT_INSURED_IN_UNIT",
                f"社会保障号码{clean.ssn}在本单位没有"
                f"{'、'.join(t.label for t in missing)}的参保记录，不能补缴该险种",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    problems += await _check_existing_lines(person, unit, clean, months)
    lines, rate, term_problems = await _price(unit, clean, months, today)
    problems += term_problems
    if problems:
        raise ValidationFailed(problems)
    return BackPaymentPlan(
        person=person,
        request=clean,
        applied_on=today,
        late_fee_daily_rate=rate,
        lines=lines,
    )


async def _check_existing_lines(
    person: Person, unit: Unit, request: BackPaymentRequest, months: list[str]
) -> list[FieldProblem]:
    """Reject months already paid, in any unit, or owed through a settlement.

    A paid month stays paid even when its individual pension part was later
    refunded, because its unit part was kept.
    """
    rows = await ContributionLine.filter(
        person_id=person.id,
        insurance_type__in=list(request.insurance_types),
        month__gte=months[0],
        month__lte=months[-1],
    ).values("insurance_type", "month", "paid", "unit_id", "settlement_id")
    paid: dict[InsuranceType, set[str]] = defaultdict(set)
    settled: dict[InsuranceType, set[str]] = defaultdict(set)
    for row in rows:
        insurance_type = InsuranceType(row["insurance_type"])
        if row["paid"]:
            paid[insurance_type].add(row["month"])
        elif row["unit_id"] == unit.id and row["settlement_id"] is not None:
            settled[insurance_type].add(row["month"])

    problems = []
    for insurance_type in request.insurance_types:
        if paid[insurance_type]:
            problems.append(
                FieldProblem(
                    "fromMonth",
                    "MONTH_ALREADY_PAID",
                    f"{insurance_type.label}"
                    f"{_months_text(sorted(paid[insurance_type]))}已缴费，"
                    "请调整补缴起止年月",
                )
            )
        if settled[insurance_type]:
            problems.append(
                FieldProblem(
                    "fromMonth",
                    "MONTH_IN_SETTLEMENT",
                    f"{insurance_type.label}"
                    f"{_months_text(sorted(settled[insurance_type]))}已在本单位的"
                    "结算单中待缴，请缴纳结算单，不能再申请补缴",
                )
            )
    return problems


async def _price(
    unit: Unit, request: BackPaymentRequest, months: list[str], today: date
) -> tuple[list[BackPaymentLine], Decimal, list[FieldProblem]]:
    parameters = await PolicyParameter.filter(
        region_id=unit.region_id, insurance_type__in=list(request.insurance_types)
    )
    work_injury_rates = await WorkInjuryRate.filter(
        region_id=unit.region_id,
        risk_class=unit.risk_class,
        rate_grade=unit.rate_grade,
    )
    fund = fund_on(await FundParameter.filter(region_id=unit.region_id), today)

    problems = []
    if fund is None:
        problems.append(
            FieldProblem(
                None,
                "NO_POLICY_PARAMETERS",
                f"统筹区{unit.region_id}在{today.isoformat()}没有滞纳金日费率，"
                "请联系经办机构",
            )
        )
    rate = fund.late_fee_daily_rate if fund else Decimal(0)

    lines = []
    unpriced: dict[InsuranceType, list[str]] = defaultdict(list)
    for month in months:
        for insurance_type in request.insurance_types:
            terms = terms_on(
                parameters,
                work_injury_rates,
                insurance_type,
                unit.risk_class,
                unit.rate_grade,
                first_day(month),
            )
            if terms is None:
                unpriced[insurance_type].append(month)
                continue
            clamped = clamp_base(request.base, terms.base_floor, terms.base_ceiling)
            amounts = contribution(clamped.base, terms.rates)
            fee, days = late_fee(amounts.total, month, today, rate)
            lines.append(
                BackPaymentLine(
                    month=month,
                    insurance_type=insurance_type,
                    base=clamped.base,
                    base_adjustment=clamped.adjustment,
                    unit_rate=terms.rates.unit_rate,
                    individual_rate=terms.rates.individual_rate,
                    unit_amount=amounts.unit_amount,
                    individual_amount=amounts.individual_amount,
                    late_fee=fee,
                    late_fee_days=days,
                )
            )
    for insurance_type, missing in unpriced.items():
        problems.append(
            FieldProblem(
                "fromMonth",
                "NO_POLICY_PARAMETERS",
                f"统筹区{unit.region_id}在{_months_text(missing)}没有"
                f"{insurance_type.label}的缴费基数上下限或费率，请联系经办机构",
            )
        )
    return lines, rate, problems


def declaration_data(plan: BackPaymentPlan) -> dict:
    """Turn a plan into the JSON kept on the declaration."""
    request = plan.request
    return {
        "ssn": request.ssn,
        "name": plan.person.name,
        "fromMonth": request.from_month,
        "toMonth": request.to_month,
        "declaredBase": str(request.base),
        "appliedOn": plan.applied_on.isoformat(),
        "lateFeeDailyRate": str(plan.late_fee_daily_rate),
        "insuranceTypes": [t.value for t in request.insurance_types],
        "lines": [
            {
                "month": line.month,
                "insurance_type": line.insurance_type.value,
                "base": str(line.base),
                "base_adjustment": (
                    line.base_adjustment.value if line.base_adjustment else None
                ),
                "unit_rate": str(line.unit_rate),
                "individual_rate": str(line.individual_rate),
                "unit_amount": str(line.unit_amount),
                "individual_amount": str(line.individual_amount),
                "late_fee": str(line.late_fee),
                "late_fee_days": line.late_fee_days,
            }
            for line in plan.lines
        ],
    }


def lines_from_data(data: dict) -> list[BackPaymentLine]:
    """Read the lines back from a declaration's JSON."""
    return [
        BackPaymentLine(
            month=line["month"],
            insurance_type=InsuranceType(line["insurance_type"]),
            base=Decimal(line["base"]),
            base_adjustment=(
                BaseAdjustment(line["base_adjustment"])
                if line["base_adjustment"]
                else None
            ),
            unit_rate=Decimal(line["unit_rate"]),
            individual_rate=Decimal(line["individual_rate"]),
            unit_amount=Decimal(line["unit_amount"]),
            individual_amount=Decimal(line["individual_amount"]),
            late_fee=Decimal(line["late_fee"]),
            late_fee_days=line["late_fee_days"],
        )
        for line in data["lines"]
    ]


def back_payment_declaration(
    actor: Actor, unit: Unit, plan: BackPaymentPlan
) -> Declaration:
    """Build the pending declaration for ``plan``, not yet saved.

    Its business date is the application date, from which the late fee was
    counted, and its settlement month is the month of that date.
    """
    return Declaration(
        kind=DeclarationKind.BACK_PAYMENT,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=plan.person.id,
        ssn=plan.request.ssn,
        person_name=plan.person.name,
        business_date=plan.applied_on,
        settlement_month=month_of(plan.applied_on),
        insurance_types=",".join(t.value for t in plan.request.insurance_types),
        data=declaration_data(plan),
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_back_payment(
    actor: Actor,
    unit: Unit,
    request: BackPaymentRequest,
    materials: list[MaterialUpload],
    material_ids: list[int],
    today: date,
) -> tuple[Declaration, BackPaymentPlan]:
    """Check and price a back payment, store its materials, save it pending."""
    return await submit_with_materials(
        actor,
        unit,
        DeclarationKind.BACK_PAYMENT,
        materials,
        material_ids,
        lambda: plan_back_payment(unit, request, today),
        lambda plan: back_payment_declaration(actor, unit, plan),
    )


async def apply_back_payment(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Record the approved lines as paid, inside the approval transaction.

    Checks again that none of the months was paid since submission, for
    example by another back payment approved in between.
    """
    lines = lines_from_data(declaration.data)
    months = sorted({line.month for line in lines})
    types = sorted({line.insurance_type for line in lines})
    await (
        Person.filter(id=declaration.person_id)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    paid = await (
        ContributionLine.filter(
            person_id=declaration.person_id,
            insurance_type__in=types,
            month__gte=months[0],
            month__lte=months[-1],
            paid=True,
        )
        .using_db(connection)
        .values_list("insurance_type", "month")
    )
    planned = {(line.insurance_type, line.month) for line in lines}
    overlap = sorted(m for t, m in paid if (InsuranceType(t), m) in planned)
    if overlap:
        return [
            FieldProblem(
                None,
                "CONFLICT",
                f"{_months_text(sorted(set(overlap)))}在提交后已缴费，"
                "本申报不能再通过，请驳回",
            )
        ]

    await ContributionLine.bulk_create(
        [
            ContributionLine(
                declaration_id=declaration.id,
                person_id=declaration.person_id,
                unit_id=declaration.unit_id,
                insurance_type=line.insurance_type,
                month=line.month,
                source=LineSource.BACK_PAYMENT,
                base=line.base,
                unit_rate=line.unit_rate,
                individual_rate=line.individual_rate,
                unit_amount=line.unit_amount,
                individual_amount=line.individual_amount,
                late_fee=line.late_fee,
                paid=True,
            )
            for line in lines
        ],
        using_db=connection,
    )
    return []

"""Annual wage declaration (参保个人应缴基本养老保险费核定，申报上年度工资).

A unit declares a person's average monthly wage of a past year. Approval
turns it into next year's contribution base of each insurance type the
person pays in the unit, clamped to that year's floor and ceiling.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.contribution.models import YearlyBase
from graph.contribution.terms import MonthTerms, terms_on
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.submission import submit_with_materials
from graph.insurance.checks import MAX_WAGE, parse_ssn
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import BaseAdjustment, clamp_base
from graph.person.models import Person
from graph.policy.models import PolicyParameter, WorkInjuryRate
from graph.unit.models import Unit

# A sanity bound that catches typing slips such as 202 or 1024, not a rule
# of policy.
FIRST_YEAR = 1990


@dataclass(frozen=True)
class AnnualWageRequest:
    ssn: str
    year: int
    average_wage: Decimal


@dataclass(frozen=True)
class PlannedBase:
    """Next year's base of one insurance type, as approval will set it."""

    insurance_type: InsuranceType
    base: Decimal
    base_adjustment: BaseAdjustment | None


@dataclass(frozen=True)
class AnnualWagePlan:
    person: Person
    request: AnnualWageRequest
    # Empty while next year's parameters are not published; approval needs them.
    bases: list[PlannedBase]


def effective_date(year: int) -> date:
    """Return the day the bases from a wage year's declaration take effect."""
    return date(year + 1, 1, 1)


def check_request(
    request: AnnualWageRequest, today: date
) -> tuple[AnnualWageRequest, list[FieldProblem]]:
    problems: list[FieldProblem] = []
    ssn = request.ssn
    try:
        ssn = parse_ssn(request.ssn, today).number
    except InvalidValue as exc:
        problems.append(FieldProblem("ssn", exc.code, exc.message))

    if request.year >= today.year:
        problems.append(
            FieldProblem(
                "year",
                "INVALID_YEAR",
                f"工资年度{request.year}尚未结束，"
                f"只能申报{today.year - 1}年及以前的工资",
            )
        )
    elif request.year < FIRST_YEAR:
        problems.append(
            FieldProblem(
                "year", "INVALID_YEAR", f"工资年度{request.year}早于{FIRST_YEAR}年"
            )
        )

    wage = request.average_wage
    try:
        wage = Decimal(request.average_wage)
    except (InvalidOperation, TypeError, ValueError):
        wage = Decimal(0)
    raw = request.average_wage
    message = None
    if not wage.is_finite() or wage <= 0:
        message = f"上年度月平均工资应大于0，实际为{raw}"
    elif wage > MAX_WAGE:
        message = f"上年度月平均工资{raw}元超过上限{MAX_WAGE}元"
    elif wage.as_tuple().exponent < -2:
        message = f"上年度月平均工资{raw}最多保留两位小数（到分）"
    if message:
        problems.append(FieldProblem("averageWage", "INVALID_WAGE", message))
    return AnnualWageRequest(ssn=ssn, year=request.year, average_wage=wage), problems


async def _next_year_terms(
    unit: Unit, types: list[InsuranceType], year: int, connection=None
) -> dict[InsuranceType, MonthTerms | None]:
    on = effective_date(year)
    parameters = await PolicyParameter.filter(
        region_id=unit.region_id, insurance_type__in=types
    ).using_db(connection)
    work_injury_rates = await WorkInjuryRate.filter(
        region_id=unit.region_id,
        risk_class=unit.risk_class,
        rate_grade=unit.rate_grade,
    ).using_db(connection)
    return {
        t: terms_on(
            parameters, work_injury_rates, t, unit.risk_class, unit.rate_grade, on
        )
        for t in types
    }


def _bases(
    wage: Decimal, terms: dict[InsuranceType, MonthTerms | None]
) -> list[PlannedBase]:
    planned = []
    for insurance_type, found in terms.items():
        clamped = clamp_base(wage, found.base_floor, found.base_ceiling)
        planned.append(PlannedBase(insurance_type, clamped.base, clamped.adjustment))
    return planned


def _no_parameters(unit: Unit, year: int, missing: list[InsuranceType]) -> str:
    return (
        f"统筹区{unit.region_id}尚无{year + 1}年"
        f"{'、'.join(t.label for t in missing)}的缴费基数上下限，"
        f"不能核定{year + 1}年的缴费基数，请在参数公布后再审核"
    )


async def plan_annual_wage(
    unit: Unit, request: AnnualWageRequest, today: date
) -> AnnualWagePlan:
    """Check a declaration and work out next year's bases where known."""
    clean, problems = check_request(request, today)
    if any(p.field == "ssn" for p in problems):
        raise ValidationFailed(problems)

    person = await Person.get_or_none(ssn=clean.ssn)
    types = []
    if person is not None:
        types = await _active_types(person.id, unit.id)
    if not types:
        problems.append(
            FieldProblem(
                "ssn",
                "NOT_INSURED_IN_UNIT",
                f"社会保障号码{clean.ssn}在本单位没有参保缴费的险种，不能申报工资",
            )
        )
        raise ValidationFailed(problems)

    declared = await Declaration.filter(
        kind=DeclarationKind.ANNUAL_WAGE,
        unit_id=unit.id,
        ssn=clean.ssn,
        business_date=effective_date(clean.year),
        status__in=[DeclarationStatus.PENDING, DeclarationStatus.APPROVED],
    ).exists()
    if declared:
        problems.append(
            FieldProblem(
                "year",
                "ALREADY_DECLARED",
                f"社会保障号码{clean.ssn}已申报{clean.year}年度工资，"
                "待审核的可撤回后重新申报",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    terms = await _next_year_terms(unit, types, clean.year)
    known = all(found is not None for found in terms.values())
    bases = _bases(clean.average_wage, terms) if known else []
    return AnnualWagePlan(person=person, request=clean, bases=bases)


async def _active_types(
    person_id: int, unit_id: int, connection=None
) -> list[InsuranceType]:
    rows = await (
        InsuranceRecord.filter(
            person_id=person_id, unit_id=unit_id, status=InsuranceStatus.ACTIVE
        )
        .using_db(connection)
        .values_list("insurance_type", flat=True)
    )
    return sorted(InsuranceType(t) for t in rows)


def annual_wage_declaration(
    actor: Actor, unit: Unit, plan: AnnualWagePlan
) -> Declaration:
    """Build the pending declaration for ``plan``, not yet saved.

    Its business date is 1 January of the year after the wage year, the day
    the new bases take effect. The wage declaration query selects by it.
    """
    request = plan.request
    starts = effective_date(request.year)
    return Declaration(
        kind=DeclarationKind.ANNUAL_WAGE,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=plan.person.id,
        ssn=request.ssn,
        person_name=plan.person.name,
        business_date=starts,
        settlement_month=f"{starts.year:04d}01",
        data={
            "ssn": request.ssn,
            "name": plan.person.name,
            "year": request.year,
            "averageWage": str(request.average_wage),
        },
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_annual_wage(
    actor: Actor,
    unit: Unit,
    request: AnnualWageRequest,
    materials: list[MaterialUpload],
    material_ids: list[int],
    today: date,
) -> tuple[Declaration, AnnualWagePlan]:
    """Check a declaration, store its materials and save it pending."""
    return await submit_with_materials(
        actor,
        unit,
        DeclarationKind.ANNUAL_WAGE,
        materials,
        material_ids,
        lambda: plan_annual_wage(unit, request, today),
        lambda plan: annual_wage_declaration(actor, unit, plan),
    )


async def apply_annual_wage(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Set next year's base of each active type, inside the approval transaction.

    The types and the limits are read again at approval: the person may have
    been suspended, and next year's parameters may have been published since.
    """
    data = declaration.data
    year = data["year"]
    unit = await Unit.get(id=declaration.unit_id).using_db(connection)
    types = await _active_types(declaration.person_id, unit.id, connection)
    if not types:
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "该人员在本单位已没有参保缴费的险种，本申报不能再通过，请驳回",
            )
        ]
    terms = await _next_year_terms(unit, types, year, connection)
    missing = [t for t, found in terms.items() if found is None]
    if missing:
        return [
            FieldProblem(
                None, "NO_POLICY_PARAMETERS", _no_parameters(unit, year, missing)
            )
        ]

    for planned in _bases(Decimal(data["averageWage"]), terms):
        await YearlyBase.update_or_create(
            defaults={"base": planned.base, "declaration_id": declaration.id},
            person_id=declaration.person_id,
            unit_id=unit.id,
            insurance_type=planned.insurance_type,
            year=year + 1,
            using_db=connection,
        )
    return []

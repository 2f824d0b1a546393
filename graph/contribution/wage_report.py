"""Contribution wage declaration query (缴费工资申报查询): one row per unit and year."""

from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q

from graph.account.actor import Actor
from graph.contribution.wage_declaration import effective_date
from graph.core.paging import PageRequest
from graph.core.text import normalize_code, normalize_text
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.unit.models import Unit


@dataclass(frozen=True)
class WageDeclarationRow:
    unit: Unit
    year: int
    due_count: int
    declared_count: int
    declarant: str | None


async def wage_declaration_page(
    actor: Actor,
    year: int,
    page: PageRequest,
    credit_code: str | None = None,
    unit_name: str | None = None,
) -> tuple[int, list[WageDeclarationRow]]:
    """Count, per unit, who must declare the year's wage and who has.

    应申报数量 counts persons with a pension record in the unit that was
    active on some day of ``year``: enrolled by 31 December and not suspended
    before 1 January. 申报成功人数 counts persons with an approved annual wage
    declaration of ``year``. The declarant is the submitter of the unit's
    latest declaration of that year that was not withdrawn.
    """
    if actor.is_reviewer:
        units = Unit.filter(region_id__in=list(actor.region_codes))
    else:
        units = Unit.filter(id=actor.unit_id)
    if normalize_code(credit_code):
        units = units.filter(credit_code=normalize_code(credit_code))
    if normalize_text(unit_name):
        units = units.filter(name__contains=normalize_text(unit_name))

    total = await units.count()
    rows = await units.order_by("credit_code").offset(page.offset).limit(page.page_size)
    unit_ids = [unit.id for unit in rows]

    due = await _due_persons(unit_ids, year)
    declarations = (
        await Declaration.filter(
            kind=DeclarationKind.ANNUAL_WAGE,
            unit_id__in=unit_ids,
            business_date=effective_date(year),
        )
        .exclude(status=DeclarationStatus.WITHDRAWN)
        .order_by("submitted_at", "id")
        .select_related("submitted_by")
    )
    declared: dict[int, set[str]] = {}
    declarants: dict[int, str] = {}
    for declaration in declarations:
        declarants[declaration.unit_id] = declaration.submitted_by.display_name
        if declaration.status is DeclarationStatus.APPROVED:
            declared.setdefault(declaration.unit_id, set()).add(declaration.ssn)

    return total, [
        WageDeclarationRow(
            unit=unit,
            year=year,
            due_count=len(due.get(unit.id, ())),
            declared_count=len(declared.get(unit.id, ())),
            declarant=declarants.get(unit.id),
        )
        for unit in rows
    ]


async def _due_persons(unit_ids: list[int], year: int) -> dict[int, set[int]]:
    pairs = await InsuranceRecord.filter(
        Q(suspend_date__isnull=True) | Q(suspend_date__gte=date(year, 1, 1)),
        unit_id__in=unit_ids,
        insurance_type=InsuranceType.PENSION,
        enroll_date__lte=date(year, 12, 31),
    ).values_list("unit_id", "person_id")
    due: dict[int, set[int]] = {}
    for unit_id, person_id in pairs:
        due.setdefault(unit_id, set()).add(person_id)
    return due

"""Declaration reads, limited to what the caller may see.

Unit staff see their unit's declarations, reviewers those of their regions.
"""

from datetime import date

from tortoise.queryset import QuerySet

from graph.account.actor import Actor
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.paging import PageRequest
from graph.core.text import normalize_code, normalize_text
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.unit.models import Unit

RELATED = ("unit", "region", "submitted_by", "reviewer")

INCREASE_KINDS = (DeclarationKind.ENROLLMENT, DeclarationKind.REENROLLMENT)


def readable_declarations(actor: Actor) -> QuerySet[Declaration]:
    if actor.is_reviewer:
        return Declaration.filter(region_id__in=list(actor.region_codes))
    return Declaration.filter(unit_id=actor.unit_id)


async def declaration_page(
    actor: Actor,
    page: PageRequest,
    *,
    kind: str | None = None,
    status: str | None = None,
    settlement_month: str | None = None,
    person_name: str | None = None,
) -> tuple[int, list[Declaration]]:
    query = readable_declarations(actor)
    if kind:
        query = query.filter(kind=kind)
    if status:
        query = query.filter(status=status)
    if settlement_month and normalize_code(settlement_month):
        query = query.filter(settlement_month=normalize_code(settlement_month))
    if person_name and normalize_text(person_name):
        query = query.filter(person_name__contains=normalize_text(person_name))

    total = await query.count()
    items = (
        await query.order_by("-submitted_at", "-id")
        .offset(page.offset)
        .limit(page.page_size)
        .select_related(*RELATED)
    )
    return total, list(items)


async def readable_declaration(actor: Actor, declaration_id: int) -> Declaration | None:
    return (
        await readable_declarations(actor)
        .filter(id=declaration_id)
        .select_related(*RELATED)
        .first()
    )


async def personnel_change_page(
    actor: Actor,
    page: PageRequest,
    *,
    increase: bool,
    date_from: date,
    date_to: date,
    credit_code: str | None = None,
    unit_name: str | None = None,
    ssn: str | None = None,
    name: str | None = None,
    identity: str | None = None,
    insurance_type: str | None = None,
) -> tuple[int, list[Declaration]]:
    """Return approved enrollments (人员新增) or suspensions (人员暂停) by date."""
    kinds = INCREASE_KINDS if increase else (DeclarationKind.SUSPENSION,)
    query = readable_declarations(actor).filter(
        kind__in=kinds,
        status=DeclarationStatus.APPROVED,
        business_date__gte=date_from,
        business_date__lte=date_to,
    )
    if credit_code and normalize_code(credit_code):
        query = query.filter(unit__credit_code=normalize_code(credit_code))
    if unit_name and normalize_text(unit_name):
        query = query.filter(unit__name__contains=normalize_text(unit_name))
    if ssn and normalize_code(ssn):
        query = query.filter(ssn__startswith=normalize_code(ssn))
    if name and normalize_text(name):
        query = query.filter(person_name__contains=normalize_text(name))
    if identity:
        query = query.filter(identity=identity)
    if insurance_type:
        query = query.filter(insurance_types__contains=insurance_type)

    total = await query.count()
    items = (
        await query.order_by("business_date", "id")
        .offset(page.offset)
        .limit(page.page_size)
        .select_related(*RELATED)
    )
    return total, list(items)


async def ensure_no_pending(unit, ssn: str, connection) -> None:
    """Raise unless the person has no pending declaration in the unit.

    Runs inside the submitting transaction after locking the unit's row, so
    two clerks submitting for the same person at once get one declaration.
    SQLite runs one write transaction at a time, which gives the same order.
    """
    await Unit.filter(id=unit.id).using_db(connection).select_for_update().first()
    pending = (
        await Declaration.filter(
            unit_id=unit.id, ssn=ssn, status=DeclarationStatus.PENDING
        )
        .using_db(connection)
        .exists()
    )
    if pending:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssn",
                    "DECLARATION_PENDING",
                    f"社会保障号码{ssn}已有待审核的申报，请等待审核或撤回后再办理",
                )
            ]
        )

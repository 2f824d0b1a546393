"""Declaration reads, limited to what the caller may see.

Unit staff see their unit's declarations, reviewers those of their regions.
"""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from graph.account.actor import Actor
from graph.core.api_errors import BadUserInput
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.paging import PageRequest
from graph.core.text import normalize_code, normalize_text
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceType, InsuredIdentity
from graph.unit.models import Unit

RELATED = ("unit", "region", "submitted_by", "reviewer")

INCREASE_KINDS = (DeclarationKind.ENROLLMENT, DeclarationKind.REENROLLMENT)

# A year and a bit covers the manual's use (one business year at a time)
# while keeping each query on an index range of bounded size.
MAX_CHANGE_RANGE_DAYS = 400


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


@dataclass(frozen=True)
class ChangeCriteria:
    """Filter of 单位人员增减变动查询. The business-date range includes both ends."""

    date_from: date
    date_to: date
    credit_code: str | None = None
    unit_name: str | None = None
    ssn: str | None = None
    name: str | None = None
    identity: InsuredIdentity | None = None
    insurance_type: InsuranceType | None = None


def check_change_range(date_from: date, date_to: date) -> None:
    """Raise BadUserInput unless [date_from, date_to] is an allowed range."""
    if date_to < date_from:
        raise BadUserInput(
            f"查询时间止 to（{date_to.isoformat()}）不能早于查询时间起 from"
            f"（{date_from.isoformat()}）"
        )
    days = (date_to - date_from).days
    if days > MAX_CHANGE_RANGE_DAYS:
        raise BadUserInput(
            f"查询时间范围不能超过{MAX_CHANGE_RANGE_DAYS}天，实际为{days}天"
        )


def personnel_changes(
    actor: Actor, increase: bool, criteria: ChangeCriteria
) -> QuerySet[Declaration]:
    """Return approved enrollments (人员新增) or suspensions (人员暂停) by date.

    The personnelChanges query and its export both call this function.
    """
    kinds = INCREASE_KINDS if increase else (DeclarationKind.SUSPENSION,)
    query = readable_declarations(actor).filter(
        kind__in=kinds,
        status=DeclarationStatus.APPROVED,
        business_date__gte=criteria.date_from,
        business_date__lte=criteria.date_to,
    )
    credit_code = normalize_code(criteria.credit_code)
    unit_name = normalize_text(criteria.unit_name)
    ssn = normalize_code(criteria.ssn)
    name = normalize_text(criteria.name)
    if credit_code:
        query = query.filter(unit__credit_code=credit_code)
    if unit_name:
        query = query.filter(unit__name__contains=unit_name)
    if ssn:
        query = query.filter(ssn__startswith=ssn)
    if name:
        query = query.filter(person_name__contains=name)
    if criteria.identity:
        query = query.filter(identity=criteria.identity)
    if criteria.insurance_type:
        query = query.filter(insurance_types__contains=criteria.insurance_type)
    return query


async def personnel_change_page(
    actor: Actor, page: PageRequest, increase: bool, criteria: ChangeCriteria
) -> tuple[int, list[Declaration]]:
    query = personnel_changes(actor, increase, criteria)
    total = await query.count()
    items = (
        await query.order_by("business_date", "id")
        .offset(page.offset)
        .limit(page.page_size)
        .select_related(*RELATED)
    )
    return total, list(items)


async def personnel_change_chunks(
    actor: Actor, increase: bool, criteria: ChangeCriteria, chunk_size: int
) -> AsyncIterator[list[Declaration]]:
    """Yield every matching change with its unit, in personnel_change_page's order.

    Chunks continue after the last (business_date, id) seen rather than at an
    offset, so a late chunk costs as little as the first.
    """
    query = personnel_changes(actor, increase, criteria).order_by("business_date", "id")
    last: Declaration | None = None
    while True:
        chunk = query
        if last is not None:
            chunk = chunk.filter(
                Q(business_date__gt=last.business_date)
                | Q(business_date=last.business_date, id__gt=last.id)
            )
        items = await chunk.limit(chunk_size).select_related("unit")
        if items:
            yield list(items)
        if len(items) < chunk_size:
            return
        last = items[-1]


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
    if pending and not ssn:
        # Declarations about the unit itself are filed with an empty ssn.
        raise ValidationFailed(
            [
                FieldProblem(
                    None,
                    "DECLARATION_PENDING",
                    "本单位已有待审核的单位参保信息变更登记，请等待审核或撤回后再办理",
                )
            ]
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

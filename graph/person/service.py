"""Roster reads (花名册), always limited to the acting unit."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

from tortoise.expressions import Q, Subquery
from tortoise.functions import Count
from tortoise.query_utils import Prefetch
from tortoise.queryset import QuerySet

from graph.core.paging import PageRequest
from graph.core.text import normalize_code, normalize_text
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.person.models import Person, could_be_ssn


def _records_of_unit(unit_id: int):
    return InsuranceRecord.filter(unit_id=unit_id).order_by("insurance_type")


@dataclass(frozen=True)
class RosterCriteria:
    """Roster filter (花名册查询条件). A field left as None matches any value."""

    name: str | None = None
    ssn: str | None = None
    status: InsuranceStatus | None = None
    insurance_type: InsuranceType | None = None
    identity: InsuredIdentity | None = None


def matching_records(unit_id: int, criteria: RosterCriteria) -> QuerySet:
    """Return the unit's insurance records that match ``criteria``.

    A person matches when any of their records in the unit does. The persons
    query and the roster export both select persons through this function.
    """
    records = InsuranceRecord.filter(unit_id=unit_id)
    if criteria.status:
        records = records.filter(status=criteria.status)
    if criteria.insurance_type:
        records = records.filter(insurance_type=criteria.insurance_type)
    if criteria.identity:
        records = records.filter(identity=criteria.identity)
    # Person filters go in a subquery rather than a join, because Tortoise
    # groups an aggregate over a joined query by every record column.
    name = normalize_text(criteria.name)
    ssn = normalize_code(criteria.ssn)
    matching = Person.all()
    if name:
        matching = matching.filter(name__contains=name)
    if ssn:
        matching = matching.filter(ssn__startswith=ssn)
    if name or ssn:
        records = records.filter(person_id__in=Subquery(matching.values("id")))
    return records


def _matching_persons(unit_id: int, criteria: RosterCriteria) -> QuerySet:
    records = matching_records(unit_id, criteria)
    return Person.filter(id__in=Subquery(records.values("person_id")))


async def roster_page(
    unit_id: int, page: PageRequest, criteria: RosterCriteria
) -> tuple[int, list[Person]]:
    """Return the matching head count and one page of persons with their records.

    Costs three statements whatever the page size: count, page, records.
    """
    # Counting distinct person ids on the (unit_id, person_id) index avoids
    # reading the person table for the total.
    counted = (
        await matching_records(unit_id, criteria)
        .annotate(total=Count("person_id", distinct=True))
        .values_list("total", flat=True)
    )
    total = counted[0] if counted else 0

    items = (
        await _matching_persons(unit_id, criteria)
        .order_by("name", "id")
        .offset(page.offset)
        .limit(page.page_size)
        .prefetch_related(Prefetch("records", queryset=_records_of_unit(unit_id)))
    )
    return total, list(items)


async def roster_chunks(
    unit_id: int, criteria: RosterCriteria, chunk_size: int
) -> AsyncIterator[list[Person]]:
    """Yield every matching person with their records, in roster_page's order.

    Each chunk costs two statements. Chunks continue after the last (name, id)
    seen rather than at an offset, so a late chunk costs as little as the
    first.
    """
    persons = _matching_persons(unit_id, criteria).order_by("name", "id")
    last: Person | None = None
    while True:
        query = persons
        if last is not None:
            query = query.filter(
                Q(name__gt=last.name) | Q(name=last.name, id__gt=last.id)
            )
        chunk = await query.limit(chunk_size).prefetch_related(
            Prefetch("records", queryset=_records_of_unit(unit_id))
        )
        if chunk:
            yield list(chunk)
        if len(chunk) < chunk_size:
            return
        last = chunk[-1]


async def person_in_unit(unit_id: int, ssn: str) -> Person | None:
    """Return the person with ``ssn`` if they have a record in the unit."""
    ssn = normalize_code(ssn)
    if not could_be_ssn(ssn):
        return None
    person = (
        await Person.filter(ssn=ssn, records__unit_id=unit_id)
        .distinct()
        .prefetch_related(Prefetch("records", queryset=_records_of_unit(unit_id)))
        .first()
    )
    return person

"""Roster reads (花名册), always limited to the acting unit."""

from tortoise.expressions import Subquery
from tortoise.functions import Count
from tortoise.query_utils import Prefetch

from graph.core.paging import PageRequest
from graph.core.text import normalize_code, normalize_text
from graph.insurance.models import InsuranceRecord
from graph.person.models import Person


def _records_of_unit(unit_id: int):
    return InsuranceRecord.filter(unit_id=unit_id).order_by("insurance_type")


async def roster_page(
    unit_id: int,
    page: PageRequest,
    *,
    name: str | None = None,
    ssn: str | None = None,
    status: str | None = None,
    insurance_type: str | None = None,
    identity: str | None = None,
) -> tuple[int, list[Person]]:
    """Return the matching head count and one page of persons with their records.

    Costs three statements whatever the page size: count, page, records.
    """
    records = InsuranceRecord.filter(unit_id=unit_id)
    if status:
        records = records.filter(status=status)
    if insurance_type:
        records = records.filter(insurance_type=insurance_type)
    if identity:
        records = records.filter(identity=identity)
    # Person filters go in a subquery rather than a join, because Tortoise
    # groups an aggregate over a joined query by every record column.
    matching = Person.all()
    if name and normalize_text(name):
        matching = matching.filter(name__contains=normalize_text(name))
    if ssn and normalize_code(ssn):
        matching = matching.filter(ssn__startswith=normalize_code(ssn))
    if normalize_text(name) or normalize_code(ssn):
        records = records.filter(person_id__in=Subquery(matching.values("id")))

    # Counting distinct person ids on the (unit_id, person_id) index avoids
    # reading the person table for the total.
    counted = await records.annotate(
        total=Count("person_id", distinct=True)
    ).values_list("total", flat=True)
    total = counted[0] if counted else 0

    persons = Person.filter(id__in=Subquery(records.values("person_id")))
    items = (
        await persons.order_by("name", "id")
        .offset(page.offset)
        .limit(page.page_size)
        .prefetch_related(Prefetch("records", queryset=_records_of_unit(unit_id)))
    )
    return total, list(items)


async def person_in_unit(unit_id: int, ssn: str) -> Person | None:
    """Return the person with ``ssn`` if they have a record in the unit."""
    ssn = normalize_code(ssn)
    person = (
        await Person.filter(ssn=ssn, records__unit_id=unit_id)
        .distinct()
        .prefetch_related(Prefetch("records", queryset=_records_of_unit(unit_id)))
        .first()
    )
    return person

"""Roster reads (花名册), always limited to the acting unit."""

from tortoise.expressions import Subquery
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
    record_filter = {"unit_id": unit_id}
    if status:
        record_filter["status"] = status
    if insurance_type:
        record_filter["insurance_type"] = insurance_type
    if identity:
        record_filter["identity"] = identity
    person_ids = InsuranceRecord.filter(**record_filter).values("person_id")

    persons = Person.filter(id__in=Subquery(person_ids))
    if name and normalize_text(name):
        persons = persons.filter(name__contains=normalize_text(name))
    if ssn and normalize_code(ssn):
        persons = persons.filter(ssn__startswith=normalize_code(ssn))

    total = await persons.count()
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

import logging
from datetime import date
from decimal import Decimal

import pytest

from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.person.models import Person
from graph.person.resident_id import Gender
from tests.documents import PERSONS, ssn

PERSON = """
query Person($ssn: String!) {
  person(ssn: $ssn) { ssn name mobile records { insuranceType status } }
}
"""


async def add_employees(unit, count: int, start: int = 0) -> list[str]:
    """Insert ``count`` active employees of ``unit`` with all three types."""
    numbers = [
        ssn(
            birth=date(1980 + (start + i) % 20, 1, 1 + (start + i) // 20 % 28),
            sequence=(start + i) % 100,
        )
        for i in range(count)
    ]
    await Person.bulk_create(
        [
            Person(
                ssn=number,
                name=f"员工{start + i:04d}",
                gender=Gender.MALE,
                birth_date=date(1980, 1, 1),
                mobile="13912345678",
            )
            for i, number in enumerate(numbers)
        ]
    )
    ids = dict(await Person.filter(ssn__in=numbers).values_list("ssn", "id"))
    await InsuranceRecord.bulk_create(
        [
            InsuranceRecord(
                person_id=ids[number],
                unit_id=unit.id,
                insurance_type=insurance_type,
                status=InsuranceStatus.ACTIVE,
                enroll_date=date(2024, 1, 1),
                first_enroll_month="202401",
                base=Decimal("6000.00"),
                rate_grade=1,
                identity=(
                    InsuredIdentity.PART_TIME if i % 5 == 0 else InsuredIdentity.REGULAR
                ),
                retirement_age=60,
            )
            for i, number in enumerate(numbers)
            for insurance_type in InsuranceType
        ]
    )
    return numbers


class StatementCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if (
            message.lstrip()
            .upper()
            .startswith(("SELECT", "INSERT", "UPDATE", "DELETE"))
        ):
            self.statements.append(message)


async def count_statements(client, variables) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter = StatementCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        result = await client.execute(PERSONS, variables)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)
    assert "errors" not in result.body
    return len(counter.statements)


async def test_roster_statement_count_is_fixed(legalrep, unit):
    await add_employees(unit, 100)

    small = await count_statements(legalrep, {"pageSize": 10})
    large = await count_statements(legalrep, {"pageSize": 100})

    assert small == large
    # Session and membership checks, then count, page and records.
    assert large <= 6


async def test_roster_masks_numbers_by_default(legalrep, unit):
    numbers = await add_employees(unit, 3)

    items = (await legalrep.execute(PERSONS, {})).data["persons"]["items"]

    assert items[0]["ssn"] not in numbers
    assert "*" in items[0]["ssn"]
    assert items[0]["mobile"] == "139****5678"


async def test_roster_full_values_on_request(legalrep, unit):
    numbers = await add_employees(unit, 3)

    items = (await legalrep.execute(PERSONS, {"full": True})).data["persons"]["items"]

    assert {item["ssn"] for item in items} == set(numbers)
    assert items[0]["mobile"] == "13912345678"


async def test_roster_pages_sorted_by_name(legalrep, unit):
    await add_employees(unit, 25)

    first = (await legalrep.execute(PERSONS, {"pageSize": 10})).data["persons"]
    third = (await legalrep.execute(PERSONS, {"pageSize": 10, "page": 3})).data[
        "persons"
    ]

    assert first["totalCount"] == 25
    assert [p["name"] for p in first["items"]][:2] == ["员工0000", "员工0001"]
    assert len(third["items"]) == 5


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"name": "员工000"}, 10),
        ({"identity": "PART_TIME"}, 4),
        ({"insuranceType": "PENSION"}, 20),
        ({"status": "SUSPENDED"}, 0),
        ({"status": "ACTIVE"}, 20),
    ],
)
async def test_roster_filters(legalrep, unit, filter, expected):
    await add_employees(unit, 20)

    result = await legalrep.execute(PERSONS, {"filter": filter})

    assert result.data["persons"]["totalCount"] == expected


async def test_roster_filter_by_full_width_ssn(legalrep, unit):
    numbers = await add_employees(unit, 3)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in numbers[1])

    result = await legalrep.execute(PERSONS, {"filter": {"ssn": f" {full_width} "}})

    assert result.data["persons"]["totalCount"] == 1


async def test_roster_hides_other_units(legalrep, other_legalrep, unit, other_unit):
    await add_employees(unit, 3)
    others = await add_employees(other_unit, 2, start=50)

    mine = (await legalrep.execute(PERSONS, {"full": True})).data["persons"]
    theirs = (await other_legalrep.execute(PERSONS, {"full": True})).data["persons"]
    probe = await legalrep.execute(PERSON, {"ssn": others[0]})

    assert mine["totalCount"] == 3
    assert theirs["totalCount"] == 2
    assert not set(others) & {p["ssn"] for p in mine["items"]}
    assert probe.data["person"] is None


async def test_person_detail_unmasked(legalrep, unit):
    numbers = await add_employees(unit, 1)

    person = (await legalrep.execute(PERSON, {"ssn": numbers[0]})).data["person"]

    assert person["ssn"] == numbers[0]
    assert person["mobile"] == "13912345678"
    assert len(person["records"]) == 3


@pytest.mark.parametrize(("page", "page_size"), [(0, 10), (1, 0), (1, 101)])
async def test_roster_rejects_bad_paging(legalrep, page, page_size):
    result = await legalrep.execute(PERSONS, {"page": page, "pageSize": page_size})

    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_roster_needs_login(anonymous):
    result = await anonymous.execute(PERSONS, {})

    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_roster_refused_to_reviewer(reviewer):
    result = await reviewer.execute(PERSONS, {})

    assert result.error_codes == ["FORBIDDEN"]

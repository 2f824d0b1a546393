"""Messy and concurrent input that once reached the server as a fault."""

import asyncio

import pytest

from graph.declaration.models import Declaration
from graph.person.models import Person
from tests.documents import (
    ENROLL_PERSON,
    PERSONS,
    WITHDRAW_DECLARATION,
    enroll_input,
    ssn,
)

PREVIEW = """
query Preview($input: EnrollPersonInput!) {
  enrollmentPreview(input: $input) { errors { field code message } }
}
"""


async def test_wrongly_typed_variables_are_user_errors(legalrep):
    cases = [
        {"declaredWage": "8,000元"},
        {"enrollDate": "2026-02-30"},
        {"identity": "BOSS"},
        {"retirementAge": 2**40},
    ]
    for overrides in cases:
        result = await legalrep.execute(PREVIEW, {"input": enroll_input(**overrides)})

        assert result.error_codes == ["BAD_USER_INPUT"], overrides
        assert "服务器内部错误" not in result.body["errors"][0]["message"]


async def test_huge_page_number_is_user_error(legalrep):
    result = await legalrep.execute(PERSONS, {"page": 2**31})

    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_concurrent_enrollments_make_one_declaration(legalrep):
    variables = {"input": enroll_input(ssn=ssn(sequence=61))}

    results = await asyncio.gather(
        *(legalrep.execute(ENROLL_PERSON, variables) for _ in range(4))
    )

    codes = sorted(
        error["code"]
        for result in results
        for error in result.data["enrollPerson"]["errors"]
    )
    assert codes == ["DECLARATION_PENDING"] * 3
    assert await Declaration.all().count() == 1


async def test_control_characters_rejected_in_name(legalrep):
    result = await legalrep.execute(
        ENROLL_PERSON, {"input": enroll_input(name="李\n四")}
    )

    errors = result.data["enrollPerson"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("name", "INVALID_CHARACTER")]
    assert await Declaration.all().count() == 0


async def test_nul_character_removed_from_name(legalrep):
    result = await legalrep.execute(
        ENROLL_PERSON, {"input": enroll_input(name="王\x00红")}
    )

    assert result.data["enrollPerson"]["errors"] == []
    declaration = await Declaration.get()
    assert declaration.person_name == "王红"
    assert await Person.all().count() == 0


async def test_malformed_declaration_id_named(legalrep):
    result = await legalrep.execute(WITHDRAW_DECLARATION, {"id": "abc"})

    errors = result.data["withdrawDeclaration"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]
    assert "abc" in errors[0]["message"]


LONG_VALUE = "1234567890123456789012345"
LONG_LOOKUPS = [
    ("person", "{ person(ssn: $v) { name } }"),
    ("pensionAccount", "{ pensionAccount(ssn: $v, year: 2025) { errors { code } } }"),
    ("issueCertificate", "mutation { issueCertificate(ssns: [$v]) { code } }"),
    (
        "addInsuranceType",
        "mutation { addInsuranceType(input: {ssn: $v, insuranceTypes: [PENSION], "
        'enrollDate: "2026-12-01", declaredWage: "6000"}) { errors { code } } }',
    ),
    (
        "wageDeclarations",
        "{ wageDeclarations(year: 2025, creditCode: $v) { totalCount } }",
    ),
    ("loginTicket", '{ loginTicket(ticket: $v, secret: "x") { status } }'),
]


@pytest.mark.parametrize(("name", "body"), LONG_LOOKUPS)
async def test_overlong_lookup_is_not_fault(legalrep, name, body):
    operation = "mutation" if body.startswith("mutation") else "query"
    query = f"{operation} Lookup($v: String!) " + body.removeprefix("mutation ")
    result = await legalrep.execute(query, {"v": LONG_VALUE * 4})
    codes = [e.get("extensions", {}).get("code") for e in result.body.get("errors", [])]
    assert "INTERNAL" not in codes, (name, result.body)

"""Annual wage declaration (申报上年度工资) over GraphQL and its approval."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from graph.authz.codes import BusinessType
from graph.contribution.models import YearlyBase
from graph.declaration import materials
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.settings import get_settings
from tests.contribution.filings import (
    DECLARE_ANNUAL_WAGE,
    PDF,
    freeze_today,
    precise_operator,
    submit,
    xlsx_bytes,
)
from tests.documents import WITHDRAW_DECLARATION, error_pairs, insure, review, ssn

SUMMARY = ("WAGE_SUMMARY", "工资汇总表.xlsx", xlsx_bytes())


async def declare(client, number: str, materials=(SUMMARY,), **overrides) -> dict:
    values = {"ssn": number, "year": 2025, "averageWage": "8000"}
    values.update(overrides)
    return await submit(client, DECLARE_ANNUAL_WAGE, values, list(materials))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path):
    freeze_today(monkeypatch)
    own_folder = replace(get_settings(), upload_dir=tmp_path)
    monkeypatch.setattr(materials, "get_settings", lambda: own_folder)


async def test_declare_wage_shows_next_year_bases(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))

    payload = await declare(operator, number, averageWage="30000")

    assert payload["errors"] == []
    declaration = payload["declaration"]
    assert declaration["kind"] == "ANNUAL_WAGE"
    assert declaration["status"] == "PENDING"
    assert declaration["settlementMonth"] == "202601"
    assert declaration["annualWage"] == {
        "year": 2025,
        "averageWage": "30000",
        "baseYear": 2026,
    }
    assert declaration["materials"][0]["kind"] == "WAGE_SUMMARY"
    assert declaration["materials"][0]["fileName"] == "工资汇总表.xlsx"
    # 30000 is over the 2026 ceiling of 27000 for each of the three types.
    assert [
        (b["insuranceType"], Decimal(b["base"]), b["baseAdjustment"])
        for b in payload["bases"]
    ] == [
        ("PENSION", Decimal("27000"), "LOWERED_TO_CEILING"),
        ("UNEMPLOYMENT", Decimal("27000"), "LOWERED_TO_CEILING"),
        ("WORK_INJURY", Decimal("27000"), "LOWERED_TO_CEILING"),
    ]


async def test_wage_approval_sets_clamped_bases(operator, reviewer, unit):
    number = ssn()
    person = await insure(unit, number, enroll_date=date(2024, 3, 1))
    await InsuranceRecord.filter(
        person=person, insurance_type=InsuranceType.WORK_INJURY
    ).update(status=InsuranceStatus.SUSPENDED, suspend_date=date(2026, 5, 31))
    submitted = await declare(operator, number, averageWage="4000")

    reviewed = await review(reviewer, submitted["declaration"]["id"])

    assert reviewed["errors"] == []
    rows = await YearlyBase.filter(person=person).order_by("insurance_type")
    # Only the two active types get a base. 4000 is under the 2026 floor 5100.
    assert [(row.insurance_type, row.year, row.base) for row in rows] == [
        (InsuranceType.PENSION, 2026, Decimal("5100.00")),
        (InsuranceType.UNEMPLOYMENT, 2026, Decimal("5100.00")),
    ]
    assert all(row.unit_id == unit.id for row in rows)
    assert all(
        row.declaration_id == int(submitted["declaration"]["id"]) for row in rows
    )


async def test_wage_approval_keeps_wage_within_limits(operator, reviewer, unit):
    number = ssn()
    person = await insure(unit, number, enroll_date=date(2024, 3, 1))
    submitted = await declare(operator, number, averageWage="8123.45")

    await review(reviewer, submitted["declaration"]["id"])

    bases = await YearlyBase.filter(person=person).values_list("base", flat=True)
    assert sorted(bases) == [Decimal("8123.45")] * 3


async def test_wage_approval_needs_next_year_parameters(operator, reviewer, unit):
    number = ssn()
    person = await insure(unit, number, enroll_date=date(2020, 3, 1))
    # The sample parameters start in 2023, so the 2021 wage has no 2022 limits.
    submitted = await declare(operator, number, year=2021)

    assert submitted["errors"] == []
    assert submitted["bases"] == []
    reviewed = await review(reviewer, submitted["declaration"]["id"])

    assert error_pairs(reviewed) == [(None, "NO_POLICY_PARAMETERS")]
    assert "2022" in reviewed["errors"][0]["message"]
    assert not await YearlyBase.filter(person=person).exists()
    declaration = await Declaration.get(id=submitted["declaration"]["id"])
    assert declaration.status.value == "PENDING"


async def test_wage_declared_once_per_year(operator, reviewer, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))
    first = await declare(operator, number)
    await review(reviewer, first["declaration"]["id"])

    again = await declare(operator, number)
    other_year = await declare(operator, number, year=2024)

    assert error_pairs(again) == [("year", "ALREADY_DECLARED")]
    assert other_year["errors"] == []


async def test_wage_pending_declaration_blocks_repeat(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))
    await declare(operator, number)

    again = await declare(operator, number)

    assert error_pairs(again) == [("year", "ALREADY_DECLARED")]


async def test_wage_after_withdraw_declares_again(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))
    first = await declare(operator, number)
    withdrawn = await operator.execute(
        WITHDRAW_DECLARATION, {"id": first["declaration"]["id"]}
    )
    assert withdrawn.data["withdrawDeclaration"]["declaration"]["status"] == "WITHDRAWN"

    again = await declare(operator, number)

    assert again["errors"] == []


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"year": 2026}, "year", "INVALID_YEAR"),
        ({"year": 1024}, "year", "INVALID_YEAR"),
        ({"averageWage": "-1"}, "averageWage", "INVALID_WAGE"),
        ({"averageWage": "8000.001"}, "averageWage", "INVALID_WAGE"),
        ({"ssn": "33030219900315123"}, "ssn", "INVALID_FORMAT"),
    ],
)
async def test_wage_rejects_bad_input(operator, unit, overrides, field, code):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))

    payload = await declare(operator, number, **overrides)

    assert (field, code) in error_pairs(payload)
    assert not await Declaration.exists()


async def test_wage_requires_wage_summary(operator, unit):
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))

    payload = await declare(
        operator, number, materials=[("WAGE_PROOF", "工资.pdf", PDF)]
    )

    assert error_pairs(payload) == [
        ("materials.0.kind", "MATERIAL_NOT_ALLOWED"),
        ("materials", "MATERIAL_REQUIRED"),
    ]


async def test_wage_rejects_suspended_person(operator, unit):
    number = ssn()
    await insure(
        unit,
        number,
        status=InsuranceStatus.SUSPENDED,
        enroll_date=date(2024, 3, 1),
        suspend_date=date(2025, 12, 31),
    )

    payload = await declare(operator, number)

    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]


async def test_wage_rejects_other_units_person(operator, other_unit):
    number = ssn()
    await insure(other_unit, number, identity=InsuredIdentity.REGULAR)

    payload = await declare(operator, number)

    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]


async def test_wage_refused_without_grant(anonymous, unit):
    clerk = await precise_operator(anonymous, unit, [BusinessType.BACK_PAYMENT])
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))

    result = await clerk.execute(
        DECLARE_ANNUAL_WAGE,
        {
            "input": {
                "ssn": number,
                "year": 2025,
                "averageWage": "8000",
                "materials": [],
            }
        },
    )

    assert result.error_codes == ["FORBIDDEN"]
    assert not await Declaration.exists()


async def test_wage_allowed_with_precise_grant(anonymous, unit):
    clerk = await precise_operator(anonymous, unit, [BusinessType.WAGE_DECLARATION])
    number = ssn()
    await insure(unit, number, enroll_date=date(2024, 3, 1))

    payload = await declare(clerk, number)

    assert payload["errors"] == []

"""Contribution wage declaration query (缴费工资申报查询)."""

import logging
from dataclasses import replace
from datetime import date

import pytest

from graph.declaration import materials
from graph.insurance.codes import InsuranceStatus, InsuredIdentity
from graph.settings import get_settings
from tests.conftest import create_unit
from tests.contribution.filings import (
    DECLARE_ANNUAL_WAGE,
    freeze_today,
    submit,
    xlsx_bytes,
)
from tests.documents import insure, review, ssn

WAGE_DECLARATIONS = """
query Wages($year: Int!, $creditCode: String, $unitName: String) {
  wageDeclarations(year: $year, creditCode: $creditCode, unitName: $unitName) {
    totalCount
    items {
      year creditCode unitName unitNature dueCount declaredCount declarant
    }
  }
}
"""


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path):
    freeze_today(monkeypatch)
    own_folder = replace(get_settings(), upload_dir=tmp_path)
    monkeypatch.setattr(materials, "get_settings", lambda: own_folder)


async def declare(client, number: str) -> dict:
    return await submit(
        client,
        DECLARE_ANNUAL_WAGE,
        {"ssn": number, "year": 2025, "averageWage": "8000"},
        [("WAGE_SUMMARY", "汇总表.xlsx", xlsx_bytes())],
    )


async def staff_unit(unit, legalrep, reviewer) -> None:
    """Insure six persons, declare for two and approve one.

    Due for 2025 (a pension record active on some day of 2025): A, B and E.
    Not due: C (suspended on 2024-12-31), D (enrolled 2026-03-01), F (work
    injury only).
    """
    a, b, c, d, e, f = (ssn(sequence=n) for n in range(1, 7))
    await insure(unit, a, enroll_date=date(2024, 3, 1))
    await insure(unit, b, enroll_date=date(2025, 12, 31))
    await insure(
        unit,
        c,
        status=InsuranceStatus.SUSPENDED,
        enroll_date=date(2023, 1, 1),
        suspend_date=date(2024, 12, 31),
    )
    await insure(unit, d, enroll_date=date(2026, 3, 1))
    await insure(
        unit,
        e,
        status=InsuranceStatus.SUSPENDED,
        enroll_date=date(2023, 1, 1),
        suspend_date=date(2025, 1, 1),
    )
    await insure(
        unit, f, identity=InsuredIdentity.PART_TIME, enroll_date=date(2024, 1, 1)
    )

    approved = await declare(legalrep, a)
    assert approved["errors"] == []
    assert (await review(reviewer, approved["declaration"]["id"]))["errors"] == []
    pending = await declare(legalrep, b)
    assert pending["errors"] == []


async def test_wage_declarations_counts_for_unit(legalrep, reviewer, unit):
    await staff_unit(unit, legalrep, reviewer)

    result = await legalrep.execute(WAGE_DECLARATIONS, {"year": 2025})

    page = result.data["wageDeclarations"]
    assert page["totalCount"] == 1
    assert page["items"] == [
        {
            "year": 2025,
            "creditCode": unit.credit_code,
            "unitName": unit.name,
            "unitNature": "企业",
            "dueCount": 3,
            "declaredCount": 1,
            "declarant": "legalrep",
        }
    ]


async def test_wage_declarations_other_year(legalrep, reviewer, unit):
    await staff_unit(unit, legalrep, reviewer)

    result = await legalrep.execute(WAGE_DECLARATIONS, {"year": 2024})

    item = result.data["wageDeclarations"]["items"][0]
    # 2024: A, C and E were active; B and D had not joined yet.
    assert item["dueCount"] == 3
    assert item["declaredCount"] == 0
    assert item["declarant"] is None


async def test_wage_declarations_reviewer_sees_regions(
    legalrep, reviewer, unit, other_unit
):
    await staff_unit(unit, legalrep, reviewer)

    result = await reviewer.execute(WAGE_DECLARATIONS, {"year": 2025})

    page = result.data["wageDeclarations"]
    assert page["totalCount"] == 2
    counts = {item["creditCode"]: item["dueCount"] for item in page["items"]}
    assert counts == {unit.credit_code: 3, other_unit.credit_code: 0}


async def test_wage_declarations_filters_by_credit_code(reviewer, unit, other_unit):
    result = await reviewer.execute(
        WAGE_DECLARATIONS, {"year": 2025, "creditCode": other_unit.credit_code}
    )

    page = result.data["wageDeclarations"]
    assert page["totalCount"] == 1
    assert page["items"][0]["unitName"] == other_unit.name


async def test_wage_declarations_rejects_future_year(legalrep):
    result = await legalrep.execute(WAGE_DECLARATIONS, {"year": 2999})

    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_wage_declarations_refused_anonymous(anonymous):
    result = await anonymous.execute(WAGE_DECLARATIONS, {"year": 2025})

    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_wage_declarations_statements_fixed(legalrep, reviewer, unit, caplog):
    await staff_unit(unit, legalrep, reviewer)

    async def count_statements() -> int:
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
            await reviewer.execute(WAGE_DECLARATIONS, {"year": 2025})
        return len(caplog.records)

    few = await count_statements()
    for number in range(1, 6):
        await create_unit(f"3303020010{number}")
    many = await count_statements()

    assert few > 0
    assert many == few

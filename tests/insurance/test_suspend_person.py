"""suspendPerson over GraphQL: the types it suspends and the rules it checks."""

from datetime import date, timedelta

import pytest

from graph.core.clock import today
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceStatus, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import last_day_of_month
from tests.documents import (
    SUSPEND_PERSON,
    error_pairs,
    insure,
    ssn,
    suspend,
    suspend_input,
)

NUMBER = ssn(sequence=5)


@pytest.fixture
async def employee(unit):
    """An employee of ``unit`` active in all three types since 2026-03-01."""
    return await insure(unit, NUMBER, name="赵六")


async def test_suspend_creates_pending_declaration(legalrep, employee):
    payload = await suspend(legalrep, NUMBER)
    assert payload["errors"] == []
    assert payload["declaration"]["kind"] == "SUSPENSION"
    assert payload["declaration"]["status"] == "PENDING"
    assert payload["insuranceTypes"] == ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"]


async def test_suspend_keeps_records_active(legalrep, employee):
    await suspend(legalrep, NUMBER)
    statuses = await InsuranceRecord.filter(person=employee).values_list(
        "status", flat=True
    )
    assert set(statuses) == {InsuranceStatus.ACTIVE}


async def test_suspend_lists_work_injury_for_part_time(legalrep, unit):
    await insure(unit, NUMBER, identity=InsuredIdentity.PART_TIME)
    payload = await suspend(legalrep, NUMBER)
    assert payload["errors"] == []
    assert payload["insuranceTypes"] == ["WORK_INJURY"]


async def test_suspend_accepts_enrollment_date(legalrep, employee):
    payload = await suspend(legalrep, NUMBER, suspendDate="2026-03-01")
    assert payload["errors"] == []


async def test_suspend_rejects_unknown_person(legalrep):
    payload = await suspend(legalrep, NUMBER)
    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]
    assert payload["declaration"] is None
    assert await Declaration.all().count() == 0


async def test_suspend_rejects_suspended_person(legalrep, unit):
    await insure(
        unit,
        NUMBER,
        status=InsuranceStatus.SUSPENDED,
        suspend_date=date(2026, 5, 31),
    )
    payload = await suspend(legalrep, NUMBER)
    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]
    assert await Declaration.all().count() == 0


async def test_suspend_hides_other_units_person(legalrep, other_unit):
    await insure(other_unit, NUMBER, name="钱七")
    payload = await suspend(legalrep, NUMBER)
    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]
    message = payload["errors"][0]["message"]
    assert "钱七" not in message
    assert other_unit.name not in message
    assert await Declaration.all().count() == 0


async def test_suspend_rejects_date_before_enrollment(legalrep, employee):
    payload = await suspend(legalrep, NUMBER, suspendDate="2026-02-28")
    assert error_pairs(payload) == [("suspendDate", "DATE_BEFORE_ENROLLMENT")]
    assert await Declaration.all().count() == 0


@pytest.mark.parametrize("remark", ["", " \u3000"])
async def test_suspend_requires_remark_for_other(legalrep, employee, remark):
    payload = await suspend(legalrep, NUMBER, reason="OTHER", remark=remark)
    assert error_pairs(payload) == [("remark", "REMARK_REQUIRED")]
    assert await Declaration.all().count() == 0


async def test_suspend_accepts_other_with_remark(legalrep, employee):
    payload = await suspend(legalrep, NUMBER, reason="OTHER", remark="调往集团总部")
    assert payload["errors"] == []


async def test_suspend_rejects_date_after_month_end(legalrep, employee):
    first_of_next_month = last_day_of_month(today()) + timedelta(days=1)
    payload = await suspend(
        legalrep, NUMBER, suspendDate=first_of_next_month.isoformat()
    )
    assert error_pairs(payload) == [("suspendDate", "DATE_IN_FUTURE")]
    assert await Declaration.all().count() == 0


async def test_suspend_rejects_second_pending_submission(legalrep, employee):
    first = await suspend(legalrep, NUMBER)
    assert first["errors"] == []
    second = await suspend(legalrep, NUMBER, reason="DISMISSAL")
    assert error_pairs(second) == [("ssn", "DECLARATION_PENDING")]
    assert await Declaration.all().count() == 1


async def test_suspend_rejects_invalid_ssn(legalrep, employee):
    wrong = NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")
    payload = await suspend(legalrep, wrong)
    assert error_pairs(payload) == [("ssn", "INVALID_CHECK_CHARACTER")]
    assert await Declaration.all().count() == 0


async def test_suspend_forbidden_for_reviewer(reviewer, employee):
    result = await reviewer.execute(SUSPEND_PERSON, {"input": suspend_input(NUMBER)})
    assert result.error_codes == ["FORBIDDEN"]
    assert await Declaration.all().count() == 0


async def test_suspend_requires_login(anonymous, employee):
    result = await anonymous.execute(SUSPEND_PERSON, {"input": suspend_input(NUMBER)})
    assert result.error_codes == ["UNAUTHENTICATED"]
    assert await Declaration.all().count() == 0

"""enrollPerson and enrollmentPreview over GraphQL: preview, rules and access."""

from datetime import date, timedelta

import pytest

from graph.audit.models import AuditEntry
from graph.core.clock import today
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceStatus, InsuredIdentity
from graph.insurance.rules import last_day_of_month
from graph.person.models import Person
from graph.person.resident_id import Gender
from tests.documents import (
    ENROLL_PERSON,
    ENROLLMENT_PREVIEW,
    enroll,
    enroll_and_approve,
    enroll_input,
    error_pairs,
    insure,
    review,
    ssn,
    suspend,
)

ALL_TYPES = ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"]


def insurance_types(payload: dict) -> list[str]:
    return [record["insuranceType"] for record in payload["preview"]["records"]]


async def test_enroll_creates_pending_declaration(legalrep):
    payload = await enroll(legalrep, ssn=ssn(sequence=7), name="李雷")
    assert payload["errors"] == []
    assert payload["declaration"] == {
        "id": payload["declaration"]["id"],
        "kind": "ENROLLMENT",
        "status": "PENDING",
        "ssn": ssn(sequence=7),
        "personName": "李雷",
        "settlementMonth": "202603",
    }
    stored = await Declaration.get(id=int(payload["declaration"]["id"]))
    assert stored.insurance_types == "110,210,410"


async def test_enroll_records_authorization(operator, legalrep):
    by_operator = await enroll(operator, ssn=ssn(sequence=9))
    by_legalrep = await enroll(legalrep, ssn=ssn(sequence=10))
    operator_row = await Declaration.get(id=int(by_operator["declaration"]["id"]))
    legalrep_row = await Declaration.get(id=int(by_legalrep["declaration"]["id"]))
    assert operator_row.submitted_as.startswith("GRANT:")
    assert legalrep_row.submitted_as == "LEGAL_REPRESENTATIVE"


async def test_enroll_preview_lists_records(legalrep, unit):
    unit.rate_grade = 3
    await unit.save()
    payload = await enroll(legalrep)
    assert payload["preview"]["reenrollment"] is False
    assert payload["preview"]["baseAdjusted"] is False
    assert payload["preview"]["records"] == [
        {
            "regionCode": "330302",
            "regionName": "鹿城区",
            "insuranceType": insurance_type,
            "base": "8000.00",
            "baseAdjustment": None,
            "rateGrade": 3,
            "firstEnrollMonth": "202603",
            "parametersAreSamples": True,
        }
        for insurance_type in ALL_TYPES
    ]


async def test_enroll_creates_no_person_yet(legalrep):
    await enroll(legalrep)
    assert await Person.all().count() == 0


async def test_enroll_normalises_full_width_ssn(legalrep):
    number = ssn(sequence=8)
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    payload = await enroll(legalrep, ssn=f" {full_width}\u3000")
    assert payload["errors"] == []
    assert payload["declaration"]["ssn"] == number


@pytest.mark.parametrize(
    ("enroll_date", "wage", "base", "adjustment"),
    [
        ("2026-03-01", "3000", "5100.00", "RAISED_TO_FLOOR"),
        ("2026-03-01", "30000", "27000.00", "LOWERED_TO_CEILING"),
        ("2024-05-01", "3000", "4462.00", "RAISED_TO_FLOOR"),
        ("2023-12-31", "30000", "22311.00", "LOWERED_TO_CEILING"),
    ],
)
async def test_enroll_clamps_base(legalrep, enroll_date, wage, base, adjustment):
    payload = await enroll(legalrep, enrollDate=enroll_date, declaredWage=wage)
    assert payload["errors"] == []
    assert payload["preview"]["baseAdjusted"] is True
    assert {r["base"] for r in payload["preview"]["records"]} == {base}
    assert {r["baseAdjustment"] for r in payload["preview"]["records"]} == {adjustment}


async def test_enroll_keeps_base_at_floor(legalrep):
    payload = await enroll(legalrep, declaredWage="5100.00")
    assert payload["preview"]["baseAdjusted"] is False
    assert {r["base"] for r in payload["preview"]["records"]} == {"5100.00"}


@pytest.mark.parametrize(
    "identity",
    ["PART_TIME", "TECH_SCHOOL_INTERN", "EPIDEMIC_TEMP", "JOINT_PREVENTION"],
)
async def test_enroll_work_injury_only_identity(legalrep, identity):
    payload = await enroll(legalrep, identity=identity)
    assert payload["errors"] == []
    assert insurance_types(payload) == ["WORK_INJURY"]


async def test_enroll_over_age_gets_work_injury_only(legalrep):
    retired = ssn(birth=date(1955, 6, 1))
    payload = await enroll(legalrep, ssn=retired, identity="OVER_AGE")
    assert payload["errors"] == []
    assert insurance_types(payload) == ["WORK_INJURY"]


# Retirement dates under the gradual raise. Births in the 15th month after
# the first raised month (m=14) add 14//2+1 = 8 months at base 50 and
# 14//4+1 = 4 months at bases 55 and 60.
RETIREMENT_CASES = [
    pytest.param(date(1976, 3, 10), Gender.FEMALE, 50, date(2026, 11, 10), id="f50"),
    pytest.param(date(1971, 3, 10), Gender.FEMALE, 55, date(2026, 7, 10), id="f55"),
    pytest.param(date(1966, 3, 10), Gender.MALE, 60, date(2026, 7, 10), id="m60"),
]


def retiree_input(birth, gender, base_age, enroll_date, identity) -> dict:
    return enroll_input(
        ssn=ssn(birth=birth, sequence=3, gender=gender),
        name="王芳",
        enrollDate=enroll_date.isoformat(),
        identity=identity,
        retirementAge=base_age,
    )


@pytest.mark.parametrize(("birth", "gender", "base_age", "retires"), RETIREMENT_CASES)
async def test_enroll_over_age_on_retirement_date(
    legalrep, birth, gender, base_age, retires
):
    variables = {"input": retiree_input(birth, gender, base_age, retires, "OVER_AGE")}
    payload = (await legalrep.execute(ENROLL_PERSON, variables)).data["enrollPerson"]
    assert payload["errors"] == []
    assert insurance_types(payload) == ["WORK_INJURY"]


@pytest.mark.parametrize(("birth", "gender", "base_age", "retires"), RETIREMENT_CASES)
async def test_enroll_over_age_rejected_before_retirement(
    legalrep, birth, gender, base_age, retires
):
    day_before = retires - timedelta(days=1)
    variables = {
        "input": retiree_input(birth, gender, base_age, day_before, "OVER_AGE")
    }
    payload = (await legalrep.execute(ENROLL_PERSON, variables)).data["enrollPerson"]
    assert error_pairs(payload) == [("identity", "NOT_OVER_RETIREMENT_AGE")]
    assert payload["declaration"] is None
    assert await Declaration.all().count() == 0


@pytest.mark.parametrize(("birth", "gender", "base_age", "retires"), RETIREMENT_CASES)
async def test_enroll_regular_day_before_retirement(
    legalrep, birth, gender, base_age, retires
):
    day_before = retires - timedelta(days=1)
    variables = {"input": retiree_input(birth, gender, base_age, day_before, "REGULAR")}
    payload = (await legalrep.execute(ENROLL_PERSON, variables)).data["enrollPerson"]
    assert payload["errors"] == []
    assert insurance_types(payload) == ALL_TYPES


@pytest.mark.parametrize(("birth", "gender", "base_age", "retires"), RETIREMENT_CASES)
async def test_enroll_regular_rejected_past_retirement(
    legalrep, birth, gender, base_age, retires
):
    variables = {"input": retiree_input(birth, gender, base_age, retires, "REGULAR")}
    payload = (await legalrep.execute(ENROLL_PERSON, variables)).data["enrollPerson"]
    assert error_pairs(payload) == [("identity", "OVER_RETIREMENT_AGE")]
    assert payload["declaration"] is None
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_woman_with_base_age_60(legalrep):
    woman = ssn(gender=Gender.FEMALE)
    payload = await enroll(legalrep, ssn=woman, retirementAge=60)
    assert error_pairs(payload) == [("retirementAge", "INVALID_RETIREMENT_AGE")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_invalid_check_character(legalrep):
    valid = ssn()
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    payload = await enroll(legalrep, ssn=wrong)
    assert error_pairs(payload) == [("ssn", "INVALID_CHECK_CHARACTER")]
    assert payload["declaration"] is None
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_old_15_digit_number(legalrep):
    payload = await enroll(legalrep, ssn="330302900315001")
    assert error_pairs(payload) == [("ssn", "OLD_ID_NUMBER")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_future_birth_date(legalrep):
    unborn = ssn(birth=today() + timedelta(days=30))
    payload = await enroll(legalrep, ssn=unborn)
    assert error_pairs(payload) == [("ssn", "INVALID_BIRTH_DATE")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_under_16(legalrep):
    young = ssn(birth=date(2010, 3, 2))
    payload = await enroll(legalrep, ssn=young, enrollDate="2026-03-01")
    assert error_pairs(payload) == [("enrollDate", "UNDER_MINIMUM_AGE")]
    assert await Declaration.all().count() == 0


async def test_enroll_accepts_16th_birthday(legalrep):
    young = ssn(birth=date(2010, 3, 1))
    payload = await enroll(legalrep, ssn=young, enrollDate="2026-03-01")
    assert payload["errors"] == []


async def test_enroll_rejects_date_after_month_end(legalrep):
    first_of_next_month = last_day_of_month(today()) + timedelta(days=1)
    payload = await enroll(legalrep, enrollDate=first_of_next_month.isoformat())
    assert error_pairs(payload) == [("enrollDate", "DATE_IN_FUTURE")]
    assert await Declaration.all().count() == 0


async def test_enroll_accepts_last_day_of_month(legalrep):
    month_end = last_day_of_month(today())
    payload = await enroll(legalrep, enrollDate=month_end.isoformat())
    assert payload["errors"] == []


async def test_enroll_rejects_date_before_2023(legalrep):
    payload = await enroll(legalrep, enrollDate="2022-12-31")
    assert error_pairs(payload) == [("enrollDate", "NO_POLICY_PARAMETERS")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_name_mismatch(legalrep, other_unit):
    await insure(other_unit, ssn(), name="李四", identity=InsuredIdentity.PART_TIME)
    payload = await enroll(legalrep, ssn=ssn(), name="张三")
    assert error_pairs(payload) == [("name", "NAME_MISMATCH")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_person_active_in_unit(legalrep, unit):
    await insure(unit, ssn())
    payload = await enroll(legalrep, ssn=ssn())
    assert error_pairs(payload) == [("ssn", "ALREADY_ACTIVE_IN_UNIT")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_part_time_active_in_unit(legalrep, unit):
    await insure(unit, ssn(), identity=InsuredIdentity.PART_TIME)
    payload = await enroll(legalrep, ssn=ssn(), identity="REGULAR")
    assert error_pairs(payload) == [("ssn", "ALREADY_ACTIVE_IN_UNIT")]
    assert await Declaration.all().count() == 0


async def test_enroll_rejects_pension_active_in_other_unit(legalrep, other_unit):
    await insure(other_unit, ssn())
    payload = await enroll(legalrep, ssn=ssn())
    assert error_pairs(payload) == [("ssn", "ACTIVE_IN_OTHER_UNIT")]
    assert await Declaration.all().count() == 0


async def test_enroll_part_time_active_elsewhere(legalrep, other_unit):
    await insure(other_unit, ssn())
    payload = await enroll(legalrep, ssn=ssn(), identity="PART_TIME")
    assert payload["errors"] == []
    assert insurance_types(payload) == ["WORK_INJURY"]


async def test_enroll_after_suspension_in_other_unit(legalrep, other_unit):
    await insure(
        other_unit,
        ssn(),
        status=InsuranceStatus.SUSPENDED,
        suspend_date=date(2025, 12, 31),
        enroll_date=date(2024, 7, 1),
    )
    payload = await enroll(legalrep, ssn=ssn())
    assert payload["errors"] == []
    assert payload["declaration"]["kind"] == "ENROLLMENT"
    assert {r["firstEnrollMonth"] for r in payload["preview"]["records"]} == {"202407"}


async def test_enroll_rejects_second_pending_submission(legalrep):
    first = await enroll(legalrep)
    assert first["errors"] == []
    second = await enroll(legalrep, enrollDate="2026-04-01")
    assert error_pairs(second) == [("ssn", "DECLARATION_PENDING")]
    assert await Declaration.all().count() == 1


@pytest.fixture
async def suspended_person(legalrep, reviewer) -> str:
    """Enroll from 2026-03-01 and suspend on 2026-06-30, both approved."""
    number = ssn(sequence=21)
    await enroll_and_approve(legalrep, reviewer, ssn=number)
    submitted = await suspend(legalrep, number, suspendDate="2026-06-30")
    assert submitted["errors"] == []
    approved = await review(reviewer, submitted["declaration"]["id"])
    assert approved["errors"] == []
    return number


async def test_enroll_detects_reenrollment(legalrep, suspended_person):
    payload = await enroll(legalrep, ssn=suspended_person, enrollDate="2026-07-01")
    assert payload["errors"] == []
    assert payload["declaration"]["kind"] == "REENROLLMENT"
    assert payload["preview"]["reenrollment"] is True
    assert {r["firstEnrollMonth"] for r in payload["preview"]["records"]} == {"202603"}


@pytest.mark.parametrize("enroll_date", ["2026-06-30", "2026-06-01", "2026-03-01"])
async def test_reenroll_rejects_date_not_after_suspension(
    legalrep, suspended_person, enroll_date
):
    before = await Declaration.all().count()
    payload = await enroll(legalrep, ssn=suspended_person, enrollDate=enroll_date)
    assert error_pairs(payload) == [("enrollDate", "DATE_BEFORE_SUSPENSION")]
    assert await Declaration.all().count() == before


async def test_enrollment_preview_matches_enroll(legalrep):
    variables = {"input": enroll_input(declaredWage="3000", identity="REGULAR")}
    previewed = (await legalrep.execute(ENROLLMENT_PREVIEW, variables)).data[
        "enrollmentPreview"
    ]
    enrolled = (await legalrep.execute(ENROLL_PERSON, variables)).data["enrollPerson"]
    assert previewed["errors"] == []
    assert previewed["preview"] == enrolled["preview"]


async def test_enrollment_preview_writes_nothing(legalrep):
    audit_rows = await AuditEntry.all().count()
    result = await legalrep.execute(ENROLLMENT_PREVIEW, {"input": enroll_input()})
    assert result.data["enrollmentPreview"]["errors"] == []
    assert await Declaration.all().count() == 0
    assert await Person.all().count() == 0
    assert await AuditEntry.all().count() == audit_rows


async def test_enrollment_preview_returns_errors(legalrep):
    variables = {"input": enroll_input(enrollDate="2022-06-01")}
    payload = (await legalrep.execute(ENROLLMENT_PREVIEW, variables)).data[
        "enrollmentPreview"
    ]
    assert error_pairs(payload) == [("enrollDate", "NO_POLICY_PARAMETERS")]
    assert payload["preview"] is None


async def test_enroll_forbidden_for_reviewer(reviewer):
    result = await reviewer.execute(ENROLL_PERSON, {"input": enroll_input()})
    assert result.error_codes == ["FORBIDDEN"]
    assert await Declaration.all().count() == 0


async def test_enroll_requires_login(anonymous):
    result = await anonymous.execute(ENROLL_PERSON, {"input": enroll_input()})
    assert result.error_codes == ["UNAUTHENTICATED"]
    assert await Declaration.all().count() == 0


async def test_enrollment_preview_forbidden_for_reviewer(reviewer):
    result = await reviewer.execute(ENROLLMENT_PREVIEW, {"input": enroll_input()})
    assert result.error_codes == ["FORBIDDEN"]

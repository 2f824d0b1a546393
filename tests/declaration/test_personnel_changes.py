"""personnelChanges: approved enrollments and suspensions by date, with filters."""

import pytest

from tests.documents import (
    PERSONNEL_CHANGES,
    enroll,
    enroll_and_approve,
    review,
    ssn,
    suspend,
)

ZHANG = ssn(sequence=41)
LI = ssn(sequence=42)
ZHAO = ssn(sequence=43)
QIAN = ssn(sequence=44)
WANG = ssn(sequence=45, region="330304")


async def approve_suspension(unit_client, reviewer_client, number, day) -> None:
    submitted = await suspend(unit_client, number, suspendDate=day)
    assert submitted["errors"] == []
    reviewed = await review(reviewer_client, submitted["declaration"]["id"])
    assert reviewed["errors"] == []


@pytest.fixture
async def changes(legalrep, other_legalrep, reviewer) -> None:
    """Declarations of ``unit`` and ``other_unit`` in every review state.

    In ``unit``: 张三 REGULAR from 2026-03-01, suspended 2026-06-30, both
    approved. 李四 PART_TIME from 2026-05-10 approved, with a suspension of
    2026-07-31 pending. 赵六 from 2026-03-15 pending. 钱七 from 2026-03-20
    rejected. In ``other_unit``: 王五 from 2026-03-05, suspended 2026-06-15,
    both approved.
    """
    await enroll_and_approve(legalrep, reviewer, ssn=ZHANG, name="张三")
    await approve_suspension(legalrep, reviewer, ZHANG, "2026-06-30")
    await enroll_and_approve(
        legalrep,
        reviewer,
        ssn=LI,
        name="李四",
        identity="PART_TIME",
        enrollDate="2026-05-10",
    )
    assert (await suspend(legalrep, LI, suspendDate="2026-07-31"))["errors"] == []
    pending = await enroll(legalrep, ssn=ZHAO, name="赵六", enrollDate="2026-03-15")
    assert pending["errors"] == []
    rejected = await enroll(legalrep, ssn=QIAN, name="钱七", enrollDate="2026-03-20")
    payload = await review(
        reviewer, rejected["declaration"]["id"], approve=False, comment="退回"
    )
    assert payload["errors"] == []
    await enroll_and_approve(
        other_legalrep, reviewer, ssn=WANG, name="王五", enrollDate="2026-03-05"
    )
    await approve_suspension(other_legalrep, reviewer, WANG, "2026-06-15")


async def names(client, kind, date_from, date_to, **filters) -> list[str]:
    variables = {"kind": kind, "from": date_from, "to": date_to, **filters}
    page = (await client.execute(PERSONNEL_CHANGES, variables)).data["personnelChanges"]
    assert page["totalCount"] == len(page["items"])
    return [item["name"] for item in page["items"]]


async def test_changes_increase_row(legalrep, changes, unit):
    variables = {"kind": "INCREASE", "from": "2026-03-01", "to": "2026-03-31"}
    page = (await legalrep.execute(PERSONNEL_CHANGES, variables)).data[
        "personnelChanges"
    ]
    assert page["items"] == [
        {
            "businessMonth": "202603",
            "creditCode": unit.credit_code,
            "unitName": unit.name,
            "ssn": ZHANG,
            "name": "张三",
            "gender": "MALE",
            "identity": "REGULAR",
            "insuranceTypes": ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"],
            "base": "8000.00",
            "suspensionReason": None,
        }
    ]


async def test_changes_suspension_row(legalrep, changes):
    variables = {"kind": "SUSPENSION", "from": "2026-06-01", "to": "2026-06-30"}
    page = (await legalrep.execute(PERSONNEL_CHANGES, variables)).data[
        "personnelChanges"
    ]
    assert [
        (i["businessMonth"], i["name"], i["suspensionReason"], i["insuranceTypes"])
        for i in page["items"]
    ] == [("202606", "张三", "RESIGNATION", ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"])]


async def test_changes_only_approved(legalrep, changes):
    year = ("2026-01-01", "2026-12-31")
    assert await names(legalrep, "INCREASE", *year) == ["张三", "李四"]
    assert await names(legalrep, "SUSPENSION", *year) == ["张三"]


async def test_changes_date_ranges(legalrep, changes):
    # Both ends of the range are inclusive.
    cases = {
        "March": ("INCREASE", "2026-03-01", "2026-03-31"),
        "after 张三, before 李四": ("INCREASE", "2026-03-02", "2026-05-09"),
        "李四's day only": ("INCREASE", "2026-05-10", "2026-05-10"),
        "before any": ("INCREASE", "2025-03-01", "2026-02-28"),
        "suspensions June 30": ("SUSPENSION", "2026-06-30", "2026-06-30"),
        "suspensions from July": ("SUSPENSION", "2026-07-01", "2026-12-31"),
    }
    found = {name: await names(legalrep, *case) for name, case in cases.items()}
    assert found == {
        "March": ["张三"],
        "after 张三, before 李四": [],
        "李四's day only": ["李四"],
        "before any": [],
        "suspensions June 30": ["张三"],
        "suspensions from July": [],
    }


async def test_changes_filters_for_unit(legalrep, changes, unit, other_unit):
    year = ("INCREASE", "2026-01-01", "2026-12-31")
    cases = {
        "ssn": {"ssn": ZHANG},
        "ssn prefix": {"ssn": ZHANG[:14]},
        "pension": {"insuranceType": "PENSION"},
        "work injury": {"insuranceType": "WORK_INJURY"},
        "unemployment": {"insuranceType": "UNEMPLOYMENT"},
        "part time": {"identity": "PART_TIME"},
        "regular": {"identity": "REGULAR"},
        "over age": {"identity": "OVER_AGE"},
        "own credit code": {"creditCode": unit.credit_code},
        "other credit code": {"creditCode": other_unit.credit_code},
        "own unit name": {"unitName": unit.name},
    }
    found = {name: await names(legalrep, *year, **f) for name, f in cases.items()}
    assert found == {
        "ssn": ["张三"],
        "ssn prefix": ["张三", "李四"],
        "pension": ["张三"],
        "work injury": ["张三", "李四"],
        "unemployment": ["张三"],
        "part time": ["李四"],
        "regular": ["张三"],
        "over age": [],
        "own credit code": ["张三", "李四"],
        "other credit code": [],
        "own unit name": ["张三", "李四"],
    }


async def test_changes_filters_for_reviewer(reviewer, changes, unit, other_unit):
    cases = {
        "all units": ("INCREASE", {}),
        "unit name": ("INCREASE", {"unitName": other_unit.name}),
        "unit name part": ("INCREASE", {"unitName": "测试单位"}),
        "credit code": ("INCREASE", {"creditCode": unit.credit_code}),
        "suspensions by unit name": ("SUSPENSION", {"unitName": other_unit.name}),
        "ssn": ("SUSPENSION", {"ssn": WANG}),
    }
    found = {
        name: await names(reviewer, kind, "2026-01-01", "2026-12-31", **f)
        for name, (kind, f) in cases.items()
    }
    assert found == {
        "all units": ["张三", "王五", "李四"],
        "unit name": ["王五"],
        "unit name part": ["张三", "王五", "李四"],
        "credit code": ["张三", "李四"],
        "suspensions by unit name": ["王五"],
        "ssn": ["王五"],
    }


async def test_changes_hide_other_units(legalrep, changes, other_unit):
    year = ("2026-01-01", "2026-12-31")
    cases = {
        "increase ssn": ("INCREASE", {"ssn": WANG}),
        "suspension ssn": ("SUSPENSION", {"ssn": WANG}),
        "unit name": ("INCREASE", {"unitName": other_unit.name}),
        "credit code": ("SUSPENSION", {"creditCode": other_unit.credit_code}),
    }
    found = {
        name: await names(legalrep, kind, *year, **f)
        for name, (kind, f) in cases.items()
    }
    assert found == {name: [] for name in cases}


async def test_changes_other_unit_sees_own(other_legalrep, changes):
    year = ("2026-01-01", "2026-12-31")
    assert await names(other_legalrep, "INCREASE", *year) == ["王五"]
    assert await names(other_legalrep, "SUSPENSION", *year) == ["王五"]


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [
        ("2026-03-02", "2026-03-01"),
        ("2025-01-01", "2026-02-06"),
        ("2024-01-01", "2026-12-31"),
    ],
)
async def test_changes_reject_bad_range(legalrep, date_from, date_to):
    variables = {"kind": "INCREASE", "from": date_from, "to": date_to}
    result = await legalrep.execute(PERSONNEL_CHANGES, variables)
    assert result.error_codes == ["BAD_USER_INPUT"]


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2026-03-01", "2026-03-01"), ("2025-01-01", "2026-02-05")],
)
async def test_changes_accept_range_up_to_400_days(legalrep, date_from, date_to):
    variables = {"kind": "SUSPENSION", "from": date_from, "to": date_to}
    result = await legalrep.execute(PERSONNEL_CHANGES, variables)
    assert result.data["personnelChanges"]["totalCount"] == 0


async def test_changes_require_login(anonymous):
    variables = {"kind": "INCREASE", "from": "2026-03-01", "to": "2026-03-31"}
    result = await anonymous.execute(PERSONNEL_CHANGES, variables)
    assert result.error_codes == ["UNAUTHENTICATED"]

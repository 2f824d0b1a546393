"""declarations query: what each caller can read, filters, masking and paging."""

import pytest
from conftest import create_reviewer

from graph.core.masking import mask_resident_id
from tests.documents import DECLARATIONS, enroll, enroll_and_approve, ssn, suspend

ZHANG = ssn(sequence=31)
LI = ssn(sequence=32)
WANG = ssn(sequence=33, region="330304")


@pytest.fixture
async def declarations(legalrep, other_legalrep, reviewer) -> None:
    """Four declarations: three of ``unit`` (330302), one of ``other_unit``.

    In ``unit``: 张三 enrollment 2026-03 pending, 李四 enrollment 2026-04
    approved, 李四 suspension 2026-06 pending. In ``other_unit``: 王五
    enrollment 2026-05 pending.
    """
    assert (await enroll(legalrep, ssn=ZHANG, name="张三"))["errors"] == []
    await enroll_and_approve(
        legalrep, reviewer, ssn=LI, name="李四", enrollDate="2026-04-10"
    )
    assert (await suspend(legalrep, LI, suspendDate="2026-06-30"))["errors"] == []
    payload = await enroll(
        other_legalrep, ssn=WANG, name="王五", enrollDate="2026-05-01"
    )
    assert payload["errors"] == []


async def rows(client, **variables) -> set[tuple[str, str, str]]:
    page = (await client.execute(DECLARATIONS, variables)).data["declarations"]
    assert page["totalCount"] == len(page["items"])
    return {(d["personName"], d["kind"], d["status"]) for d in page["items"]}


UNIT_ROWS = {
    ("张三", "ENROLLMENT", "PENDING"),
    ("李四", "ENROLLMENT", "APPROVED"),
    ("李四", "SUSPENSION", "PENDING"),
}
OTHER_UNIT_ROW = ("王五", "ENROLLMENT", "PENDING")


async def test_declarations_unit_sees_own_only(legalrep, declarations):
    assert await rows(legalrep) == UNIT_ROWS


async def test_declarations_other_unit_sees_own_only(other_legalrep, declarations):
    assert await rows(other_legalrep) == {OTHER_UNIT_ROW}


async def test_declarations_operator_sees_unit(operator, declarations):
    assert await rows(operator) == UNIT_ROWS


# Filter name, filter and the rows of ``unit`` it keeps.
FILTER_CASES = [
    (
        "kind ENROLLMENT",
        {"kind": "ENROLLMENT"},
        {("张三", "ENROLLMENT", "PENDING"), ("李四", "ENROLLMENT", "APPROVED")},
    ),
    ("kind SUSPENSION", {"kind": "SUSPENSION"}, {("李四", "SUSPENSION", "PENDING")}),
    (
        "status PENDING",
        {"status": "PENDING"},
        {("张三", "ENROLLMENT", "PENDING"), ("李四", "SUSPENSION", "PENDING")},
    ),
    ("status APPROVED", {"status": "APPROVED"}, {("李四", "ENROLLMENT", "APPROVED")}),
    ("status WITHDRAWN", {"status": "WITHDRAWN"}, set()),
    (
        "settlementMonth 202604",
        {"settlementMonth": "202604"},
        {("李四", "ENROLLMENT", "APPROVED")},
    ),
    ("settlementMonth 202605", {"settlementMonth": "202605"}, set()),
    (
        "personName 李",
        {"personName": "李"},
        {("李四", "ENROLLMENT", "APPROVED"), ("李四", "SUSPENSION", "PENDING")},
    ),
    ("personName of other unit", {"personName": "王五"}, set()),
    (
        "kind and status",
        {"kind": "ENROLLMENT", "status": "PENDING"},
        {("张三", "ENROLLMENT", "PENDING")},
    ),
]


async def test_declarations_filters(legalrep, declarations):
    # One database setup serves the whole table, and the dict shows each mismatch.
    found = {name: await rows(legalrep, filter=f) for name, f, _ in FILTER_CASES}
    assert found == {name: expected for name, _, expected in FILTER_CASES}


async def test_declarations_newest_first(legalrep, declarations):
    page = (await legalrep.execute(DECLARATIONS)).data["declarations"]
    ids = [int(d["id"]) for d in page["items"]]
    assert ids == sorted(ids, reverse=True)


async def test_declarations_reviewer_sees_all_regions(reviewer, declarations):
    assert await rows(reviewer) == {*UNIT_ROWS, OTHER_UNIT_ROW}


async def test_declarations_reviewer_own_region(anonymous, declarations):
    await create_reviewer("ouhai", ["330304"])
    ouhai = await anonymous.login("ouhai")
    assert await rows(ouhai) == {OTHER_UNIT_ROW}


async def test_declarations_reviewer_of_empty_region(anonymous, declarations):
    await create_reviewer("dongtou", ["330305"])
    dongtou = await anonymous.login("dongtou")
    assert await rows(dongtou) == set()


async def test_declarations_mask_ssn_by_default(legalrep, declarations):
    page = (await legalrep.execute(DECLARATIONS)).data["declarations"]
    assert {d["ssn"] for d in page["items"]} == {
        mask_resident_id(ZHANG),
        mask_resident_id(LI),
    }
    assert mask_resident_id(ZHANG) == ZHANG[:6] + "*" * 8 + ZHANG[-4:]


async def test_declarations_full_values(legalrep, declarations):
    page = (await legalrep.execute(DECLARATIONS, {"full": True})).data["declarations"]
    assert {d["ssn"] for d in page["items"]} == {ZHANG, LI}


async def test_declarations_can_withdraw_while_pending(legalrep, declarations):
    page = (await legalrep.execute(DECLARATIONS)).data["declarations"]
    assert {(d["status"], d["canWithdraw"]) for d in page["items"]} == {
        ("PENDING", True),
        ("APPROVED", False),
    }


async def test_declarations_pages(legalrep, declarations):
    first = (await legalrep.execute(DECLARATIONS, {"pageSize": 2})).data["declarations"]
    second = (await legalrep.execute(DECLARATIONS, {"pageSize": 2, "page": 2})).data[
        "declarations"
    ]
    assert (first["totalCount"], len(first["items"])) == (3, 2)
    assert (second["totalCount"], len(second["items"])) == (3, 1)
    ids = {d["id"] for d in first["items"]} | {d["id"] for d in second["items"]}
    assert len(ids) == 3


@pytest.mark.parametrize(("page", "page_size"), [(1, 101), (0, 20), (-1, 20), (1, 0)])
async def test_declarations_reject_bad_paging(legalrep, page, page_size):
    result = await legalrep.execute(DECLARATIONS, {"page": page, "pageSize": page_size})
    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_declarations_accept_page_size_100(legalrep):
    result = await legalrep.execute(DECLARATIONS, {"pageSize": 100})
    assert result.data["declarations"]["totalCount"] == 0


async def test_declarations_require_login(anonymous):
    result = await anonymous.execute(DECLARATIONS)
    assert result.error_codes == ["UNAUTHENTICATED"]

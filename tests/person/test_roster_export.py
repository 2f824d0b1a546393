"""rosterExport: a signed link to the filtered roster as an .xlsx workbook."""

import io
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

import jwt
import pytest
from openpyxl import load_workbook

from graph.authz.codes import GrantStatus
from graph.authz.models import Grant
from graph.core import permissions
from graph.files import links
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.person import export
from graph.person.models import Person
from graph.person.resident_id import Gender
from tests.documents import LOGOUT, PERSONS, insure, ssn
from tests.person.test_roster import StatementCounter

ROSTER_EXPORT = """
query Export($filter: PersonFilter, $full: Boolean) {
  rosterExport(filter: $filter, fullValues: $full) { url fileName }
}
"""

REVOKE = """
mutation Revoke($id: ID!) {
  revokeAuthorization(id: $id) { errors { code } }
}
"""

HEADERS = [
    "序号",
    "社会保障号码",
    "姓名",
    "性别",
    "出生日期",
    "手机号码",
    "参保身份",
    "企业职工基本养老保险",
    "失业保险",
    "工伤保险",
    "本次参保时间",
    "首次参保年月",
    "缴费基数",
]
SSN_COLUMN = HEADERS.index("社会保障号码")
NAME_COLUMN = HEADERS.index("姓名")
MOBILE_COLUMN = HEADERS.index("手机号码")


def employee_ssn(index: int) -> str:
    """Return a distinct valid ID number for each index below 36,500."""
    return ssn(
        birth=date(1970, 1, 1) + timedelta(days=index // 100), sequence=index % 100
    )


async def add_employees(unit, count: int, name=lambda i: f"员工{i:05d}") -> list[str]:
    """Bulk insert ``count`` employees, named by ``name(index)``.

    Every fifth employee is part-time with work injury only, and every third
    has suspended records.
    """
    numbers = [employee_ssn(i) for i in range(count)]
    await Person.bulk_create(
        [
            Person(
                ssn=number,
                name=name(i),
                gender=Gender.MALE,
                birth_date=date(1980, 1, 1),
                mobile="13912345678",
            )
            for i, number in enumerate(numbers)
        ]
    )
    ids = dict(await Person.filter(ssn__in=numbers).values_list("ssn", "id"))
    records = []
    for i, number in enumerate(numbers):
        part_time = i % 5 == 0
        types = [InsuranceType.WORK_INJURY] if part_time else list(InsuranceType)
        for insurance_type in types:
            records.append(
                InsuranceRecord(
                    person_id=ids[number],
                    unit_id=unit.id,
                    insurance_type=insurance_type,
                    status=(
                        InsuranceStatus.SUSPENDED
                        if i % 3 == 0
                        else InsuranceStatus.ACTIVE
                    ),
                    enroll_date=date(2024, 1, 1),
                    first_enroll_month="202401",
                    base=Decimal("6000.00"),
                    rate_grade=1,
                    identity=(
                        InsuredIdentity.PART_TIME
                        if part_time
                        else InsuredIdentity.REGULAR
                    ),
                    retirement_age=60,
                )
            )
    await InsuranceRecord.bulk_create(records, batch_size=1000)
    return numbers


async def export_url(client, filter=None, full=False) -> str:
    result = await client.execute(ROSTER_EXPORT, {"filter": filter, "full": full})
    return result.data["rosterExport"]["url"]


async def download_rows(http, url: str) -> list[tuple]:
    """Download ``url`` and return the rows of its only sheet, header first."""
    response = await http.get(url)
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["单位人员信息"]
    return list(book.active.iter_rows(values_only=True))


async def total_count(client, filter=None) -> int:
    result = await client.execute(PERSONS, {"filter": filter, "pageSize": 1})
    return result.data["persons"]["totalCount"]


async def test_roster_export_link_and_file_name(legalrep, http):
    result = await legalrep.execute(ROSTER_EXPORT, {})
    payload = result.data["rosterExport"]

    assert payload["url"].startswith("/files/download/")
    assert payload["fileName"].startswith("单位人员信息_")
    assert payload["fileName"].endswith(".xlsx")
    response = await http.get(payload["url"])
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


async def test_roster_export_row_contents(legalrep, http, unit):
    number = ssn(sequence=7)
    await insure(unit, number, name="张三", mobile="13800138000")

    rows = await download_rows(http, await export_url(legalrep))

    assert list(rows[0]) == HEADERS
    assert len(rows) == 2
    assert dict(zip(HEADERS, rows[1], strict=True)) == {
        "序号": 1,
        "社会保障号码": f"{number[:6]}********{number[-4:]}",
        "姓名": "张三",
        "性别": "男",
        "出生日期": datetime(1990, 3, 15),
        "手机号码": "138****8000",
        "参保身份": "在职职工",
        "企业职工基本养老保险": "参保缴费",
        "失业保险": "参保缴费",
        "工伤保险": "参保缴费",
        "本次参保时间": datetime(2026, 3, 1),
        "首次参保年月": "202603",
        "缴费基数": 8000,
    }


async def test_roster_export_number_columns_are_text(legalrep, http, unit):
    await insure(unit, ssn(sequence=8))
    response = await http.get(await export_url(legalrep, full=True))

    sheet = load_workbook(io.BytesIO(response.content)).active
    ssn_cell = sheet.cell(row=2, column=SSN_COLUMN + 1)
    mobile_cell = sheet.cell(row=2, column=MOBILE_COLUMN + 1)

    assert ssn_cell.data_type == "s"
    assert ssn_cell.number_format == "@"
    assert mobile_cell.data_type == "s"
    assert mobile_cell.number_format == "@"


async def test_roster_export_work_injury_only_person(legalrep, http, unit):
    await insure(unit, ssn(sequence=9), identity=InsuredIdentity.PART_TIME)

    rows = await download_rows(http, await export_url(legalrep))

    assert rows[1][6:10] == ("非全日制用工", None, None, "参保缴费")


async def test_roster_export_masked_by_default(legalrep, http, unit):
    numbers = await add_employees(unit, 5)

    rows = await download_rows(http, await export_url(legalrep))

    ssns = [row[SSN_COLUMN] for row in rows[1:]]
    assert len(ssns) == 5
    assert not set(ssns) & set(numbers)
    assert all(value[6:14] == "********" for value in ssns)
    assert {row[MOBILE_COLUMN] for row in rows[1:]} == {"139****5678"}


async def test_roster_export_full_values_on_request(operator, http, unit):
    numbers = await add_employees(unit, 5)

    rows = await download_rows(http, await export_url(operator, full=True))

    assert {row[SSN_COLUMN] for row in rows[1:]} == set(numbers)
    assert {row[MOBILE_COLUMN] for row in rows[1:]} == {"13912345678"}


@pytest.mark.parametrize(
    "filter",
    [
        {},
        {"name": "员工0001"},
        {"name": " 员工００１ "},
        {"ssn": employee_ssn(12)[:12]},
        {"status": "SUSPENDED"},
        {"status": "ACTIVE"},
        {"insuranceType": "PENSION"},
        {"insuranceType": "WORK_INJURY"},
        {"identity": "PART_TIME"},
        {"identity": "PART_TIME", "status": "ACTIVE"},
        {"identity": "OVER_AGE"},
    ],
)
async def test_roster_export_applies_filter(legalrep, http, unit, filter):
    await add_employees(unit, 30)
    page = await legalrep.execute(PERSONS, {"filter": filter, "pageSize": 100})
    expected = [item["name"] for item in page.data["persons"]["items"]]

    rows = await download_rows(http, await export_url(legalrep, filter))

    assert len(rows) - 1 == page.data["persons"]["totalCount"]
    assert [row[NAME_COLUMN] for row in rows[1:]] == expected
    assert [row[0] for row in rows[1:]] == list(range(1, len(expected) + 1))


async def test_roster_export_chunks_keep_order(legalrep, http, unit, monkeypatch):
    # Equal names across chunk boundaries test the tie-break on id.
    numbers = await add_employees(unit, 23, name=lambda i: f"员工{i // 4}")
    monkeypatch.setattr(export, "CHUNK_SIZE", 3)
    page = await legalrep.execute(PERSONS, {"pageSize": 100, "full": True})
    expected = [item["ssn"] for item in page.data["persons"]["items"]]

    rows = await download_rows(http, await export_url(legalrep, full=True))

    exported = [row[SSN_COLUMN] for row in rows[1:]]
    assert exported == expected
    assert sorted(exported) == sorted(numbers)


async def count_download_statements(http, url: str) -> int:
    logger = logging.getLogger("tortoise.db_client")
    counter = StatementCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    try:
        await download_rows(http, url)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous)
    return len(counter.statements)


async def test_roster_export_statements_per_chunk(legalrep, http, unit, monkeypatch):
    await add_employees(unit, 45)
    monkeypatch.setattr(export, "CHUNK_SIZE", 50)
    url = await export_url(legalrep)

    one_chunk = await count_download_statements(http, url)
    monkeypatch.setattr(export, "CHUNK_SIZE", 10)
    five_chunks = await count_download_statements(http, url)

    # Each chunk costs a persons query and a records query, whatever its size.
    assert five_chunks - one_chunk == 4 * 2
    # Session and membership checks, then persons and records.
    assert one_chunk == 4


async def test_roster_export_large_unit(legalrep, http, unit):
    numbers = await add_employees(unit, 3000)
    filter = {"status": "ACTIVE"}

    rows = await download_rows(http, await export_url(legalrep, filter, full=True))

    assert len(rows) - 1 == await total_count(legalrep, filter)
    assert len(rows) - 1 == 2000
    exported = [row[SSN_COLUMN] for row in rows[1:]]
    assert len(set(exported)) == len(exported)
    assert set(exported) <= set(numbers)
    assert [row[NAME_COLUMN] for row in rows[1:]] == sorted(
        row[NAME_COLUMN] for row in rows[1:]
    )


async def test_roster_export_only_own_unit(
    legalrep, other_legalrep, http, unit, other_unit
):
    await insure(unit, ssn(sequence=1), name="本单位")
    await insure(other_unit, ssn(sequence=2), name="外单位")

    mine = await download_rows(http, await export_url(legalrep))
    theirs = await download_rows(http, await export_url(other_legalrep))

    assert [row[NAME_COLUMN] for row in mine[1:]] == ["本单位"]
    assert [row[NAME_COLUMN] for row in theirs[1:]] == ["外单位"]


async def test_roster_export_rejected_after_logout(legalrep, http, unit):
    await insure(unit, ssn(sequence=3))
    url = await export_url(legalrep)
    assert (await http.get(url)).status_code == 200

    assert (await legalrep.execute(LOGOUT)).data["logout"] == {"ok": True}
    response = await http.get(url)

    assert response.status_code == 401
    assert response.json() == {"error": "登录已失效，请重新登录"}


async def test_roster_export_rejected_after_revocation(legalrep, operator, http):
    url = await export_url(operator)
    grant = await Grant.get(grantee__username="operator", status=GrantStatus.ACTIVE)

    revoked = await legalrep.execute(REVOKE, {"id": str(grant.id)})
    response = await http.get(url)

    assert revoked.data["revokeAuthorization"]["errors"] == []
    assert response.status_code == 401
    assert "授权已撤销或已过期" in response.json()["error"]


async def test_roster_export_rechecks_full_values(legalrep, http, monkeypatch):
    url = await export_url(legalrep, full=True)
    masked_url = await export_url(legalrep)
    monkeypatch.setattr(permissions, "may_see_full_values", lambda actor: False)

    response = await http.get(url)

    assert response.status_code == 403
    assert response.json() == {"error": "您无权查看完整的证件号码和联系电话"}
    assert (await http.get(masked_url)).status_code == 200


async def test_roster_export_rejects_full_values_query(legalrep, monkeypatch):
    monkeypatch.setattr(permissions, "may_see_full_values", lambda actor: False)

    result = await legalrep.execute(ROSTER_EXPORT, {"full": True})

    assert result.error_codes == ["FORBIDDEN"]


async def test_roster_export_rejects_forged_link(legalrep, http):
    url = await export_url(legalrep)
    prefix, token, file_name = url.rsplit("/", 2)
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["params"] = {"filter": {}, "fullValues": True}
    forged = jwt.encode(claims, "another-key-of-at-least-32-bytes", links.ALGORITHM)

    response = await http.get(f"{prefix}/{forged}/{file_name}")
    tampered = await http.get(f"{prefix}/{token[:-2]}xx/{file_name}")

    assert response.status_code == 401
    assert response.json() == {"error": "下载链接无效，请重新生成"}
    assert tampered.status_code == 401


async def test_roster_export_rejects_expired_link(legalrep, http, monkeypatch):
    issued = links.now() - links.LINK_LIFETIME - timedelta(minutes=5)
    monkeypatch.setattr(links, "now", lambda: issued)
    url = await export_url(legalrep)
    monkeypatch.undo()

    response = await http.get(url)

    assert response.status_code == 401
    assert response.json() == {"error": "下载链接已过期，请重新生成"}


async def test_roster_export_rejected_to_reviewer(reviewer):
    result = await reviewer.execute(ROSTER_EXPORT, {})

    assert result.error_codes == ["FORBIDDEN"]


async def test_roster_export_needs_login(anonymous):
    result = await anonymous.execute(ROSTER_EXPORT, {})

    assert result.error_codes == ["UNAUTHENTICATED"]

"""personnelChangesExport: both tabs of personnelChanges as one .xlsx workbook."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from graph.authz.codes import GrantStatus
from graph.authz.models import Grant
from graph.core import permissions
from graph.declaration import export
from tests.documents import (
    LOGOUT,
    enroll,
    enroll_and_approve,
    review,
    ssn,
    suspend,
)

CHANGES_EXPORT = """
query Export($from: Date!, $to: Date!, $ssn: String, $name: String,
             $insuranceType: InsuranceType, $identity: InsuredIdentity,
             $creditCode: String, $unitName: String, $full: Boolean) {
  personnelChangesExport(from: $from, to: $to, ssn: $ssn, name: $name,
                         insuranceType: $insuranceType, identity: $identity,
                         creditCode: $creditCode, unitName: $unitName,
                         fullValues: $full) {
    url fileName
  }
}
"""

CHANGE_NAMES = """
query Changes($kind: PersonnelChangeKind!, $from: Date!, $to: Date!,
              $ssn: String, $name: String, $insuranceType: InsuranceType,
              $identity: InsuredIdentity, $creditCode: String, $unitName: String) {
  personnelChanges(kind: $kind, from: $from, to: $to, ssn: $ssn, name: $name,
                   insuranceType: $insuranceType, identity: $identity,
                   creditCode: $creditCode, unitName: $unitName, pageSize: 100) {
    totalCount
    items { name }
  }
}
"""

REVOKE = """
mutation Revoke($id: ID!) {
  revokeAuthorization(id: $id) { errors { code } }
}
"""

COMMON_HEADERS = [
    "序号",
    "业务年月",
    "统一社会信用代码",
    "单位名称",
    "社会保障号码",
    "姓名",
    "性别",
    "参保身份",
    "险种类型",
    "缴费基数",
]
INCREASE_HEADERS = [*COMMON_HEADERS, "本次参保时间"]
SUSPENSION_HEADERS = [*COMMON_HEADERS, "停保时间", "中断原因", "备注"]
SSN_COLUMN = COMMON_HEADERS.index("社会保障号码")
NAME_COLUMN = COMMON_HEADERS.index("姓名")
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}

ZHANG = ssn(sequence=51)
LI = ssn(sequence=52)
SUN = ssn(sequence=53)
ZHAO = ssn(sequence=54)
WANG = ssn(sequence=55, region="330304")


@pytest.fixture
async def changes(legalrep, other_legalrep, reviewer) -> None:
    """Declarations of ``unit`` and ``other_unit``.

    In ``unit``: 张三 REGULAR from 2026-03-01, suspended 2026-06-30 with a
    remark; 李四 PART_TIME from 2026-05-10; 孙八 REGULAR from 2026-03-01; all
    approved. 赵六 from 2026-03-15 pending. In ``other_unit``: 王五 from
    2026-03-05, approved.
    """
    await enroll_and_approve(legalrep, reviewer, ssn=ZHANG, name="张三")
    suspended = await suspend(
        legalrep, ZHANG, suspendDate="2026-06-30", reason="OTHER", remark="调往外地"
    )
    assert suspended["errors"] == []
    reviewed = await review(reviewer, suspended["declaration"]["id"])
    assert reviewed["errors"] == []
    await enroll_and_approve(
        legalrep,
        reviewer,
        ssn=LI,
        name="李四",
        identity="PART_TIME",
        enrollDate="2026-05-10",
    )
    await enroll_and_approve(legalrep, reviewer, ssn=SUN, name="孙八")
    pending = await enroll(legalrep, ssn=ZHAO, name="赵六", enrollDate="2026-03-15")
    assert pending["errors"] == []
    await enroll_and_approve(
        other_legalrep, reviewer, ssn=WANG, name="王五", enrollDate="2026-03-05"
    )


async def export_url(client, **variables) -> str:
    result = await client.execute(CHANGES_EXPORT, {**YEAR, **variables})
    return result.data["personnelChangesExport"]["url"]


async def download_sheets(http, url: str) -> dict[str, list[tuple]]:
    """Download ``url`` and return each sheet's rows, header first."""
    response = await http.get(url)
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return {
        sheet.title: list(sheet.iter_rows(values_only=True))
        for sheet in book.worksheets
    }


async def query_names(client, kind: str, **variables) -> tuple[int, list[str]]:
    result = await client.execute(CHANGE_NAMES, {"kind": kind, **YEAR, **variables})
    page = result.data["personnelChanges"]
    return page["totalCount"], [item["name"] for item in page["items"]]


async def test_changes_export_sheets_and_headers(legalrep, http, changes):
    result = await legalrep.execute(CHANGES_EXPORT, YEAR)
    payload = result.data["personnelChangesExport"]

    sheets = await download_sheets(http, payload["url"])

    assert payload["fileName"] == "单位人员增减变动_20260101-20261231.xlsx"
    assert list(sheets) == ["人员新增", "人员暂停"]
    assert list(sheets["人员新增"][0]) == INCREASE_HEADERS
    assert list(sheets["人员暂停"][0]) == SUSPENSION_HEADERS


async def test_changes_export_increase_row(legalrep, http, changes, unit):
    sheets = await download_sheets(http, await export_url(legalrep, ssn=ZHANG))

    rows = sheets["人员新增"]
    assert len(rows) == 2
    assert dict(zip(INCREASE_HEADERS, rows[1], strict=True)) == {
        "序号": 1,
        "业务年月": "202603",
        "统一社会信用代码": unit.credit_code,
        "单位名称": unit.name,
        "社会保障号码": f"{ZHANG[:6]}********{ZHANG[-4:]}",
        "姓名": "张三",
        "性别": "男",
        "参保身份": "在职职工",
        "险种类型": "企业职工基本养老保险、失业保险、工伤保险",
        "缴费基数": 8000,
        "本次参保时间": datetime(2026, 3, 1),
    }


async def test_changes_export_suspension_row(legalrep, http, changes, unit):
    sheets = await download_sheets(http, await export_url(legalrep, full=True))

    rows = sheets["人员暂停"]
    assert len(rows) == 2
    row = dict(zip(SUSPENSION_HEADERS, rows[1], strict=True))
    assert row["业务年月"] == "202606"
    assert row["社会保障号码"] == ZHANG
    assert row["姓名"] == "张三"
    assert row["停保时间"] == datetime(2026, 6, 30)
    assert row["中断原因"] == "其他"
    assert row["备注"] == "调往外地"


async def test_changes_export_number_columns_are_text(legalrep, http, changes):
    response = await http.get(await export_url(legalrep, full=True))
    sheet = load_workbook(io.BytesIO(response.content))["人员新增"]

    for header in ("业务年月", "统一社会信用代码", "社会保障号码"):
        cell = sheet.cell(row=2, column=COMMON_HEADERS.index(header) + 1)
        assert cell.data_type == "s", header
        assert cell.number_format == "@", header


async def test_changes_export_masked_by_default(legalrep, http, changes):
    sheets = await download_sheets(http, await export_url(legalrep))

    exported = [row[SSN_COLUMN] for rows in sheets.values() for row in rows[1:]]
    assert len(exported) == 4
    assert not set(exported) & {ZHANG, LI, SUN}
    assert all(value[6:14] == "********" for value in exported)


async def test_changes_export_full_values_on_request(operator, http, changes):
    sheets = await download_sheets(http, await export_url(operator, full=True))

    assert [row[SSN_COLUMN] for row in sheets["人员新增"][1:]] == [ZHANG, SUN, LI]
    assert [row[SSN_COLUMN] for row in sheets["人员暂停"][1:]] == [ZHANG]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"ssn": ZHANG},
        {"ssn": ZHANG[:14]},
        {"name": "李"},
        {"insuranceType": "PENSION"},
        {"insuranceType": "WORK_INJURY"},
        {"identity": "PART_TIME"},
        {"identity": "OVER_AGE"},
        {"unitName": "测试单位"},
        {"from": "2026-03-02", "to": "2026-06-30"},
        {"from": "2026-07-01", "to": "2026-12-31"},
    ],
)
async def test_changes_export_applies_filters(legalrep, http, changes, filters):
    sheets = await download_sheets(http, await export_url(legalrep, **filters))

    for kind, title in (("INCREASE", "人员新增"), ("SUSPENSION", "人员暂停")):
        total, names = await query_names(legalrep, kind, **filters)
        rows = sheets[title][1:]
        assert len(rows) == total, title
        assert [row[NAME_COLUMN] for row in rows] == names, title


async def test_changes_export_filters_by_credit_code(
    legalrep, http, changes, unit, other_unit
):
    own = await download_sheets(
        http, await export_url(legalrep, creditCode=unit.credit_code)
    )
    other = await download_sheets(
        http, await export_url(legalrep, creditCode=other_unit.credit_code)
    )

    assert [row[NAME_COLUMN] for row in own["人员新增"][1:]] == ["张三", "孙八", "李四"]
    assert other["人员新增"][1:] == []
    assert other["人员暂停"][1:] == []


async def test_changes_export_reviewer_sees_regions(reviewer, http, changes):
    sheets = await download_sheets(http, await export_url(reviewer))

    names = [row[NAME_COLUMN] for row in sheets["人员新增"][1:]]
    assert names == ["张三", "孙八", "王五", "李四"]


async def test_changes_export_other_unit_sees_own(other_legalrep, http, changes):
    sheets = await download_sheets(http, await export_url(other_legalrep))

    assert [row[NAME_COLUMN] for row in sheets["人员新增"][1:]] == ["王五"]
    assert sheets["人员暂停"][1:] == []


async def test_changes_export_chunks_keep_order(legalrep, http, changes, monkeypatch):
    # 张三 and 孙八 share a business date, so chunks of one cross a tie.
    monkeypatch.setattr(export, "CHUNK_SIZE", 1)

    sheets = await download_sheets(http, await export_url(legalrep))

    assert [row[NAME_COLUMN] for row in sheets["人员新增"][1:]] == [
        "张三",
        "孙八",
        "李四",
    ]
    assert [row[0] for row in sheets["人员新增"][1:]] == [1, 2, 3]


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("2026-03-02", "2026-03-01"), ("2024-01-01", "2026-12-31")],
)
async def test_changes_export_rejects_bad_range(legalrep, date_from, date_to):
    result = await legalrep.execute(CHANGES_EXPORT, {"from": date_from, "to": date_to})

    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_changes_export_rejected_after_logout(legalrep, http, changes):
    url = await export_url(legalrep)
    assert (await http.get(url)).status_code == 200

    assert (await legalrep.execute(LOGOUT)).data["logout"] == {"ok": True}
    response = await http.get(url)

    assert response.status_code == 401
    assert response.json() == {"error": "登录已失效，请重新登录"}


async def test_changes_export_rejected_after_revocation(legalrep, operator, http):
    url = await export_url(operator)
    grant = await Grant.get(grantee__username="operator", status=GrantStatus.ACTIVE)

    revoked = await legalrep.execute(REVOKE, {"id": str(grant.id)})
    response = await http.get(url)

    assert revoked.data["revokeAuthorization"]["errors"] == []
    assert response.status_code == 401
    assert "授权已撤销或已过期" in response.json()["error"]


async def test_changes_export_rechecks_full_values(legalrep, http, monkeypatch):
    url = await export_url(legalrep, full=True)
    monkeypatch.setattr(permissions, "may_see_full_values", lambda actor: False)

    response = await http.get(url)

    assert response.status_code == 403
    assert response.json() == {"error": "您无权查看完整的证件号码和联系电话"}


async def test_changes_export_rejects_tampered_link(legalrep, http):
    url = await export_url(legalrep)
    prefix, token, file_name = url.rsplit("/", 2)

    response = await http.get(f"{prefix}/{token[:-2]}xx/{file_name}")

    assert response.status_code == 401
    assert response.json() == {"error": "下载链接无效，请重新生成"}


async def test_changes_export_needs_login(anonymous):
    result = await anonymous.execute(CHANGES_EXPORT, YEAR)

    assert result.error_codes == ["UNAUTHENTICATED"]

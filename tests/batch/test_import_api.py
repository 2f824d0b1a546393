"""Batch import over GraphQL: template, upload, preview, error workbook, confirm."""

import io
import random
import zipfile
from datetime import date, timedelta

import pytest

from graph.authz.codes import BusinessType
from graph.batch import service
from graph.batch.models import ImportBatch
from graph.core.clock import now
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuredIdentity
from tests.batch.books import (
    ENROLL_DAY,
    SUSPEND_HEADERS,
    enroll_row,
    person_ssn,
    read_back,
    xlsx,
)
from tests.documents import contribute, insure

PREVIEW = """
mutation Preview($kind: ImportKind!, $file: Upload!) {
  previewImport(kind: $kind, file: $file) {
    id status validCount invalidCount summary errorWorkbookUrl
    rows { row valid ssn name errors { field code message } }
    errors { field code message }
  }
}
"""
CONFIRM = """
mutation Confirm($id: ID!) {
  confirmImport(id: $id) {
    count
    declarations(limit: 500) { id kind status }
    errors { field code message }
  }
}
"""
TEMPLATE = """
query Template($kind: ImportKind!) { batchTemplate(kind: $kind) { url fileName } }
"""


async def preview(client, content, kind="ENROLL", filename="导入.xlsx") -> dict:
    result = await client.upload(PREVIEW, {"kind": kind}, content, filename)
    return result.data["previewImport"]


async def confirm(client, batch_id) -> dict:
    return (await client.execute(CONFIRM, {"id": batch_id})).data["confirmImport"]


def codes_of(row: dict) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in row["errors"]]


def ssn_ending_in_x() -> str:
    return next(person_ssn(n) for n in range(600, 999) if person_ssn(n).endswith("X"))


async def test_template_has_dropdowns_text_columns_and_sample(legalrep, http):
    result = await legalrep.execute(TEMPLATE, {"kind": "ENROLL"})
    template = result.data["batchTemplate"]
    assert template["fileName"] == "人员批量新参保模板.xlsx"

    response = await http.get(template["url"])
    assert response.status_code == 200
    book = read_back(response.content)
    assert book.sheetnames == ["人员批量新参保", "选项", "填写说明"]
    assert book["选项"].sheet_state == "hidden"
    sheet = book["人员批量新参保"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["社会保障号码*", "姓名*", "手机号码*"]
    assert "用工形式" in headers
    assert sheet.column_dimensions["A"].number_format == "@"
    assert sheet["B2"].value.startswith("示例")
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    identity_column = "ABCDEFGHIJKLM"[headers.index("参保身份*")]
    assert ranges[f"{identity_column}2:{identity_column}5001"].startswith("'选项'!")
    assert any("在职职工" in str(c.value) for c in book["填写说明"]["C"])


async def test_untouched_template_imports_nothing(legalrep, http):
    url = (await legalrep.execute(TEMPLATE, {"kind": "SUSPEND"})).data["batchTemplate"][
        "url"
    ]
    content = (await http.get(url)).content
    payload = await preview(legalrep, content, kind="SUSPEND")
    assert payload["errors"] == []
    assert (payload["validCount"], payload["invalidCount"]) == (0, 0)
    rejected = await confirm(legalrep, payload["id"])
    assert [e["code"] for e in rejected["errors"]] == ["NOTHING_TO_CONFIRM"]


async def test_messy_two_hundred_rows(legalrep, unit, http):
    """A filled template as clerks send it: every kind of mess at once."""
    valid, invalid = [], []
    for n in range(1, 121):
        valid.append(enroll_row(n))
    # Safe normalizations: the rows stay valid.
    valid.append(
        enroll_row(121, name="\u00a0职工121\u3000", mobile="１３９００１３９０００")
    )
    valid.append(enroll_row(122, ssn=ssn_ending_in_x().lower()))
    valid.append(enroll_row(123, enrollDate="2026/12/1"))
    valid.append(enroll_row(124, enrollDate="2026年12月1日"))
    valid.append(enroll_row(125, enrollDate="20261201"))
    valid.append(enroll_row(126, enrollDate=date(2026, 12, 1)))
    valid.append(enroll_row(127, enrollDate=46357))  # serial of 2026-12-01
    valid.append(enroll_row(128, declaredWage="6,500.00元"))
    valid.append(enroll_row(129, declaredWage="￥7000"))
    valid.append(enroll_row(130, declaredWage=6500.5))
    valid.append(enroll_row(131, identity=" 非全日制用工 "))
    valid.append(enroll_row(132, ssn=f" {person_ssn(132)} "))
    # Problems that must each be named.
    for n in range(201, 211):
        as_number = float(person_ssn(n).replace("X", "0"))
        invalid.append((enroll_row(n, ssn=as_number), "ID_STORED_AS_NUMBER"))
    for n in range(211, 216):
        invalid.append((enroll_row(n, enrollDate="2026-02-30"), "INVALID_DATE"))
    for n in range(216, 221):
        invalid.append((enroll_row(n, declaredWage="0"), "INVALID_WAGE"))
    for n in range(221, 226):
        young = person_ssn(n, birth=date(2015, 1, 1))
        invalid.append((enroll_row(n, ssn=young), "UNDER_MINIMUM_AGE"))
    for n in range(226, 231):
        old = person_ssn(n, birth=date(1950, 1, 1))
        invalid.append((enroll_row(n, ssn=old), "OVER_RETIREMENT_AGE"))
    for n in range(231, 236):
        invalid.append((enroll_row(n, identity="正式工"), "INVALID_CHOICE"))
    for n in range(236, 241):
        invalid.append((enroll_row(n, ssn="330302900315123"), "OLD_ID_NUMBER"))
    for n in range(241, 246):
        await insure(unit, person_ssn(n), name=f"职工{n}")
        invalid.append((enroll_row(n), "ALREADY_ACTIVE_IN_UNIT"))
    for n in range(246, 251):
        invalid.append((enroll_row(n, mobile=""), "REQUIRED"))
    for n in range(251, 256):
        twice = enroll_row(n)
        invalid.append((twice, "DUPLICATE_IN_FILE"))
        invalid.append((list(twice), "DUPLICATE_IN_FILE"))
    filler = [enroll_row(n) for n in range(300, 300 + 200 - len(valid) - len(invalid))]
    valid += filler
    rows = [row for row in valid] + [row for row, _ in invalid]
    assert len(rows) == 200
    random.Random(7).shuffle(rows)
    # Empty rows a clerk left formatted, and a title row above the header.
    content = xlsx(
        [*rows, [None] * 7, ["", " ", "\u3000"]],
        above=[["2026年12月人员批量新参保"], []],
        extra_sheets=["封面"],
    )

    payload = await preview(legalrep, content)
    assert payload["errors"] == []
    assert payload["summary"] == (
        f"导入有效数据 {len(valid)} 条，无效数据 {len(invalid)} 条"
    )
    by_ssn_codes = [codes_of(r) for r in payload["rows"] if not r["valid"]]
    for _, code in invalid:
        assert any(code in {c for _, c in codes} for codes in by_ssn_codes), code
    assert all(r["errors"][0]["message"] for r in payload["rows"] if not r["valid"])
    assert payload["rows"][0]["row"] == 4  # title, blank line, header above it
    assert await Declaration.all().count() == 0

    response = await http.get(payload["errorWorkbookUrl"])
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = read_back(response.content).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "原行号"
    assert table[0][-1] == "错误原因"
    assert len(table) == 1 + len(invalid)
    assert all(row[-1] for row in table[1:])
    stored_as_number = [row for row in table[1:] if "文本格式" in row[-1]]
    assert len(stored_as_number) == 10
    assert all(isinstance(row[1], float) for row in stored_as_number)

    confirmed = await confirm(legalrep, payload["id"])
    assert confirmed["errors"] == []
    assert confirmed["count"] == len(valid)
    assert len(confirmed["declarations"]) == len(valid)
    assert await Declaration.filter(batch_id=payload["id"]).count() == len(valid)
    assert {d["status"] for d in confirmed["declarations"]} == {"PENDING"}

    again = await confirm(legalrep, payload["id"])
    assert [e["code"] for e in again["errors"]] == ["ALREADY_CONFIRMED"]
    assert await Declaration.all().count() == len(valid)


async def test_crash_in_the_middle_of_confirm_leaves_nothing(legalrep, monkeypatch):
    payload = await preview(legalrep, xlsx([enroll_row(n) for n in range(1, 121)]))
    assert payload["validCount"] == 120
    monkeypatch.setattr(service, "CHUNK", 50)
    original = Declaration.bulk_create.__func__
    calls = []

    async def failing_bulk_create(cls, objects, *args, **kwargs):
        calls.append(len(objects))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return await original(cls, objects, *args, **kwargs)

    monkeypatch.setattr(Declaration, "bulk_create", classmethod(failing_bulk_create))
    result = await legalrep.execute(CONFIRM, {"id": payload["id"]})
    assert result.error_codes == ["INTERNAL"]
    assert calls == [50, 50]
    assert await Declaration.all().count() == 0
    batch = await ImportBatch.get(id=payload["id"])
    assert batch.status == "PREVIEWED"

    monkeypatch.undo()
    confirmed = await confirm(legalrep, payload["id"])
    assert confirmed["count"] == 120
    assert await Declaration.all().count() == 120


async def test_confirm_checks_the_database_again(legalrep, unit):
    payload = await preview(legalrep, xlsx([enroll_row(n) for n in range(1, 4)]))
    assert payload["validCount"] == 3
    await insure(unit, person_ssn(2), name="职工2")

    rejected = await confirm(legalrep, payload["id"])
    assert rejected["count"] == 0
    assert [(e["field"], e["code"]) for e in rejected["errors"]] == [
        ("rows.3", "ALREADY_ACTIVE_IN_UNIT")
    ]
    assert rejected["errors"][0]["message"].startswith("第3行：")
    assert await Declaration.all().count() == 0


async def test_expired_preview_cannot_be_confirmed(legalrep):
    payload = await preview(legalrep, xlsx([enroll_row(1)]))
    await ImportBatch.filter(id=payload["id"]).update(
        expires_at=now() - timedelta(minutes=1)
    )
    rejected = await confirm(legalrep, payload["id"])
    assert [e["code"] for e in rejected["errors"]] == ["IMPORT_EXPIRED"]
    assert await Declaration.all().count() == 0


async def test_other_unit_cannot_confirm_or_download(legalrep, other_legalrep, http):
    payload = await preview(legalrep, xlsx([enroll_row(1), enroll_row(2, name="")]))
    rejected = await confirm(other_legalrep, payload["id"])
    assert [e["code"] for e in rejected["errors"]] == ["NOT_FOUND"]
    # The link works only for the session it was made for.
    assert (await http.get(payload["errorWorkbookUrl"])).status_code == 200
    forged = payload["errorWorkbookUrl"].replace(
        "/files/download/", "/files/download/x"
    )
    assert (await http.get(forged)).status_code == 401


async def test_precise_grant_limits_batch_kinds(anonymous, unit):
    from graph.account.models import UnitMembership
    from graph.account.roles import MembershipRole
    from tests.conftest import create_account, create_grant

    account = await create_account("clerk")

    await UnitMembership.create(
        account=account, unit=unit, role=MembershipRole.OPERATOR
    )
    await create_grant(unit, account, [BusinessType.ENROLLMENT])
    clerk = await anonymous.login("clerk")

    allowed = await clerk.upload(PREVIEW, {"kind": "ENROLL"}, xlsx([enroll_row(1)]))
    assert allowed.data["previewImport"]["validCount"] == 1
    rejected = await clerk.upload(
        PREVIEW, {"kind": "SUSPEND"}, xlsx([], headers=SUSPEND_HEADERS)
    )
    assert rejected.error_codes == ["FORBIDDEN"]


async def test_batch_suspension(legalrep, unit):
    for n in (1, 2, 3):
        await insure(unit, person_ssn(n), name=f"职工{n}")
    rows = [
        [person_ssn(1), "职工1", "职工辞职", "2026-12-01", ""],
        [person_ssn(2), "别人", "职工辞职", "2026-12-01", ""],
        [person_ssn(3), "职工3", "其他", "2026/12/1", ""],
        [person_ssn(4), "职工4", "职工辞职", "2026-12-01", ""],
    ]
    payload = await preview(legalrep, xlsx(rows, headers=SUSPEND_HEADERS), "SUSPEND")
    assert payload["summary"] == "导入有效数据 1 条，无效数据 3 条"
    assert [codes_of(r) for r in payload["rows"]] == [
        [],
        [("name", "NAME_MISMATCH")],
        [("remark", "REMARK_REQUIRED")],
        [("ssn", "NOT_INSURED_IN_UNIT")],
    ]
    confirmed = await confirm(legalrep, payload["id"])
    assert confirmed["count"] == 1
    assert confirmed["declarations"][0]["kind"] == "SUSPENSION"


async def test_batch_suspension_keeps_refunds(legalrep, unit):
    # Paid pension for November and December at base 6000.00: a suspension
    # on 2026-11-30 refunds December's individual part, 6000.00 × 8 % = 480.00.
    person = await insure(unit, person_ssn(1), name="职工1")
    for month in ("202611", "202612"):
        await contribute(person, unit, month)
    rows = [[person_ssn(1), "职工1", "职工辞职", "2026-11-30", ""]]
    payload = await preview(legalrep, xlsx(rows, headers=SUSPEND_HEADERS), "SUSPEND")
    confirmed = await confirm(legalrep, payload["id"])
    assert confirmed["count"] == 1
    declaration = await Declaration.get(id=confirmed["declarations"][0]["id"])
    refunds = declaration.data["refunds"]
    assert [(r["month"], r["individual_amount"]) for r in refunds] == [
        ("202612", "480.00")
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<html><table><tr><td>1</td></tr></table></html>", "NOT_A_SPREADSHEET"),
        (b"%PDF-1.4 not a workbook", "NOT_A_SPREADSHEET"),
        (b"", "EMPTY_FILE"),
    ],
)
async def test_files_that_are_not_workbooks_are_rejected(legalrep, content, code):
    payload = await preview(legalrep, content, filename="名单.xls")
    assert payload["id"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("file", code)]
    assert "名单.xls" in payload["errors"][0]["message"]


async def test_archive_of_another_kind_is_rejected(legalrep):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    payload = await preview(legalrep, buffer.getvalue(), filename="名单.xlsx")
    assert [e["code"] for e in payload["errors"]] == ["NOT_A_SPREADSHEET"]


async def test_xlsx_renamed_to_xls_is_read_as_xlsx(legalrep):
    payload = await preview(legalrep, xlsx([enroll_row(1)]), filename="名单.xls")
    assert payload["validCount"] == 1


async def test_old_xls_from_wps_is_read(legalrep):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("人员")
    for column, value in enumerate(
        [
            "社会保障号码",
            "姓名",
            "手机号",
            "联系地址",
            "参保时间",
            "参保身份",
            "申报工资（元）",
        ]
    ):
        sheet.write(0, column, value)
    for column, value in enumerate(enroll_row(1, declaredWage=6000.0)):
        sheet.write(1, column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    payload = await preview(legalrep, buffer.getvalue(), filename="名单.xls")
    assert payload["errors"] == []
    assert payload["validCount"] == 1, payload["rows"]


async def test_missing_header_names_the_columns(legalrep):
    content = xlsx([["x"]], headers=["社会保障号码", "姓名", "手机号码"])
    payload = await preview(legalrep, content)
    assert [e["code"] for e in payload["errors"]] == ["HEADER_NOT_FOUND"]
    assert "联系地址" in payload["errors"][0]["message"]


async def test_upload_over_the_limit_is_rejected(legalrep, monkeypatch):
    from dataclasses import replace

    from graph.batch import uploads

    small = replace(uploads.get_settings(), upload_max_bytes=2000)
    monkeypatch.setattr(uploads, "get_settings", lambda: small)
    payload = await preview(legalrep, xlsx([enroll_row(n) for n in range(1, 50)]))
    assert [e["code"] for e in payload["errors"]] == ["FILE_TOO_LARGE"]


async def test_import_progress_is_kept(legalrep):
    payload = await preview(legalrep, xlsx([enroll_row(1)]))
    result = await legalrep.execute(
        "query($id: ID!) { importProgress(id: $id) { status processed total } }",
        {"id": payload["id"]},
    )
    assert result.data["importProgress"] == {
        "status": "PREVIEWED",
        "processed": 1,
        "total": 1,
    }


async def test_preview_identity_rules_match_single_enrollment(legalrep):
    part_time = enroll_row(1, identity="非全日制用工")
    payload = await preview(legalrep, xlsx([part_time]))
    assert payload["validCount"] == 1
    confirmed = await confirm(legalrep, payload["id"])
    declaration = await Declaration.get(id=confirmed["declarations"][0]["id"])
    assert declaration.insurance_types == "410"
    assert declaration.identity == InsuredIdentity.PART_TIME.value
    assert declaration.business_date == ENROLL_DAY


async def test_progress_subscription_follows_preview(legalrep):
    import asyncio
    import uuid

    from graph.account.actor import authenticate
    from graph.core.context import Context
    from graph.schema import schema

    authentication = await authenticate(f"Bearer {legalrep.token}")
    context = Context(request=None, response=None, actor=authentication.actor)
    upload_id = str(uuid.uuid4())
    stream = await schema.subscribe(
        "subscription($id: ID!) { importProgress(id: $id) { status processed total } }",
        variable_values={"id": upload_id},
        context_value=context,
    )
    messages = []

    async def follow() -> None:
        async for message in stream:
            messages.append(message.data["importProgress"])

    follower = asyncio.create_task(follow())
    query = PREVIEW.replace(
        "($kind: ImportKind!, $file: Upload!)",
        "($kind: ImportKind!, $file: Upload!, $uploadId: ID)",
    ).replace("file: $file)", "file: $file, uploadId: $uploadId)")
    rows = [enroll_row(n) for n in range(1, 2501)]
    result = await legalrep.upload(
        query, {"kind": "ENROLL", "uploadId": upload_id}, xlsx(rows)
    )
    await asyncio.wait_for(follower, timeout=10)

    assert result.data["previewImport"]["id"] == upload_id
    assert messages[-1] == {"status": "PREVIEWED", "processed": 2500, "total": 2500}

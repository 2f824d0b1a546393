"""Workbooks built by the tests, messy the way real uploads are."""

import io
from collections.abc import Iterable
from datetime import date, timedelta

import openpyxl

from graph.person.resident_id import Gender, make_resident_id

ENROLL_HEADERS = [
    "社会保障号码*",
    "姓名*",
    "手机号码*",
    "联系地址*",
    "本次参保时间*",
    "参保身份*",
    "申报工资*",
]
SUSPEND_HEADERS = ["社会保障号码*", "姓名*", "中断原因*", "停保时间*", "备注"]
ENROLL_DAY = date(2026, 12, 1)


def person_ssn(number: int, birth: date | None = None) -> str:
    """A valid resident ID; each ``number`` from 0 to 9999 is another person."""
    birth = birth or date(1990, 3, 15) + timedelta(days=number // 100)
    return make_resident_id("330302", birth, number % 100, Gender.MALE)


def enroll_row(sequence: int, **overrides) -> list:
    values = {
        "ssn": person_ssn(sequence),
        "name": f"职工{sequence}",
        "mobile": "13900139000",
        "address": "温州市鹿城区示例路1号",
        "enrollDate": ENROLL_DAY.isoformat(),
        "identity": "在职职工",
        "declaredWage": "6000",
    }
    values.update(overrides)
    return list(values.values())


def xlsx(
    rows: Iterable[list],
    headers: list[str] = ENROLL_HEADERS,
    above: Iterable[list] = (),
    sheet_title: str = "人员",
    extra_sheets: Iterable[str] = (),
    date1904: bool = False,
) -> bytes:
    """Build an .xlsx: optional rows above the header, then header and rows."""
    book = openpyxl.Workbook()
    if date1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for title in extra_sheets:
        book.create_sheet(title, 0).append(["说明", "这里不是数据"])
    sheet = book[book.sheetnames[-1]] if extra_sheets else book.active
    sheet.title = sheet_title
    for row in above:
        sheet.append(row)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_back(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))

"""Finding the data in uploaded workbooks, whatever their layout."""

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from graph.batch.codes import ImportKind
from graph.batch.columns import COLUMNS
from graph.batch.reader import Workbook, sniff_extension
from graph.core.errors import InvalidValue
from tests.batch.books import enroll_row, xlsx

ENROLL = COLUMNS[ImportKind.ENROLL]


def opened(tmp_path: Path, content: bytes) -> Workbook:
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    return Workbook(path, sniff_extension(content[:16]))


def test_header_below_title_in_second_sheet(tmp_path):
    content = xlsx(
        [enroll_row(1)], above=[["单位：测试单位"], ["制表日期", "2026-12-01"]],
        extra_sheets=["封面"],
    )  # fmt: skip
    with opened(tmp_path, content) as book:
        layout = book.locate(ENROLL)
        rows = list(book.rows(layout))
    assert layout.sheet_name == "人员"
    assert layout.header_row == 3
    assert [row.number for row in rows] == [4]


def test_aliases_units_and_any_order(tmp_path):
    headers = ["申报工资（元）", "身份证号码", " 姓 名 ", "手机号", "地址",
               "参保日期", "参保身份*"]  # fmt: skip
    row = enroll_row(1)
    reordered = [row[6], row[0], row[1], row[2], row[3], row[4], row[5]]
    with opened(tmp_path, xlsx([reordered], headers=headers)) as book:
        layout = book.locate(ENROLL)
        (read,) = book.rows(layout)
    assert read.cells["ssn"] == row[0]
    assert read.cells["declaredWage"] == row[6]
    assert layout.positions["name"] == 2


def test_duplicate_column_is_rejected(tmp_path):
    headers = ["社会保障号码", "身份证号", "姓名", "手机号码", "联系地址",
               "本次参保时间", "参保身份", "申报工资"]  # fmt: skip
    with (
        opened(tmp_path, xlsx([], headers=headers)) as book,
        pytest.raises(InvalidValue) as raised,
    ):
        book.locate(ENROLL)
    assert raised.value.code == "DUPLICATE_COLUMN"
    assert "社会保障号码" in raised.value.message


def test_wrong_stored_dimension_still_reads_every_row(tmp_path):
    content = xlsx([enroll_row(n) for n in range(1, 6)])
    source = tmp_path / "source.xlsx"
    source.write_bytes(content)
    target = tmp_path / "narrow.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(
                    rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', data
                )
                assert count == 1
            new.writestr(item, data)
    with Workbook(target, ".xlsx") as book:
        layout = book.locate(ENROLL)
        assert len(list(book.rows(layout))) == 5


def test_1904_workbook_is_detected(tmp_path):
    with opened(tmp_path, xlsx([enroll_row(1)], date1904=True)) as book:
        assert book.date1904


def test_empty_trailing_rows_are_skipped(tmp_path):
    rows = [enroll_row(1), [None] * 7, ["\u00a0", "", "\u200b"], [None] * 7]
    with opened(tmp_path, xlsx(rows)) as book:
        layout = book.locate(ENROLL)
        assert [row.number for row in book.rows(layout)] == [2]


def test_stray_far_cell_is_rejected_before_reading(tmp_path):
    content = xlsx([enroll_row(1)])
    path = tmp_path / "stray.xlsx"
    path.write_bytes(content)
    book = openpyxl.load_workbook(path)
    book.active["XFD1048576"] = "x"
    book.save(path)

    with pytest.raises(InvalidValue) as raised:
        Workbook(path, ".xlsx")
    assert raised.value.code == "TOO_LARGE_SHEET"
    assert "1048576" in raised.value.message

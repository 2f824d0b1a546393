"""Reading an uploaded workbook: its real type, its header row and its rows.

The type comes from the file's first bytes, never its name: WPS and old
Excel save .xls (an OLE2 compound file), newer ones .xlsx (a zip archive),
and an HTML table renamed to .xls is neither. python-calamine reads both
kinds, keeps cell types, and parses a large sheet far faster than
openpyxl.
"""

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from graph.batch.cells import CellValue, is_blank
from graph.batch.columns import Column, header_lookup, normalize_header
from graph.core.errors import InvalidValue

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# A header further down than this is not a header but data.
HEADER_SEARCH_ROWS = 30
_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")
# The column, from AA on, of a cell with content (<c r="AB7" t="s"><v>3</v>)
# and not of a styled empty cell (<c r="AB7" s="1"/>). Columns A to Z are
# not collected: counting every sheet as 26 wide costs nothing and spares
# collecting a match per cell.
_WIDE_VALUE_CELL_COLUMN = re.compile(rb'<(?:\w+:)?c r="([A-Z]{2,3})[0-9]+"[^>/]*>')
# Rows are counted by their row tags: ten times fewer than cells to scan.
_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row r="([0-9]{1,7})"')
MAX_SHEET_CELLS = 2_000_000
MAX_SHEET_XML_BYTES = 300 * 1024 * 1024
_HTML_START = re.compile(rb"^\s*(<!doctype|<html|<table|<\?xml|<meta|<head)", re.I)


def sniff_extension(head: bytes) -> str:
    """Return ".xlsx" or ".xls" from the first bytes, or raise INVALID_FILE."""
    if head.startswith(ZIP_SIGNATURE):
        return ".xlsx"
    if head.startswith(OLE2_SIGNATURE):
        return ".xls"
    if _HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        raise InvalidValue(
            "NOT_A_SPREADSHEET",
            "文件是网页或XML表格改名而成，不是Excel工作簿；"
            "请用Excel或WPS打开后另存为.xlsx再上传",
        )
    raise InvalidValue(
        "NOT_A_SPREADSHEET", "文件不是Excel工作簿（.xlsx或.xls），请使用下载的模板填写"
    )


@dataclass(frozen=True)
class SheetLayout:
    """Location of the data: the sheet, the header row and each column's position."""

    sheet_name: str
    header_row: int  # 1-based, as Excel numbers rows
    positions: dict[str, int]  # field -> 0-based column index
    headers: list[str]  # the header cells as written, for the error workbook


@dataclass(frozen=True)
class DataRow:
    number: int  # 1-based Excel row number
    cells: dict[str, CellValue]  # field -> raw cell
    raw: list[CellValue]  # the whole row as read, for the error workbook


class Workbook:
    """An opened upload: call ``locate`` then iterate ``rows``."""

    def __init__(self, path: Path, extension: str) -> None:
        self.path = path
        self.date1904 = extension == ".xlsx" and _uses_1904_dates(path)
        # NOTE: .xls files get no used-range scan. A stray far cell there
        # expands to at most 65,536 x 256 cells: costly, but bounded.
        if extension == ".xlsx":
            check_xlsx_extent(path)
        try:
            self._book = CalamineWorkbook.from_path(str(path))
        except (CalamineError, OSError, ValueError) as exc:
            raise _unreadable(exc) from exc
        self._cells: list[list[CellValue]] = []

    def locate(self, columns: tuple[Column, ...]) -> SheetLayout:
        """Find the first sheet and row holding every required header."""
        lookup = header_lookup(columns)
        required = [c for c in columns if c.required]
        best: tuple[int, str, int] | None = None
        for name in self._book.sheet_names:
            try:
                sheet = self._book.get_sheet_by_name(name)
                cells = sheet.to_python(skip_empty_area=False)
            except (CalamineError, ValueError) as exc:
                raise _unreadable(exc) from exc
            for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
                positions: dict[str, int] = {}
                for position, cell in enumerate(row):
                    column = lookup.get(normalize_header(cell))
                    if column is None:
                        continue
                    if column.field in positions:
                        raise InvalidValue(
                            "DUPLICATE_COLUMN",
                            f"工作表“{name}”第{index + 1}行有两列都是"
                            f"“{column.label}”，请删除其中一列",
                        )
                    positions[column.field] = position
                found = sum(1 for c in required if c.field in positions)
                if found == len(required):
                    self._cells = cells
                    return SheetLayout(
                        sheet_name=name,
                        header_row=index + 1,
                        positions=positions,
                        headers=[_header_text(cell) for cell in row],
                    )
                if found and (best is None or found > best[0]):
                    best = (found, name, index + 1)
        raise _missing_header(required, lookup, best, self)

    def rows(self, layout: SheetLayout) -> Iterator[DataRow]:
        """Yield the rows below the header that hold anything."""
        for index in range(layout.header_row, len(self._cells)):
            row = self._cells[index]
            if all(is_blank(cell) for cell in row):
                continue
            cells = {
                field: row[position] if position < len(row) else ""
                for field, position in layout.positions.items()
            }
            yield DataRow(number=index + 1, cells=cells, raw=row)

    def close(self) -> None:
        self._book.close()
        self._cells = []

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _sheet_cells(self, name: str) -> list[list[CellValue]]:
        return self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _header_text(cell: CellValue) -> str:
    return cell if isinstance(cell, str) else ""


def check_xlsx_extent(path: Path) -> None:
    """Raise TOO_LARGE_SHEET unless every sheet's used range is readable.

    The reader expands a sheet into a full grid from A1 to its last cell
    holding a value, so one stray value in cell XFD1048576 of a small file
    would ask for hundreds of gigabytes and abort the process. The sheet XML
    is scanned here first, in chunks and with a cap on its unpacked size, so
    a compressed bomb cannot fill memory either.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet_extent(archive, name)
    except zipfile.BadZipFile as exc:
        raise _unreadable(exc) from exc


def _check_sheet_extent(archive: zipfile.ZipFile, name: str) -> None:
    last_row = 0
    columns: set[bytes] = set()
    unpacked = 0
    carry = b""
    with archive.open(name) as stream:
        while chunk := stream.read(1024 * 1024):
            unpacked += len(chunk)
            if unpacked > MAX_SHEET_XML_BYTES:
                raise InvalidValue(
                    "TOO_LARGE_SHEET",
                    f"工作表解压后超过{MAX_SHEET_XML_BYTES // (1024 * 1024)}MB，"
                    "请分成几个文件上传",
                )
            text = carry + chunk
            columns.update(_WIDE_VALUE_CELL_COLUMN.findall(text))
            rows = _ROW_NUMBER.findall(text)
            if rows:
                last_row = max(last_row, *map(int, rows))
            # A cell tag cut at the chunk's end is found again in the next pass.
            carry = text[-256:]
    widest = max(columns, key=lambda c: (len(c), c), default=b"Z")
    width = _column_number(widest.decode())
    if last_row * width > MAX_SHEET_CELLS:
        raise InvalidValue(
            "TOO_LARGE_SHEET",
            f"工作表的内容范围过大：第{last_row}行、第{widest.decode()}列仍有内容，"
            f"共约{last_row * width}个单元格，超过{MAX_SHEET_CELLS}个；"
            "请删除表格下方或右侧多余的内容后重新上传",
        )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _uses_1904_dates(path: Path) -> bool:
    """Tell whether an .xlsx counts serial dates from 1904 (old Mac Excel)."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return bool(_DATE1904.search(workbook))


def _unreadable(exc: Exception) -> InvalidValue:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return InvalidValue(
            "ENCRYPTED_FILE", "文件设置了打开密码，请取消密码后另存再上传"
        )
    return InvalidValue(
        "NOT_A_SPREADSHEET",
        "文件无法作为Excel工作簿读取，可能已损坏或是其他格式改名而成；"
        "请用Excel或WPS打开后另存为.xlsx再上传",
    )


def _missing_header(
    required: list[Column],
    lookup: dict[str, Column],
    best: tuple[int, str, int] | None,
    workbook: Workbook,
) -> InvalidValue:
    names = "、".join(c.label for c in required)
    if best is None:
        return InvalidValue(
            "HEADER_NOT_FOUND",
            f"文件中没有找到表头行：表头应包含{names}，请使用下载的模板填写",
        )
    _, sheet_name, row_number = best
    row = workbook._sheet_cells(sheet_name)[row_number - 1]
    present = {lookup[h].field for h in map(normalize_header, row) if h in lookup}
    missing = "、".join(c.label for c in required if c.field not in present)
    return InvalidValue(
        "HEADER_NOT_FOUND",
        f"工作表“{sheet_name}”第{row_number}行的表头缺少必填列：{missing}",
    )

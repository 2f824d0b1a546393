"""Reading one spreadsheet cell as the value a column needs.

Cells arrive as the reader gives them: text, a float for every number, a
date or datetime for a date cell, a bool, or "" when empty. Each function
returns the clean value or raises InvalidValue with a message that names the
column and quotes the cell, so the clerk can find and fix it.
"""

import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import TypeVar

from graph.core.errors import InvalidValue
from graph.core.text import (
    is_blank_text,
    normalize_code,
    normalize_text,
    shorten_for_message,
)

C = TypeVar("C", bound=StrEnum)
CellValue = str | float | int | bool | date | datetime | timedelta | None

FEN = Decimal("0.01")
# Excel stores numbers as doubles and shows at most 15 significant digits.
EXCEL_DIGITS = 15
# Day 1 of the 1900 system is 1900-01-01, and Excel counts a 29 February 1900
# that never was (serial 60), so serials from 61 on are days since 1899-12-30.
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_LAST_SERIAL = 2958465  # 9999-12-31

_DATE_PATTERNS = [
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
]
# A date cell written with a time, as text: "2024-03-01 00:00:00".
_TRAILING_MIDNIGHT = re.compile(r"\s+0{1,2}:00(:00)?$")
_MONEY_NOISE = re.compile(r"[\s元¥]|RMB|CNY", re.IGNORECASE)
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d*)?")


def is_blank(value: CellValue) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return is_blank_text(value)
    return False


def is_number(value: CellValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number_text(value: float | int) -> str:
    """Show a number as Excel does: at most 15 significant digits, no ".0"."""
    text = format(Decimal(format(value, f".{EXCEL_DIGITS}g")), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def display(value: CellValue) -> str:
    """Render a cell for a message or the error workbook."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if is_number(value):
        return number_text(value)
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_text(value: CellValue, label: str) -> str:
    """Read a free-text cell; numbers are taken as Excel shows them."""
    if is_blank(value):
        return ""
    if is_number(value):
        return number_text(value)
    if isinstance(value, str):
        return normalize_text(value)
    raise InvalidValue(
        "INVALID_TEXT", f"{label}“{display(value)}”应为文字，请将该列设置为文本格式"
    )


def read_id_number(value: CellValue, label: str) -> str:
    """Read an ID number, refusing one that Excel stored as a number.

    A number keeps only 15 significant digits, so the last digits of an
    18-digit ID are already lost, even when the rounded value happens to
    pass the check character. Guessing them would enroll the wrong person.
    """
    if is_blank(value):
        return ""
    if is_number(value):
        raise InvalidValue(
            "ID_STORED_AS_NUMBER",
            f"{label}“{number_text(value)}”在表格中存为数字，Excel只保留15位有效数字，"
            "号码可能已被改动；请将该列设置为文本格式后重新填写号码",
        )
    if not isinstance(value, str):
        raise InvalidValue(
            "INVALID_FORMAT", f"{label}“{display(value)}”不是证件号码，请填写18位号码"
        )
    return normalize_code(value)


def read_date(value: CellValue, label: str, date1904: bool = False) -> date | None:
    """Read a date cell, an Excel serial number or a date written as text.

    An impossible date such as 2024-02-30 is an error, never rolled over.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if is_number(value):
        return _serial_date(value, label, date1904)
    if isinstance(value, str):
        return _text_date(normalize_text(value), label)
    raise InvalidValue("INVALID_DATE", f"{label}“{display(value)}”不是日期")


def _serial_date(serial: float, label: str, date1904: bool) -> date:
    shown = number_text(serial)
    # A fraction is the time of day of a date-time serial: the date is kept.
    if not 1 <= serial < _LAST_SERIAL + 1:
        raise InvalidValue(
            "INVALID_DATE",
            f"{label}“{shown}”不是日期，请填写如2024-03-01的日期",
        )
    days = int(serial)
    if date1904:
        return _EPOCH_1904 + timedelta(days=days)
    if days == 60:
        raise InvalidValue("INVALID_DATE", f"{label}“{shown}”是不存在的1900-02-29")
    if days < 60:
        return _EPOCH_1900 + timedelta(days=days + 1)
    return _EPOCH_1900 + timedelta(days=days)


def _text_date(text: str, label: str) -> date:
    compact = _TRAILING_MIDNIGHT.sub("", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(compact)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise InvalidValue(
                "INVALID_DATE", f"{label}“{shorten_for_message(text)}”是不存在的日期"
            ) from None
    raise InvalidValue(
        "INVALID_DATE",
        f"{label}“{shorten_for_message(text)}”不是可识别的日期，"
        "请填写如2024-03-01、2024/3/1或2024年3月1日",
    )


def read_money(value: CellValue, label: str) -> Decimal | None:
    """Read an amount in yuan, rounded half up to the fen.

    A float is first taken at the 15 significant digits Excel shows, so
    5000.1 + 0.2 is 5000.30 as on screen and not Python's 5000.300000000001.
    """
    if is_blank(value):
        return None
    if is_number(value):
        amount = Decimal(format(value, f".{EXCEL_DIGITS}g"))
        shown = number_text(value)
    elif isinstance(value, str):
        shown = normalize_text(value)
        amount = _text_amount(shown, label)
    else:
        raise InvalidValue("INVALID_WAGE", f"{label}“{display(value)}”不是有效金额")
    if amount <= 0:
        raise InvalidValue("INVALID_WAGE", f"{label}应大于0，实际为“{shown}”")
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _text_amount(shown: str, label: str) -> Decimal:
    """Read an amount typed as text, with commas only between thousands.

    "8.000,50" is rejected rather than read as 8.00050: the comma is the
    decimal mark there, and dropping it would change the amount.
    """
    compact = _MONEY_NOISE.sub("", shown)
    if "," in compact and not _THOUSANDS.fullmatch(compact):
        raise InvalidValue(
            "INVALID_WAGE",
            f"{label}“{shorten_for_message(shown)}”不是有效金额："
            "逗号只能用作千位分隔符，小数点应为“.”",
        )
    try:
        amount = Decimal(compact.replace(",", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise InvalidValue(
            "INVALID_WAGE", f"{label}“{shorten_for_message(shown)}”不是有效金额"
        )
    if amount.as_tuple().exponent < -2:
        raise InvalidValue(
            "INVALID_WAGE",
            f"{label}“{shorten_for_message(shown)}”最多保留两位小数（到分）",
        )
    return amount


def read_whole_number(value: CellValue, label: str, unit: str = "") -> int | None:
    """Read a whole number such as an age; "60岁" is read as 60."""
    if is_blank(value):
        return None
    if is_number(value) and value == int(value):
        return int(value)
    if isinstance(value, str):
        text = normalize_text(value).removesuffix(unit) if unit else value
        text = normalize_text(text)
        if text.isdigit():
            return int(text)
    raise InvalidValue("INVALID_NUMBER", f"{label}“{display(value)}”应为整数")


@cache
def _choice_lookup(choices: type[C]) -> dict[str, C]:
    lookup = {choice.value: choice for choice in choices}
    lookup.update({normalize_code(choice.label): choice for choice in choices})
    return lookup


def read_choice(value: CellValue, label: str, choices: type[C]) -> C | None:
    """Read a coded column by its Chinese label (as in the dropdown) or its code."""
    if is_blank(value):
        return None
    choice = _choice_lookup(choices).get(normalize_code(display(value)))
    if choice is not None:
        return choice
    allowed = "、".join(choice.label for choice in choices)
    raise InvalidValue(
        "INVALID_CHOICE",
        f"{label}“{shorten_for_message(display(value))}”不是可选值，应为：{allowed}",
    )

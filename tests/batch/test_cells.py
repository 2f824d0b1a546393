"""Reading messy spreadsheet cells: dates, money, ID numbers, text and codes."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.batch.cells import (
    number_text,
    read_choice,
    read_date,
    read_id_number,
    read_money,
    read_text,
    read_whole_number,
)
from graph.core.errors import InvalidValue
from graph.insurance.codes import InsuredIdentity, SuspensionReason


@pytest.mark.parametrize(
    "cell",
    [
        "2024-03-01",
        "2024/3/1",
        "2024.03.01",
        "20240301",
        "2024年3月1日",
        "２０２４－０３－０１",
        " 2024-03-01\u00a0",
        "2024-03-01 00:00:00",
        date(2024, 3, 1),
        datetime(2024, 3, 1, 0, 0),
        45352.0,
        45352.75,
    ],
)
def test_date_formats_read_alike(cell):
    assert read_date(cell, "本次参保时间") == date(2024, 3, 1)


def test_date_serial_in_1904_system():
    assert read_date(43890.0, "本次参保时间", date1904=True) == date(2024, 3, 1)


def test_date_serials_before_the_phantom_leap_day():
    assert read_date(1.0, "日期") == date(1900, 1, 1)
    assert read_date(59.0, "日期") == date(1900, 2, 28)
    assert read_date(61.0, "日期") == date(1900, 3, 1)


@pytest.mark.parametrize(
    "cell", ["2024-02-30", "2023/2/29", "20241301", "2024年4月31日", 60.0]
)
def test_impossible_date_is_refused_not_rolled_over(cell):
    with pytest.raises(InvalidValue) as raised:
        read_date(cell, "本次参保时间")
    assert raised.value.code == "INVALID_DATE"
    assert "本次参保时间" in raised.value.message


@pytest.mark.parametrize("cell", ["下月一号", "03/01/2024", "45352", -3.0, 3e6])
def test_unreadable_date_names_column_and_value(cell):
    with pytest.raises(InvalidValue) as raised:
        read_date(cell, "停保时间")
    assert raised.value.message.startswith("停保时间“")


def test_blank_date_is_none():
    assert read_date("  \u3000", "停保时间") is None


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("6,000.00", "6000.00"),
        ("6000元", "6000.00"),
        ("￥6000.5", "6000.50"),
        ("¥ 6 000", "6000.00"),
        ("６０００．１２", "6000.12"),
        (6000.125, "6000.13"),
        (5000.1 + 0.2, "5000.30"),
        (1.005, "1.01"),
        (6000, "6000.00"),
        (4999.995, "5000.00"),
        ("1,234,567.5", "1234567.50"),
    ],
)
def test_money_rounds_shown_value_half_up(cell, expected):
    assert read_money(cell, "申报工资") == Decimal(expected)


@pytest.mark.parametrize(
    "cell",
    ["0", -1.0, "-5000", "五千", "6000..0", "NaN", "8.000,50", "80,00", "8000.555"],
)
def test_bad_wage_is_refused(cell):
    with pytest.raises(InvalidValue) as raised:
        read_money(cell, "申报工资")
    assert raised.value.code == "INVALID_WAGE"
    assert "申报工资" in raised.value.message


def test_id_stored_as_number_rejected():
    # The rounded digits of this number pass the check character (0).
    with pytest.raises(InvalidValue) as raised:
        read_id_number(3.30302199003018e17, "社会保障号码")
    assert raised.value.code == "ID_STORED_AS_NUMBER"
    assert "330302199003018000" in raised.value.message
    assert "文本格式" in raised.value.message


def test_id_text_is_normalized():
    assert read_id_number(" 33030219900307001x\u200b", "社会保障号码") == (
        "33030219900307001X"
    )


def test_text_numbers_are_shown_as_excel_shows_them():
    assert read_text(13800001111.0, "手机号码") == "13800001111"
    assert read_text("\u00a0张三\u3000", "姓名") == "张三"


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_whole_numbers_keep_their_digits(value):
    assert number_text(float(value)) == str(value)


def test_choice_accepts_label_code_and_full_width():
    assert (
        read_choice("在职职工", "参保身份", InsuredIdentity) is InsuredIdentity.REGULAR
    )
    assert read_choice("over_age", "参保身份", InsuredIdentity) is (
        InsuredIdentity.OVER_AGE
    )
    assert read_choice(" 职工辞职 ", "中断原因", SuspensionReason) is (
        SuspensionReason.RESIGNATION
    )


def test_unknown_choice_lists_allowed_values():
    with pytest.raises(InvalidValue) as raised:
        read_choice("正式工", "参保身份", InsuredIdentity)
    assert raised.value.code == "INVALID_CHOICE"
    assert "正式工" in raised.value.message
    assert "在职职工" in raised.value.message


def test_whole_number_accepts_suffix():
    assert read_whole_number("60岁", "离退休年龄", unit="岁") == 60
    assert read_whole_number(55.0, "离退休年龄") == 55
    with pytest.raises(InvalidValue):
        read_whole_number(55.5, "离退休年龄")

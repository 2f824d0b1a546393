from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.core.errors import InvalidValue
from graph.core.masking import mask_bank_account, mask_mobile, mask_resident_id
from graph.person.resident_id import (
    INVALID_BIRTH_DATE,
    INVALID_CHECK_CHARACTER,
    INVALID_FORMAT,
    OLD_ID_NUMBER,
    REQUIRED,
    Gender,
    ResidentId,
    check_character,
    make_resident_id,
    parse_resident_id,
)

TODAY = date(2025, 6, 30)

# Weighted sum of 33030219900101123 with weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2:
# 21+27+0+15+0+8+2+9+54+0+0+9+0+5+8+8+6 = 172, and 172 % 11 = 7 maps to "5".
VALID_MALE = "330302199001011235"
# Weighted sum of 33030219900101011: 21+27+0+15+0+8+2+9+54+0+0+9+0+5+0+4+2 = 156,
# and 156 % 11 = 2 maps to "X".
VALID_WITH_X = "33030219900101011X"

# Wenzhou districts and counties, plus regions of other provinces and of the
# residence permits for Hong Kong, Macao and Taiwan residents.
REGION_CODES = [
    "330302",
    "330303",
    "330304",
    "330381",
    "330382",
    "330324",
    "110101",
    "440305",
    "650102",
    "810000",
    "820000",
    "830000",
]

FULL_WIDTH_DIGITS = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _assert_rejected(raw: str | None, code: str) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        parse_resident_id(raw, today=TODAY)
    assert caught.value.code == code
    return caught.value


@st.composite
def resident_ids(draw) -> tuple[str, date, Gender]:
    birth_date = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from(Gender))
    number = make_resident_id(
        draw(st.sampled_from(REGION_CODES)),
        birth_date,
        draw(st.integers(min_value=0, max_value=99)),
        gender,
    )
    return number, birth_date, gender


def test_check_character_hand_computed():
    assert check_character(VALID_MALE[:17]) == "5"
    assert check_character(VALID_WITH_X[:17]) == "X"


def test_check_character_rejects_non_digits():
    with pytest.raises(InvalidValue) as caught:
        check_character("3303021990010112X")
    assert caught.value.code == INVALID_FORMAT


def test_parse_valid_male():
    assert parse_resident_id(VALID_MALE, today=TODAY) == ResidentId(
        number=VALID_MALE, birth_date=date(1990, 1, 1), gender=Gender.MALE
    )


def test_parse_valid_female():
    number = make_resident_id("330381", date(1985, 2, 28), 6, Gender.FEMALE)
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.gender is Gender.FEMALE
    assert parsed.birth_date == date(1985, 2, 28)


def test_parse_birth_date_today_accepted():
    number = make_resident_id("330302", TODAY, 0, Gender.MALE)
    assert parse_resident_id(number, today=TODAY).birth_date == TODAY


def test_parse_birth_date_1900_01_01_accepted():
    number = make_resident_id("330302", date(1900, 1, 1), 0, Gender.FEMALE)
    assert parse_resident_id(number, today=TODAY).birth_date == date(1900, 1, 1)


def test_parse_today_defaults_to_system_date():
    assert parse_resident_id(VALID_MALE).birth_date == date(1990, 1, 1)


def test_gender_labels():
    assert Gender.MALE.label == "男"
    assert Gender.FEMALE.label == "女"


@given(resident_ids())
def test_made_number_parses_back(made):
    number, birth_date, gender = made
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.number == number
    assert parsed.birth_date == birth_date
    assert parsed.gender is gender


@given(
    resident_ids(),
    st.integers(min_value=0, max_value=16),
    st.integers(min_value=1, max_value=9),
)
def test_single_digit_change_rejected(made, position, shift):
    number = made[0]
    # Adding 1-9 modulo 10 always yields a different digit.
    changed_digit = str((int(number[position]) + shift) % 10)
    changed = number[:position] + changed_digit + number[position + 1 :]
    with pytest.raises(InvalidValue) as caught:
        parse_resident_id(changed, today=TODAY)
    assert caught.value.code in {
        INVALID_FORMAT,
        INVALID_BIRTH_DATE,
        INVALID_CHECK_CHARACTER,
    }


@given(resident_ids())
def test_full_width_lowercase_and_spaces_accepted(made):
    number = made[0]
    variant = number.translate(FULL_WIDTH_DIGITS)
    variant = variant[:6] + " " + variant[6:14] + "\u3000" + variant[14:]
    variant = "\u00a0" + variant.replace("Ｘ", "ｘ") + "\u200b "
    assert parse_resident_id(variant, today=TODAY).number == number


def test_lowercase_x_normalized():
    assert parse_resident_id("33030219900101011x", today=TODAY).number == VALID_WITH_X


def test_inner_spaces_normalized():
    raw = " 330302 19900101 011X\u3000"
    assert parse_resident_id(raw, today=TODAY).number == VALID_WITH_X


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000\u200b"])
def test_parse_empty_required(raw):
    error = _assert_rejected(raw, REQUIRED)
    assert error.message == "请填写公民身份号码"


def test_parse_15_digits_old_number():
    error = _assert_rejected("330302900101123", OLD_ID_NUMBER)
    assert "330302900101123" in error.message
    assert "15位旧身份证号码" in error.message
    assert "请填写18位公民身份号码" in error.message


@pytest.mark.parametrize(
    ("raw", "expected_in_message"),
    [
        ("33030219900101123", "应为18位，实际为17位"),
        ("3303021990010112355", "应为18位，实际为19位"),
        ("33030219900101123A5", "应为18位，实际为19位"),
        # 15 characters that are not all digits are no old number.
        ("33030290010112X", "应为18位，实际为15位"),
        ("33030219900101A235", "第15位“A”无效"),
        ("3303021990010112Y5", "第17位“Y”无效"),
        ("33030219900101123Y", "第18位“Y”无效"),
        ("X30302199001011235", "第1位“X”无效"),
        # Arabic-Indic digit three, which str.isdigit() accepts.
        ("\u0663" + VALID_MALE[1:], "第1位"),
    ],
)
def test_parse_invalid_format(raw, expected_in_message):
    error = _assert_rejected(raw, INVALID_FORMAT)
    assert expected_in_message in error.message


@pytest.mark.parametrize("province_code", ["00", "10", "16", "20", "39", "66", "91"])
def test_parse_bad_province_code(province_code):
    first17 = province_code + VALID_MALE[2:17]
    number = first17 + check_character(first17)
    error = _assert_rejected(number, INVALID_FORMAT)
    assert f"前两位“{province_code}”" in error.message


def test_parse_long_value_shortened_in_message():
    error = _assert_rejected("1" * 500, INVALID_FORMAT)
    assert "实际为500位" in error.message
    assert len(error.message) < 100


def _with_birth_date(text: str) -> str:
    first17 = VALID_MALE[:6] + text + VALID_MALE[14:17]
    return first17 + check_character(first17)


@pytest.mark.parametrize(
    ("birth_text", "expected_in_message"),
    [
        ("19900230", "出生日期“19900230”不存在"),
        ("19901301", "出生日期“19901301”不存在"),
        ("19900100", "出生日期“19900100”不存在"),
        # 1900 is no leap year because it is divisible by 100 but not 400.
        ("19000229", "出生日期“19000229”不存在"),
        ("18991231", "出生日期1899-12-31早于1900-01-01"),
        ("20250701", "出生日期2025-07-01晚于今天（2025-06-30）"),
    ],
)
def test_parse_invalid_birth_date(birth_text, expected_in_message):
    error = _assert_rejected(_with_birth_date(birth_text), INVALID_BIRTH_DATE)
    assert expected_in_message in error.message


def test_parse_leap_day_accepted():
    number = _with_birth_date("20000229")
    assert parse_resident_id(number, today=TODAY).birth_date == date(2000, 2, 29)


def test_parse_birth_date_checked_before_check_character():
    # The check character 0 is wrong for this number as well.
    _assert_rejected(VALID_MALE[:6] + "19900230" + "1230", INVALID_BIRTH_DATE)


def test_parse_format_checked_before_birth_date():
    _assert_rejected("91" + VALID_MALE[2:6] + "19900230" + "1230", INVALID_FORMAT)


def test_parse_wrong_check_character():
    error = _assert_rejected("330302199001011234", INVALID_CHECK_CHARACTER)
    assert error.message == (
        "公民身份号码“330302199001011234”的校验码应为5，实际为4，请核对号码"
    )


def test_parse_wrong_check_character_expected_x():
    error = _assert_rejected("330302199001010110", INVALID_CHECK_CHARACTER)
    assert "校验码应为X，实际为0" in error.message


def test_parse_digit_where_x_expected():
    error = _assert_rejected("330302199001010118", INVALID_CHECK_CHARACTER)
    assert "校验码应为X，实际为8" in error.message


def test_make_order_code_scheme():
    # Sequence 23 gives order code 231 for a man and 232 for a woman.
    assert make_resident_id("330302", date(1990, 1, 1), 23, Gender.MALE)[14:17] == "231"
    female = make_resident_id("330302", date(1990, 1, 1), 23, Gender.FEMALE)
    assert female[14:17] == "232"


def test_make_accepts_gender_value_string():
    assert make_resident_id("330302", date(1990, 1, 1), 1, "MALE") == VALID_WITH_X


@pytest.mark.parametrize(
    ("region_code", "birth_date", "sequence", "code"),
    [
        ("33030", date(1990, 1, 1), 0, INVALID_FORMAT),
        ("3303021", date(1990, 1, 1), 0, INVALID_FORMAT),
        ("33030A", date(1990, 1, 1), 0, INVALID_FORMAT),
        ("910000", date(1990, 1, 1), 0, INVALID_FORMAT),
        ("330302", date(1899, 12, 31), 0, INVALID_BIRTH_DATE),
        ("330302", date(1990, 1, 1), -1, INVALID_FORMAT),
        ("330302", date(1990, 1, 1), 100, INVALID_FORMAT),
    ],
)
def test_make_rejects_invalid_input(region_code, birth_date, sequence, code):
    with pytest.raises(InvalidValue) as caught:
        make_resident_id(region_code, birth_date, sequence, Gender.MALE)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("330302199001011235", "330302********1235"),
        ("33030219900101011X", "330302********011X"),
        # 15 characters: 6 + 4 kept, 5 masked.
        ("330302900101123", "330302*****1123"),
        # 10 characters or fewer would be shown in full, so only the last 2 stay.
        ("3303021235", "********35"),
        ("123", "*23"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_resident_id(number, masked):
    assert mask_resident_id(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("13812345678", "138****5678"),
        # 13 characters: a third is 4, so 3 leading and 4 trailing stay.
        ("0577-88886666", "057******6666"),
        # 8 characters: a third is 2 at each end.
        ("88886666", "88****66"),
        ("123", "1*3"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_mobile(number, masked):
    assert mask_mobile(number) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("6222021203001234567", "***************4567"),
        ("12345", "*2345"),
        # 4 characters or fewer would be shown in full, so only the last 2 stay.
        ("1234", "**34"),
        ("", ""),
    ],
)
def test_mask_bank_account(number, masked):
    assert mask_bank_account(number) == masked

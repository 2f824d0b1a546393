"""Citizen identity numbers (公民身份号码) as defined by GB 11643-1999.

An 18-character number is laid out as:

- positions 1-6: administrative region code of the registration place, whose
  first two digits are the province-level code;
- positions 7-14: birth date as YYYYMMDD;
- positions 15-17: order code, odd for men and even for women;
- position 18: check character by ISO 7064 MOD 11-2, a digit or X.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from graph.core.errors import InvalidValue
from graph.core.text import normalize_code, shorten_for_message

REQUIRED = "REQUIRED"
OLD_ID_NUMBER = "OLD_ID_NUMBER"
INVALID_FORMAT = "INVALID_FORMAT"
INVALID_BIRTH_DATE = "INVALID_BIRTH_DATE"
INVALID_CHECK_CHARACTER = "INVALID_CHECK_CHARACTER"

NUMBER_LENGTH = 18
OLD_NUMBER_LENGTH = 15
EARLIEST_BIRTH_DATE = date(1900, 1, 1)

_CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# Index is the weighted sum modulo 11.
_CHECK_CHARACTERS = "10X98765432"

# Province-level codes of GB/T 2260, plus 81, 82 and 83 that residence permits
# for residents of Hong Kong, Macao and Taiwan carry. Numbers starting with 91
# are rejected.
PROVINCE_CODES = frozenset(
    {
        *(str(code) for code in range(11, 16)),
        *(str(code) for code in range(21, 24)),
        *(str(code) for code in range(31, 38)),
        *(str(code) for code in range(41, 47)),
        *(str(code) for code in range(50, 55)),
        *(str(code) for code in range(61, 66)),
        "71",
        "81",
        "82",
        "83",
    }
)

# ``re`` would let \d match digits of other scripts, so the classes are ASCII.
_DIGITS = re.compile(r"[0-9]+")
_NUMBER_PATTERN = re.compile(r"[0-9]{17}[0-9X]")


class Gender(StrEnum):
    """Gender as recorded in the identity number."""

    MALE = "MALE"
    FEMALE = "FEMALE"

    @property
    def label(self) -> str:
        """Chinese name of the gender."""
        return _GENDER_LABELS[self]


_GENDER_LABELS = {Gender.MALE: "男", Gender.FEMALE: "女"}


@dataclass(frozen=True)
class ResidentId:
    """Validated identity number with the facts it encodes."""

    number: str
    birth_date: date
    gender: Gender


def check_character(first17: str) -> str:
    """Compute the ISO 7064 MOD 11-2 check character for the first 17 digits.

    Raises InvalidValue with INVALID_FORMAT unless ``first17`` is 17 ASCII digits.
    """
    if len(first17) != 17 or not _DIGITS.fullmatch(first17):
        raise InvalidValue(
            INVALID_FORMAT,
            f"公民身份号码本体码“{shorten_for_message(first17)}”应为17位数字",
        )
    total = sum(
        int(digit) * weight
        for digit, weight in zip(first17, _CHECK_WEIGHTS, strict=True)
    )
    return _CHECK_CHARACTERS[total % 11]


def parse_resident_id(raw: str | None, *, today: date | None = None) -> ResidentId:
    """Validate an 18-character identity number and decode its birth date and gender.

    The input is normalized with ``normalize_code``, so full-width digits, spaces
    and a lowercase x are accepted. Checks run in this order, and the first
    failure raises InvalidValue: presence (REQUIRED), a 15-digit old number
    (OLD_ID_NUMBER), layout and province code (INVALID_FORMAT), birth date
    (INVALID_BIRTH_DATE), check character (INVALID_CHECK_CHARACTER).
    A birth date must exist, be 1900-01-01 or later and not be after ``today``,
    which defaults to the system date.
    """
    number = normalize_code(raw)
    if not number:
        raise InvalidValue(REQUIRED, "请填写公民身份号码")
    _validate_layout(number)
    birth_date = _decode_birth_date(number, today or date.today())

    expected = check_character(number[:17])
    actual = number[17]
    if actual != expected:
        raise InvalidValue(
            INVALID_CHECK_CHARACTER,
            f"公民身份号码“{number}”的校验码应为{expected}，实际为{actual}，请核对号码",
        )

    gender = Gender.MALE if int(number[16]) % 2 == 1 else Gender.FEMALE
    return ResidentId(number=number, birth_date=birth_date, gender=gender)


def _validate_layout(number: str) -> None:
    """Raise OLD_ID_NUMBER or INVALID_FORMAT unless ``number`` has a valid layout."""
    shortened = shorten_for_message(number)
    length = len(number)
    if length == OLD_NUMBER_LENGTH and _DIGITS.fullmatch(number):
        raise InvalidValue(
            OLD_ID_NUMBER,
            f"“{number}”是15位旧身份证号码，请填写18位公民身份号码",
        )
    if length != NUMBER_LENGTH:
        raise InvalidValue(
            INVALID_FORMAT,
            f"公民身份号码“{shortened}”应为18位，实际为{length}位",
        )
    if not _NUMBER_PATTERN.fullmatch(number):
        position, character = _first_invalid_character(number)
        raise InvalidValue(
            INVALID_FORMAT,
            f"公民身份号码“{number}”第{position}位“{character}”无效："
            "前17位应为数字，第18位应为数字或X",
        )
    province_code = number[:2]
    if province_code not in PROVINCE_CODES:
        raise InvalidValue(
            INVALID_FORMAT,
            f"公民身份号码“{number}”的前两位“{province_code}”"
            "不是有效的省级行政区划代码",
        )


def _first_invalid_character(number: str) -> tuple[int, str]:
    """Return the 1-based position and value of the first misplaced character."""
    for index, character in enumerate(number):
        allowed = "0123456789X" if index == NUMBER_LENGTH - 1 else "0123456789"
        if character not in allowed:
            return index + 1, character
    raise AssertionError(f"{number!r} matches the identity number layout")


def _decode_birth_date(number: str, today: date) -> date:
    """Return the birth date in positions 7-14, or raise INVALID_BIRTH_DATE."""
    text = number[6:14]
    try:
        birth_date = date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise InvalidValue(
            INVALID_BIRTH_DATE,
            f"公民身份号码“{number}”中的出生日期“{text}”不存在",
        ) from None
    if birth_date < EARLIEST_BIRTH_DATE:
        raise InvalidValue(
            INVALID_BIRTH_DATE,
            f"公民身份号码“{number}”中的出生日期{birth_date.isoformat()}"
            f"早于{EARLIEST_BIRTH_DATE.isoformat()}",
        )
    if birth_date > today:
        raise InvalidValue(
            INVALID_BIRTH_DATE,
            f"公民身份号码“{number}”中的出生日期{birth_date.isoformat()}"
            f"晚于今天（{today.isoformat()}）",
        )
    return birth_date


def make_resident_id(
    region_code: str, birth_date: date, sequence: int, gender: Gender
) -> str:
    """Build a valid identity number for synthetic demo people.

    The 3-digit order code is ``sequence * 10 + 1`` for men and
    ``sequence * 10 + 2`` for women. So ``sequence`` (0-99) distinguishes people
    born on the same day in the same region, and the last order digit encodes
    the gender.

    Raises InvalidValue with INVALID_FORMAT for a region code that is not 6
    digits with a valid province code or a sequence outside 0-99, and with
    INVALID_BIRTH_DATE for a birth date before 1900-01-01.
    """
    if not _DIGITS.fullmatch(region_code) or len(region_code) != 6:
        raise InvalidValue(
            INVALID_FORMAT,
            f"行政区划代码“{shorten_for_message(region_code)}”应为6位数字",
        )
    if region_code[:2] not in PROVINCE_CODES:
        raise InvalidValue(
            INVALID_FORMAT,
            f"行政区划代码“{region_code}”的前两位“{region_code[:2]}”"
            "不是有效的省级行政区划代码",
        )
    if birth_date < EARLIEST_BIRTH_DATE:
        raise InvalidValue(
            INVALID_BIRTH_DATE,
            f"出生日期{birth_date.isoformat()}早于{EARLIEST_BIRTH_DATE.isoformat()}",
        )
    if not 0 <= sequence <= 99:
        raise InvalidValue(INVALID_FORMAT, f"顺序号应为0至99，实际为{sequence}")

    gender_digit = 1 if Gender(gender) is Gender.MALE else 2
    order_code = sequence * 10 + gender_digit
    first17 = f"{region_code}{birth_date:%Y%m%d}{order_code:03d}"
    return first17 + check_character(first17)

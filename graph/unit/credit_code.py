"""Unified social credit codes (统一社会信用代码) as defined by GB 32100-2015.

An 18-character code is laid out as:

- position 1: registration authority code, position 2: organization type code;
- positions 3-8: administrative region code of the registration authority;
- positions 9-17: organization identity code;
- position 18: check character.

Every character comes from a 31-character alphabet: the digits and the
upper-case letters except I, O, Z, S and V.
"""

import re

from graph.core.errors import InvalidValue
from graph.core.text import normalize_code, shorten_for_message

REQUIRED = "REQUIRED"
INVALID_FORMAT = "INVALID_FORMAT"
INVALID_CHECK_CHARACTER = "INVALID_CHECK_CHARACTER"

CODE_LENGTH = 18
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_EXCLUDED_LETTERS = "IOZSV"
_CHECK_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CHARACTER_VALUES = {character: value for value, character in enumerate(ALPHABET)}

# ``re`` would let \d match digits of other scripts, so the class is ASCII.
_REGION_CODE = re.compile(r"[0-9]{6}")


def credit_code_check_character(first17: str) -> str:
    """Compute the check character for the first 17 characters of a code.

    The check value is ``(31 - sum(value * weight) % 31) % 31``, where each
    character's value is its index in ALPHABET. Raises InvalidValue with
    INVALID_FORMAT unless ``first17`` is 17 characters from ALPHABET.
    """
    _validate_characters(first17, 17)
    total = sum(
        _CHARACTER_VALUES[character] * weight
        for character, weight in zip(first17, _CHECK_WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def parse_credit_code(raw: str | None) -> str:
    """Validate a unified social credit code and return it normalized.

    The input is normalized with ``normalize_code``, so lowercase letters,
    full-width characters and spaces are accepted. Checks run in this order, and
    the first failure raises InvalidValue: presence (REQUIRED), length, alphabet
    and a 6-digit region code in positions 3-8 (INVALID_FORMAT), check character
    (INVALID_CHECK_CHARACTER).
    """
    code = normalize_code(raw)
    if not code:
        raise InvalidValue(REQUIRED, "请填写统一社会信用代码")
    _validate_characters(code, CODE_LENGTH)

    expected = credit_code_check_character(code[:17])
    actual = code[17]
    if actual != expected:
        raise InvalidValue(
            INVALID_CHECK_CHARACTER,
            f"统一社会信用代码“{code}”的校验码应为{expected}，实际为{actual}，"
            "请核对代码",
        )
    return code


def make_credit_code(first17: str) -> str:
    """Append the check character to 17 characters, for demo data.

    ``first17`` is normalized with ``normalize_code`` first. Raises InvalidValue
    with INVALID_FORMAT under the same rules as ``parse_credit_code``.
    """
    prefix = normalize_code(first17)
    return prefix + credit_code_check_character(prefix)


def _validate_characters(code: str, length: int) -> None:
    """Raise INVALID_FORMAT unless ``code`` has ``length`` characters of ALPHABET.

    Positions 3-8 must also be digits because they are a region code.
    """
    subject = "统一社会信用代码" if length == CODE_LENGTH else "统一社会信用代码前17位"
    if len(code) != length:
        raise InvalidValue(
            INVALID_FORMAT,
            f"{subject}“{shorten_for_message(code)}”应为{length}位，"
            f"实际为{len(code)}位",
        )
    for index, character in enumerate(code):
        if character in _CHARACTER_VALUES:
            continue
        hint = (
            "统一社会信用代码不使用字母I、O、Z、S、V"
            if character in _EXCLUDED_LETTERS
            else "只能是数字或大写字母"
        )
        raise InvalidValue(
            INVALID_FORMAT,
            f"{subject}“{code}”第{index + 1}位“{character}”无效：{hint}",
        )
    region_code = code[2:8]
    if not _REGION_CODE.fullmatch(region_code):
        raise InvalidValue(
            INVALID_FORMAT,
            f"{subject}“{code}”第3至8位“{region_code}”是行政区划代码，应为数字",
        )

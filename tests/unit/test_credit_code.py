import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.core.errors import InvalidValue
from graph.unit.credit_code import (
    ALPHABET,
    INVALID_CHECK_CHARACTER,
    INVALID_FORMAT,
    REQUIRED,
    credit_code_check_character,
    make_credit_code,
    parse_credit_code,
)

# Synthetic code for an enterprise (9 = market regulator, 1 = enterprise) in
# Lucheng district of Wenzhou (330302). Each value is the index in ALPHABET
# (M = 21, A = 10, J = 18, K = 19, Q = 24) times its weight:
#   9*1 + 1*3 + 3*9 + 3*27 + 0*19 + 3*26 + 0*16 + 2*17 + 21*20 + 10*29
#   + 2*25 + 18*13 + 7*8 + 19*24 + 24*10 + 1*30 + 5*28
#   = 9 + 3 + 27 + 81 + 0 + 78 + 0 + 34 + 420 + 290 + 50 + 234 + 56 + 456
#   + 240 + 30 + 140 = 2148.
# 2148 % 31 = 9 (31 * 69 = 2139), (31 - 9) % 31 = 22, and ALPHABET[22] = "N".
HAND_COMPUTED = "91330302MA2J7KQ15N"


def _assert_rejected(raw: str | None, code: str) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        parse_credit_code(raw)
    assert caught.value.code == code
    return caught.value


alphabet_characters = st.sampled_from(ALPHABET)
first17_prefixes = st.builds(
    lambda head, region, tail: head + region + tail,
    st.text(alphabet_characters, min_size=2, max_size=2),
    st.text(st.sampled_from("0123456789"), min_size=6, max_size=6),
    st.text(alphabet_characters, min_size=9, max_size=9),
)


def test_alphabet_excludes_iozsv():
    assert len(ALPHABET) == 31
    for letter in "IOZSV":
        assert letter not in ALPHABET


def test_check_character_hand_computed():
    assert credit_code_check_character(HAND_COMPUTED[:17]) == "N"


def test_check_character_value_zero_maps_to_digit_zero():
    # Sum 31 for "1" at position 4 (weight 27) and "4" at position 1 (weight 1):
    # 31 % 31 = 0 and (31 - 0) % 31 = 0, so the check character is "0". Without
    # the outer modulo the index would be 31, past the end of ALPHABET.
    assert credit_code_check_character("40010000000000000") == "0"


def test_parse_hand_computed_example():
    assert parse_credit_code(HAND_COMPUTED) == HAND_COMPUTED


def test_parse_normalizes_case_and_spaces():
    raw = "\u00a0９１３３０３０２ ma2j7kq1\u200b5n\u3000"
    assert parse_credit_code(raw) == HAND_COMPUTED


def test_make_credit_code_hand_computed():
    assert make_credit_code("91330302ma2j7kq15") == HAND_COMPUTED


@given(first17_prefixes)
def test_made_code_parses(first17):
    code = make_credit_code(first17)
    assert len(code) == 18
    assert parse_credit_code(code) == code


@given(first17_prefixes, st.integers(min_value=0, max_value=17), st.data())
def test_single_substitution_rejected(first17, position, data):
    code = make_credit_code(first17)
    replacement = data.draw(
        st.sampled_from([c for c in ALPHABET if c != code[position]])
    )
    changed = code[:position] + replacement + code[position + 1 :]
    with pytest.raises(InvalidValue) as caught:
        parse_credit_code(changed)
    assert caught.value.code in {INVALID_FORMAT, INVALID_CHECK_CHARACTER}


@pytest.mark.parametrize("raw", [None, "", "  ", "\u3000\u200b"])
def test_parse_empty_required(raw):
    error = _assert_rejected(raw, REQUIRED)
    assert error.message == "请填写统一社会信用代码"


@pytest.mark.parametrize(
    ("raw", "expected_in_message"),
    [
        ("91330302MA2J7KQ15", "应为18位，实际为17位"),
        ("91330302MA2J7KQ15N0", "应为18位，实际为19位"),
        # An old 9-character organization code alone.
        ("MA2J7KQ15", "应为18位，实际为9位"),
        (
            "91330302MA2J7KQ1SN",
            "第17位“S”无效：统一社会信用代码不使用字母I、O、Z、S、V",
        ),
        ("91330302MA2J7KO15N", "第15位“O”无效"),
        ("91330302MA2J7KI15N", "第15位“I”无效"),
        ("91330302MA2J7KZ15N", "第15位“Z”无效"),
        ("91330302MA2J7KV15N", "第15位“V”无效"),
        ("91330302MA2J-KQ15N", "第13位“-”无效：只能是数字或大写字母"),
        ("9133030A MA2J7KQ15N", "第3至8位“33030A”是行政区划代码，应为数字"),
        ("91A30302MA2J7KQ15N", "第3至8位“A30302”"),
    ],
)
def test_parse_invalid_format(raw, expected_in_message):
    error = _assert_rejected(raw, INVALID_FORMAT)
    assert expected_in_message in error.message


def test_parse_wrong_check_character():
    error = _assert_rejected("91330302MA2J7KQ15M", INVALID_CHECK_CHARACTER)
    assert error.message == (
        "统一社会信用代码“91330302MA2J7KQ15M”的校验码应为N，实际为M，请核对代码"
    )


def test_make_credit_code_rejects_wrong_length():
    with pytest.raises(InvalidValue) as caught:
        make_credit_code("91330302MA2J7KQ1")
    assert caught.value.code == INVALID_FORMAT
    expected = "统一社会信用代码前17位“91330302MA2J7KQ1”应为17位，实际为16位"
    assert caught.value.message == expected


def test_make_credit_code_rejects_letter_in_region():
    with pytest.raises(InvalidValue) as caught:
        make_credit_code("9133030AMA2J7KQ15")
    assert caught.value.code == INVALID_FORMAT

import pytest

from graph.core.text import normalize_code, normalize_text, shorten_for_message

# Escapes keep the invisible characters visible in the source.
NBSP = "\u00a0"
IDEOGRAPHIC_SPACE = "\u3000"
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


def test_normalize_text_none_is_empty():
    assert normalize_text(None) == ""


def test_normalize_text_full_width_digits_and_letters():
    assert normalize_text("３３０３０２ＡＢｃ") == "330302ABc"


@pytest.mark.parametrize(
    "raw",
    [
        f"{NBSP}温州{NBSP}",
        f"{IDEOGRAPHIC_SPACE}温州{IDEOGRAPHIC_SPACE}",
        " \t\r\n温州\n",
        *(f"{character}温州{character}" for character in ZERO_WIDTH),
        f"{ZERO_WIDTH[0]} {NBSP}{ZERO_WIDTH[4]}温州{IDEOGRAPHIC_SPACE}{ZERO_WIDTH[2]} ",
    ],
)
def test_normalize_text_strips_surrounding_invisible(raw):
    assert normalize_text(raw) == "温州"


def test_normalize_text_keeps_inner_characters():
    # NFKC turns the inner no-break and ideographic spaces into plain spaces.
    raw = f" 温州市{NBSP}鹿城区{IDEOGRAPHIC_SPACE}五马街{ZERO_WIDTH[0]}1号 "
    assert normalize_text(raw) == f"温州市 鹿城区 五马街{ZERO_WIDTH[0]}1号"


def test_normalize_text_keeps_case():
    assert normalize_text("x") == "x"


def test_normalize_code_none_is_empty():
    assert normalize_code(None) == ""


def test_normalize_code_lowercase_x_upper_cased():
    assert normalize_code("33030219900101011x") == "33030219900101011X"


def test_normalize_code_full_width_lowercase_x():
    assert (
        normalize_code("３３０３０２１９９００１０１０１１ｘ") == "33030219900101011X"
    )


@pytest.mark.parametrize("separator", [" ", "\t", NBSP, IDEOGRAPHIC_SPACE, *ZERO_WIDTH])
def test_normalize_code_removes_inner_invisible(separator):
    raw = f"{separator}330302{separator}19900101{separator}011x{separator}"
    assert normalize_code(raw) == "33030219900101011X"


def test_normalize_code_lowercase_letters():
    assert normalize_code("91330302ma2j7kq15n") == "91330302MA2J7KQ15N"


def test_shorten_for_message_short_value_unchanged():
    assert shorten_for_message("1234", max_length=4) == "1234"


def test_shorten_for_message_long_value_cut():
    assert shorten_for_message("12345", max_length=4) == "1234…"

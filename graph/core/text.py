"""Normalization of text typed or pasted by users.

Users copy values from Word, Excel, web pages and Chinese input methods, which
bring full-width characters, no-break spaces, ideographic spaces and invisible
zero-width characters that a plain ``str.strip()`` keeps.
"""

import re
import unicodedata

# Zero-width space, non-joiner and joiner, word joiner and the byte order mark.
# Unicode does not class them as whitespace, so ``\s`` and ``str.strip()`` keep
# them, yet they are invisible on screen.
ZERO_WIDTH_CHARACTERS = "\u200b\u200c\u200d\u2060\ufeff"

_INVISIBLE = rf"[\s{ZERO_WIDTH_CHARACTERS}]"
_SURROUNDING_INVISIBLE = re.compile(rf"\A{_INVISIBLE}+|{_INVISIBLE}+\Z")
_ANY_INVISIBLE = re.compile(rf"{_INVISIBLE}+")
# Unicode category Cc is exactly these two ranges.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_VISIBLE = re.compile(rf"[^\s\x00{ZERO_WIDTH_CHARACTERS}]")


def normalize_text(value: str | None) -> str:
    """Apply NFKC and strip surrounding whitespace and zero-width characters.

    NFKC turns full-width letters, digits and punctuation into their ASCII forms
    and the no-break space U+00A0 and ideographic space U+3000 into a plain
    space. Characters inside the text are kept, except NUL, which is removed.
    Returns "" for None.
    """
    if value is None:
        return ""
    # NUL carries no meaning in any field and PostgreSQL cannot store it.
    value = value.replace("\x00", "")
    if value.isascii():
        # NFKC leaves ASCII unchanged, and str.strip() removes the same ASCII
        # whitespace as the pattern; batch imports call this for every cell.
        return value.strip()
    return _SURROUNDING_INVISIBLE.sub("", unicodedata.normalize("NFKC", value))


def has_control_character(value: str) -> bool:
    """Tell whether text contains a control character such as a line break."""
    return _CONTROL.search(value) is not None


def is_blank_text(value: str) -> bool:
    """Tell whether text contains only whitespace and zero-width characters."""
    return _VISIBLE.search(value) is None


def normalize_code(value: str | None) -> str:
    """Normalize an identifier such as an ID number or a credit code.

    Applies ``normalize_text``, removes every whitespace and zero-width character
    inside the value and upper-cases letters, so that "33030219900101123x" and
    "330302 19900101 123X" both become "33030219900101123X".
    """
    return _ANY_INVISIBLE.sub("", normalize_text(value)).upper()


def shorten_for_message(value: str, max_length: int = 40) -> str:
    """Return ``value``, cut to ``max_length`` characters plus "…" if longer.

    Error messages quote the rejected value, and a long paste would otherwise
    fill the message.
    """
    if len(value) <= max_length:
        return value
    return value[:max_length] + "…"

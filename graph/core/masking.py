"""Masking of personal numbers for display in lists, logs and exports."""

MASK_CHARACTER = "*"

# A value not longer than the characters a pattern keeps would be shown in full,
# so such a value keeps only this many trailing characters.
_SHORT_VALUE_KEPT_END = 2


def _mask_middle(value: str, kept_start: int, kept_end: int) -> str:
    """Replace all but the first ``kept_start`` and last ``kept_end`` characters.

    The result has the length of ``value``. A value too short to hide anything
    with that pattern keeps only its last 2 characters, and a value of 2 or fewer
    characters is masked completely.
    """
    length = len(value)
    if length <= kept_start + kept_end:
        kept_start = 0
        kept_end = _SHORT_VALUE_KEPT_END if length > _SHORT_VALUE_KEPT_END else 0
    hidden = length - kept_start - kept_end
    return value[:kept_start] + MASK_CHARACTER * hidden + value[length - kept_end :]


def mask_resident_id(number: str) -> str:
    """Mask an identity number but keep its region code and last 4 characters.

    "330302199001011234" becomes "330302********1234".
    """
    return _mask_middle(number, 6, 4)


def mask_mobile(number: str) -> str:
    """Mask the middle of a phone number.

    An 11-character mainland mobile number keeps its first 3 and last 4 digits:
    "13812345678" becomes "138****5678". Other numbers keep up to 3 leading and
    up to 4 trailing characters, but never more than a third of the value at
    either end.
    """
    length = len(number)
    if length == 11:
        return _mask_middle(number, 3, 4)
    third = length // 3
    return _mask_middle(number, min(3, third), min(4, third))


def mask_bank_account(number: str) -> str:
    """Mask a bank account number except its last 4 characters."""
    return _mask_middle(number, 0, 4)

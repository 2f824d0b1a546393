"""Old and new values of a change declaration, as the reviewer compares them.

Person and unit changes keep ``before`` and ``after`` objects in the
declaration's data, holding only the fields that change.
"""

from collections.abc import Callable

from graph.core.masking import mask_bank_account, mask_mobile, mask_resident_id
from graph.core.text import normalize_text

# Masking applied to a field's values when a list shows them.
MASKS: dict[str, Callable[[str], str]] = {
    "ssn": mask_resident_id,
    "mobile": mask_mobile,
    "contactMobile": mask_mobile,
    "contactPhone": mask_mobile,
    "contactIdNumber": mask_resident_id,
    "bankAccount": mask_bank_account,
}


def diff(current: dict[str, str], requested: dict[str, str]) -> tuple[dict, dict]:
    """Return the (before, after) values of the fields whose value changes."""
    before = {}
    after = {}
    for field, value in requested.items():
        if value != current[field]:
            before[field] = current[field]
            after[field] = value
    return before, after


def masked_value(field: str, value: str) -> str:
    mask = MASKS.get(field)
    return mask(value) if mask and value else value


def optional_text(raw: str | None, current: str) -> str:
    """Return the normalized new value, or ``current`` when the input omits it."""
    return current if raw is None else normalize_text(raw)

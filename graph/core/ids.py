import strawberry

from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.text import shorten_for_message

# Row ids are 32-bit integer columns, and PostgreSQL rejects a larger value
# outright, so anything above this cannot match a row.
_MAX_ROW_ID = 2**31 - 1


def parse_row_id(value: strawberry.ID | str) -> int:
    """Turn an ``ID`` argument into a row id; anything else matches no row (0)."""
    text = str(value).strip()
    if text.isdigit() and len(text) <= 10 and int(text) <= _MAX_ROW_ID:
        return int(text)
    return 0


def require_row_id(value: strawberry.ID | str, field: str, label: str) -> int:
    """Return the row id, or raise NOT_FOUND naming the value as typed."""
    row_id = parse_row_id(value)
    if row_id == 0:
        message = f"{label}“{shorten_for_message(str(value))}”不存在"
        raise ValidationFailed([FieldProblem(field, "NOT_FOUND", message)])
    return row_id

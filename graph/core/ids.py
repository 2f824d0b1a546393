import strawberry

# Row ids are 32-bit integer columns, and PostgreSQL rejects a larger value
# outright, so anything above this cannot match a row.
_MAX_ROW_ID = 2**31 - 1


def parse_row_id(value: strawberry.ID | str) -> int:
    """Turn an ``ID`` argument into a row id; anything else matches no row (0)."""
    text = str(value).strip()
    if text.isdigit() and len(text) <= 10 and int(text) <= _MAX_ROW_ID:
        return int(text)
    return 0

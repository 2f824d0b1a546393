"""GraphQL-level errors: authentication, permission and bad arguments.

Everything else that goes wrong inside a resolver is a fault: it is logged
with its traceback and reaches the client only as ``INTERNAL``.
"""

import re

from graphql import GraphQLError
from tortoise.exceptions import ValidationError


class ApiError(Exception):
    """An expected GraphQL-level error whose message may reach the client."""

    code = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.extensions = {"code": self.code}


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


class Forbidden(ApiError):
    code = "FORBIDDEN"


class BadUserInput(ApiError):
    code = "BAD_USER_INPUT"


class InternalError(ApiError):
    """A fault whose text was already replaced by the generic message."""

    code = "INTERNAL"


INTERNAL_MESSAGE = "服务器内部错误，请稍后重试"


def mask_unexpected(error: GraphQLError) -> GraphQLError:
    """Replace a resolver fault's text; the client's own mistakes pass through.

    Strawberry has already logged the original error with its traceback.
    """
    original = error.original_error
    if original is None or isinstance(original, ApiError):
        return error
    if error.path is None:
        # Without a path the error came from coercing the request's variables
        # (a wrongly typed date, decimal or enum): the client's mistake, and
        # its message names the variable and the value.
        return GraphQLError(
            error.message,
            nodes=error.nodes,
            extensions={"code": "BAD_USER_INPUT"},
        )
    too_long = _too_long_value(original)
    if too_long is not None:
        return GraphQLError(
            too_long,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": "BAD_USER_INPUT"},
        )
    return GraphQLError(
        INTERNAL_MESSAGE,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL"},
    )


_TOO_LONG = re.compile(r"^(\w+): Length of '(.*)' (\d+) > (\d+)$", re.DOTALL)


def _too_long_value(original: Exception) -> str | None:
    """Describe a lookup value longer than its column, or return None.

    Tortoise raises before querying when a filter value is longer than the
    column, which can only mean that nothing matches: the client typed a
    value that cannot exist. Services check the usual lookups themselves;
    this catches the rest, and the fault log still names the resolver.
    """
    if not isinstance(original, ValidationError):
        return None
    match = _TOO_LONG.match(str(original))
    if match is None:
        return None
    column, value, length, limit = match.groups()
    field = re.sub(r"_(\w)", lambda part: part.group(1).upper(), column)
    shown = value if len(value) <= 40 else value[:40] + "…"
    return f"{field}“{shown}”长度为{length}，超过该项最多{limit}个字符，请核对"

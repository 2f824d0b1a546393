"""GraphQL-level errors: authentication, permission and bad arguments.

Everything else that goes wrong inside a resolver is a fault: it is logged
with its traceback and reaches the client only as ``INTERNAL``.
"""

from graphql import GraphQLError


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
    return GraphQLError(
        INTERNAL_MESSAGE,
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL"},
    )

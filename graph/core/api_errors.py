"""GraphQL-level errors: authentication, permission and bad paging arguments.

Everything else that goes wrong inside a resolver is a fault: it is logged
with its traceback and reaches the client only as ``INTERNAL``.
"""

from graphql import GraphQLError
from strawberry.extensions import MaskErrors


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


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None:
        # Parse and validation errors come from graphql-core and carry no secret.
        return False
    return not isinstance(original, ApiError)


def mask_unexpected_errors() -> MaskErrors:
    """Hide the text of faults; the server log keeps the traceback."""
    return MaskErrors(
        should_mask_error=_should_mask,
        error_message="服务器内部错误，请稍后重试",
    )

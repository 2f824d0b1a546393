"""Error values shared by every business area.

Expected input problems travel in mutation payloads as ``FieldError`` rows;
GraphQL-level errors are kept for authentication, permission and faults.
"""

from dataclasses import dataclass


class InvalidValue(ValueError):
    """Raised by a validation rule; the caller decides which field it concerns."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FieldProblem:
    """One rejected input value: camelCase field name, stable code, Chinese message."""

    field: str | None
    code: str
    message: str


class ValidationFailed(Exception):
    """Raised by a service with every problem found in one input."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems

"""GraphQL types shared by every business area."""

from enum import StrEnum

import strawberry

from graph.core.errors import FieldProblem


@strawberry.enum(description="错误代码 (error code); codes are added, never renamed")
class ErrorCode(StrEnum):
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    INVALID_FORMAT = "INVALID_FORMAT"
    OLD_ID_NUMBER = "OLD_ID_NUMBER"
    INVALID_BIRTH_DATE = "INVALID_BIRTH_DATE"
    INVALID_CHECK_CHARACTER = "INVALID_CHECK_CHARACTER"
    INVALID_GENDER = "INVALID_GENDER"
    INVALID_RETIREMENT_AGE = "INVALID_RETIREMENT_AGE"
    INVALID_MOBILE = "INVALID_MOBILE"
    INVALID_PHONE = "INVALID_PHONE"
    INVALID_EMAIL = "INVALID_EMAIL"
    INVALID_POSTCODE = "INVALID_POSTCODE"
    INVALID_WAGE = "INVALID_WAGE"
    DATE_IN_FUTURE = "DATE_IN_FUTURE"
    UNDER_MINIMUM_AGE = "UNDER_MINIMUM_AGE"
    OVER_RETIREMENT_AGE = "OVER_RETIREMENT_AGE"
    NOT_OVER_RETIREMENT_AGE = "NOT_OVER_RETIREMENT_AGE"
    NAME_MISMATCH = "NAME_MISMATCH"
    ALREADY_ACTIVE_IN_UNIT = "ALREADY_ACTIVE_IN_UNIT"
    ACTIVE_IN_OTHER_UNIT = "ACTIVE_IN_OTHER_UNIT"
    DECLARATION_PENDING = "DECLARATION_PENDING"
    DATE_BEFORE_SUSPENSION = "DATE_BEFORE_SUSPENSION"
    DATE_BEFORE_ENROLLMENT = "DATE_BEFORE_ENROLLMENT"
    NO_POLICY_PARAMETERS = "NO_POLICY_PARAMETERS"
    NOT_INSURED_IN_UNIT = "NOT_INSURED_IN_UNIT"
    REMARK_REQUIRED = "REMARK_REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    NOT_PENDING = "NOT_PENDING"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    CONFLICT = "CONFLICT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ACCOUNT_DISABLED = "ACCOUNT_DISABLED"
    NOT_A_MEMBER = "NOT_A_MEMBER"
    INVALID_PERIOD = "INVALID_PERIOD"
    ALREADY_GRANTED = "ALREADY_GRANTED"
    TICKET_EXPIRED = "TICKET_EXPIRED"
    TICKET_USED = "TICKET_USED"
    INVALID_PIN = "INVALID_PIN"
    INVALID_CHARACTER = "INVALID_CHARACTER"
    LIMIT_REACHED = "LIMIT_REACHED"
    ID_STORED_AS_NUMBER = "ID_STORED_AS_NUMBER"
    INVALID_TEXT = "INVALID_TEXT"
    INVALID_DATE = "INVALID_DATE"
    INVALID_NUMBER = "INVALID_NUMBER"
    INVALID_CHOICE = "INVALID_CHOICE"
    DUPLICATE_IN_FILE = "DUPLICATE_IN_FILE"
    DUPLICATE_COLUMN = "DUPLICATE_COLUMN"
    HEADER_NOT_FOUND = "HEADER_NOT_FOUND"
    NOT_A_SPREADSHEET = "NOT_A_SPREADSHEET"
    ENCRYPTED_FILE = "ENCRYPTED_FILE"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    EMPTY_FILE = "EMPTY_FILE"
    ALREADY_CONFIRMED = "ALREADY_CONFIRMED"
    NOT_CONFIRMABLE = "NOT_CONFIRMABLE"
    IMPORT_EXPIRED = "IMPORT_EXPIRED"
    NOTHING_TO_CONFIRM = "NOTHING_TO_CONFIRM"
    INVALID_MONTH = "INVALID_MONTH"
    NOTHING_TO_PAY = "NOTHING_TO_PAY"
    NOTHING_TO_SETTLE = "NOTHING_TO_SETTLE"
    TOO_LARGE_SHEET = "TOO_LARGE_SHEET"
    LOGIN_LOCKED = "LOGIN_LOCKED"
    INVALID_FILE_TYPE = "INVALID_FILE_TYPE"
    MATERIAL_REQUIRED = "MATERIAL_REQUIRED"
    MATERIAL_NOT_ALLOWED = "MATERIAL_NOT_ALLOWED"
    MONTH_ALREADY_PAID = "MONTH_ALREADY_PAID"
    MONTH_IN_SETTLEMENT = "MONTH_IN_SETTLEMENT"
    INVALID_YEAR = "INVALID_YEAR"
    ALREADY_DECLARED = "ALREADY_DECLARED"
    PERIOD_OVERLAP = "PERIOD_OVERLAP"
    NO_CHANGE = "NO_CHANGE"
    KEY_FIELD_LOCKED = "KEY_FIELD_LOCKED"
    INSURANCE_TYPE_NOT_ALLOWED = "INSURANCE_TYPE_NOT_ALLOWED"


@strawberry.type(description="输入错误 (rejected input value)")
class FieldError:
    field: str | None = strawberry.field(
        description="字段 (camelCase input field name; null when no single field)"
    )
    code: ErrorCode = strawberry.field(description="错误代码 (stable error code)")
    message: str = strawberry.field(
        description="错误信息 (Chinese message naming the field and the value)"
    )

    @classmethod
    def from_problem(cls, problem: FieldProblem) -> "FieldError":
        return cls(
            field=problem.field, code=ErrorCode(problem.code), message=problem.message
        )


def enum_labels(enum: type) -> str:
    """List an enum's members with their Chinese labels, for descriptions."""
    return ", ".join(f"{member.name} {member.label}" for member in enum)


def field_errors(problems: list[FieldProblem]) -> list[FieldError]:
    return [FieldError.from_problem(problem) for problem in problems]

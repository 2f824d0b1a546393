from enum import StrEnum


class AccountKind(StrEnum):
    UNIT_STAFF = "UNIT_STAFF"
    REVIEWER = "REVIEWER"


class MembershipRole(StrEnum):
    LEGAL_REPRESENTATIVE = "LEGAL_REPRESENTATIVE"
    OPERATOR = "OPERATOR"

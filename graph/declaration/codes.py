from enum import StrEnum


class DeclarationKind(StrEnum):
    """申报类型."""

    ENROLLMENT = "ENROLLMENT"
    REENROLLMENT = "REENROLLMENT"
    SUSPENSION = "SUSPENSION"

    @property
    def label(self) -> str:
        return {
            "ENROLLMENT": "职工参保登记",
            "REENROLLMENT": "职工续保登记",
            "SUSPENSION": "职工暂停参保",
        }[self.value]


class DeclarationStatus(StrEnum):
    """申报状态."""

    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"

    @property
    def label(self) -> str:
        return {
            "PENDING": "待审核",
            "APPROVED": "审核通过",
            "REJECTED": "审核不通过",
            "WITHDRAWN": "已撤回",
        }[self.value]

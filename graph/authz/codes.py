from enum import StrEnum


class BusinessType(StrEnum):
    """业务类型 that a precise authorization (精准授权) may name."""

    ENROLLMENT = "ENROLLMENT"
    SUSPENSION = "SUSPENSION"
    SETTLEMENT = "SETTLEMENT"
    BACK_PAYMENT = "BACK_PAYMENT"
    WAGE_DECLARATION = "WAGE_DECLARATION"
    PERSON_CHANGE = "PERSON_CHANGE"
    UNIT_CHANGE = "UNIT_CHANGE"
    INSURANCE_TYPE_ADD = "INSURANCE_TYPE_ADD"
    CERTIFICATE = "CERTIFICATE"

    @property
    def label(self) -> str:
        return {
            "ENROLLMENT": "职工参保登记",
            "SUSPENSION": "职工暂停参保",
            "SETTLEMENT": "单位缴费结算",
            "BACK_PAYMENT": "申请补缴城镇职工社会保险费",
            "WAGE_DECLARATION": "参保个人应缴基本养老保险费核定",
            "PERSON_CHANGE": "职工参保信息变更登记",
            "UNIT_CHANGE": "单位参保信息变更登记",
            "INSURANCE_TYPE_ADD": "参保险种新增登记",
            "CERTIFICATE": "参保单位查询打印社会保险信息（参保证明）",
        }[self.value]


class AuthorizationScope(StrEnum):
    FULL = "FULL"
    PRECISE = "PRECISE"

    @property
    def label(self) -> str:
        return {"FULL": "全业务授权", "PRECISE": "精准授权"}[self.value]


class GrantStatus(StrEnum):
    REQUESTED = "REQUESTED"
    ACTIVE = "ACTIVE"
    REJECTED = "REJECTED"
    REVOKED = "REVOKED"

    @property
    def label(self) -> str:
        return {
            "REQUESTED": "待审批",
            "ACTIVE": "已授权",
            "REJECTED": "已拒绝",
            "REVOKED": "已撤销",
        }[self.value]


class CredentialKind(StrEnum):
    BUSINESS_LICENCE = "BUSINESS_LICENCE"
    DIGITAL_CERTIFICATE = "DIGITAL_CERTIFICATE"

    @property
    def label(self) -> str:
        return {
            "BUSINESS_LICENCE": "电子营业执照",
            "DIGITAL_CERTIFICATE": "数字法人证书",
        }[self.value]


class TicketStatus(StrEnum):
    WAITING = "WAITING"
    SCANNED = "SCANNED"
    CONFIRMED = "CONFIRMED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"

    @property
    def label(self) -> str:
        return {
            "WAITING": "等待扫码",
            "SCANNED": "已扫码，等待确认",
            "CONFIRMED": "已确认登录",
            "CANCELLED": "已取消",
            "EXPIRED": "已过期",
        }[self.value]

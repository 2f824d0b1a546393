from enum import StrEnum


class SettlementStatus(StrEnum):
    UNPAID = "UNPAID"
    PAID = "PAID"

    @property
    def label(self) -> str:
        return {"UNPAID": "未缴费", "PAID": "已缴费"}[self.value]


class LineSource(StrEnum):
    """Source of a contribution line: a monthly settlement or a back payment."""

    SETTLEMENT = "SETTLEMENT"
    BACK_PAYMENT = "BACK_PAYMENT"

    @property
    def label(self) -> str:
        return {"SETTLEMENT": "正常结算", "BACK_PAYMENT": "补缴"}[self.value]

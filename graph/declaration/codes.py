from enum import StrEnum


class DeclarationKind(StrEnum):
    """申报类型."""

    ENROLLMENT = "ENROLLMENT"
    REENROLLMENT = "REENROLLMENT"
    SUSPENSION = "SUSPENSION"
    BACK_PAYMENT = "BACK_PAYMENT"
    ANNUAL_WAGE = "ANNUAL_WAGE"
    PERSON_CHANGE = "PERSON_CHANGE"
    UNIT_CHANGE = "UNIT_CHANGE"
    INSURANCE_TYPE_ADD = "INSURANCE_TYPE_ADD"

    @property
    def label(self) -> str:
        return {
            "ENROLLMENT": "职工参保登记",
            "REENROLLMENT": "职工续保登记",
            "SUSPENSION": "职工暂停参保",
            "BACK_PAYMENT": "申请补缴城镇职工社会保险费",
            "ANNUAL_WAGE": "参保个人应缴基本养老保险费核定（申报上年度工资）",
            "PERSON_CHANGE": "职工参保信息变更登记",
            "UNIT_CHANGE": "单位参保信息变更登记",
            "INSURANCE_TYPE_ADD": "参保险种新增登记",
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


class MaterialKind(StrEnum):
    """申报材料: the documents a declaration carries."""

    BACK_PAYMENT_FORM = "BACK_PAYMENT_FORM"
    COURT_JUDGMENT = "COURT_JUDGMENT"
    ADMINISTRATIVE_DECISION = "ADMINISTRATIVE_DECISION"
    LABOUR_CONTRACT = "LABOUR_CONTRACT"
    WAGE_PROOF = "WAGE_PROOF"
    WAGE_SUMMARY = "WAGE_SUMMARY"
    CHANGE_FORM = "CHANGE_FORM"
    UNIT_CHANGE_FORM = "UNIT_CHANGE_FORM"

    @property
    def label(self) -> str:
        return {
            "BACK_PAYMENT_FORM": "《参保人员补缴城镇职工社会保险费申请核定表》",
            "COURT_JUDGMENT": "法院判决书或调解书",
            "ADMINISTRATIVE_DECISION": "行政处理决定书",
            "LABOUR_CONTRACT": "劳动合同",
            "WAGE_PROOF": "工资凭证",
            "WAGE_SUMMARY": "《职工工资收入（缴费工资）汇总表》",
            "CHANGE_FORM": "《社会保险参保信息变更登记表》",
            "UNIT_CHANGE_FORM": "《社会保险单位信息变更登记表》",
        }[self.value]

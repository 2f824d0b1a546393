"""Coded values of insurance records, with their Chinese labels.

The labels are the wording of the provincial operation manual.
"""

from enum import StrEnum


class InsuranceType(StrEnum):
    """险种, by national code."""

    PENSION = "110"
    UNEMPLOYMENT = "210"
    WORK_INJURY = "410"

    @property
    def label(self) -> str:
        return {
            "110": "企业职工基本养老保险",
            "210": "失业保险",
            "410": "工伤保险",
        }[self.value]


class InsuranceStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"

    @property
    def label(self) -> str:
        return {"ACTIVE": "参保缴费", "SUSPENDED": "暂停缴费"}[self.value]


class InsuredIdentity(StrEnum):
    REGULAR = "REGULAR"
    PART_TIME = "PART_TIME"
    TECH_SCHOOL_INTERN = "TECH_SCHOOL_INTERN"
    OVER_AGE = "OVER_AGE"
    EPIDEMIC_TEMP = "EPIDEMIC_TEMP"
    JOINT_PREVENTION = "JOINT_PREVENTION"

    @property
    def label(self) -> str:
        return {
            "REGULAR": "在职职工",
            "PART_TIME": "非全日制用工",
            "TECH_SCHOOL_INTERN": "技校实习生",
            "OVER_AGE": "超龄人员",
            "EPIDEMIC_TEMP": "疫情期间临聘人员",
            "JOINT_PREVENTION": "联防联控人员",
        }[self.value]


class SuspensionReason(StrEnum):
    RESIGNATION = "RESIGNATION"
    DISMISSAL = "DISMISSAL"
    CONTRACT_ENDED = "CONTRACT_ENDED"
    RETIREMENT = "RETIREMENT"
    DEATH = "DEATH"
    TRANSFER_OUT = "TRANSFER_OUT"
    ENLISTMENT = "ENLISTMENT"
    EMIGRATION = "EMIGRATION"
    OTHER = "OTHER"

    @property
    def label(self) -> str:
        return {
            "RESIGNATION": "职工辞职",
            "DISMISSAL": "单位解除劳动关系",
            "CONTRACT_ENDED": "劳动合同终止",
            "RETIREMENT": "退休",
            "DEATH": "死亡",
            "TRANSFER_OUT": "转往外地",
            "ENLISTMENT": "应征入伍",
            "EMIGRATION": "出国（境）定居",
            "OTHER": "其他",
        }[self.value]


class EmploymentForm(StrEnum):
    CONTRACT = "CONTRACT"
    DISPATCHED = "DISPATCHED"
    PART_TIME = "PART_TIME"
    OTHER = "OTHER"

    @property
    def label(self) -> str:
        return {
            "CONTRACT": "劳动合同制",
            "DISPATCHED": "劳务派遣",
            "PART_TIME": "非全日制",
            "OTHER": "其他",
        }[self.value]

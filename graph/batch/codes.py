from enum import StrEnum


class ImportKind(StrEnum):
    """The batch functions that read a workbook."""

    ENROLL = "ENROLL"
    SUSPEND = "SUSPEND"

    @property
    def label(self) -> str:
        return {"ENROLL": "人员批量新参保", "SUSPEND": "人员批量暂停参保"}[self.value]


class ImportStatus(StrEnum):
    """State of an uploaded workbook between upload and declarations."""

    READING = "READING"
    PREVIEWED = "PREVIEWED"
    CONFIRMING = "CONFIRMING"
    CONFIRMED = "CONFIRMED"
    FAILED = "FAILED"

    @property
    def label(self) -> str:
        return {
            "READING": "正在校验",
            "PREVIEWED": "待确认",
            "CONFIRMING": "正在保存",
            "CONFIRMED": "已保存",
            "FAILED": "校验失败",
        }[self.value]

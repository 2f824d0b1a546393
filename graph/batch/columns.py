"""The columns of each batch template, and finding them in an uploaded sheet.

Clerks rename, reorder and annotate columns, so a column is found by its
header text after normalisation and by common aliases, wherever the header
row is.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from graph.batch.codes import ImportKind
from graph.core.text import normalize_text
from graph.insurance.codes import EmploymentForm, InsuredIdentity, SuspensionReason


class CellKind(StrEnum):
    ID_NUMBER = "ID_NUMBER"
    TEXT = "TEXT"
    DATE = "DATE"
    MONEY = "MONEY"
    WHOLE_NUMBER = "WHOLE_NUMBER"
    CHOICE = "CHOICE"


@dataclass(frozen=True)
class Column:
    """One template column; ``field`` is the GraphQL input field it fills."""

    field: str
    label: str
    kind: CellKind
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: type[StrEnum] | None = None
    hint: str = ""
    width: int = 16

    @property
    def header(self) -> str:
        return f"{self.label}*" if self.required else self.label

    @property
    def is_text_formatted(self) -> bool:
        """Tell whether the template formats the column as text (Excel "@")."""
        return self.kind in (CellKind.ID_NUMBER, CellKind.DATE) or self.field in (
            "mobile",
            "phone",
            "postcode",
        )


SSN = Column(
    "ssn",
    "社会保障号码",
    CellKind.ID_NUMBER,
    required=True,
    aliases=("身份证号", "身份证号码", "公民身份号码", "证件号码", "社保号码"),
    hint="18位公民身份号码，末位X大写或小写均可；该列须为文本格式",
    width=24,
)
NAME = Column("name", "姓名", CellKind.TEXT, required=True, aliases=("职工姓名",))

ENROLL_COLUMNS = (
    SSN,
    NAME,
    Column(
        "mobile",
        "手机号码",
        CellKind.TEXT,
        required=True,
        aliases=("手机号", "手机", "移动电话"),
        hint="11位手机号码",
        width=16,
    ),
    Column("phone", "联系电话", CellKind.TEXT, aliases=("固定电话",)),
    Column("email", "电子邮箱", CellKind.TEXT, aliases=("邮箱",), width=22),
    Column(
        "address",
        "联系地址",
        CellKind.TEXT,
        required=True,
        aliases=("地址", "联系住址", "通讯地址"),
        width=30,
    ),
    Column("postcode", "邮政编码", CellKind.TEXT, aliases=("邮编",), hint="6位数字"),
    Column(
        "enrollDate",
        "本次参保时间",
        CellKind.DATE,
        required=True,
        aliases=("参保时间", "参保日期"),
        hint="如2024-03-01，不晚于本月末",
    ),
    Column(
        "identity",
        "参保身份",
        CellKind.CHOICE,
        required=True,
        choices=InsuredIdentity,
        hint="从下拉列表选择",
        width=20,
    ),
    Column(
        "declaredWage",
        "申报工资",
        CellKind.MONEY,
        required=True,
        aliases=("月工资", "工资", "缴费工资"),
        hint="月工资，单位元，最多两位小数",
    ),
    Column("jobType", "职工工种", CellKind.TEXT, aliases=("工种",)),
    Column(
        "retirementAge",
        "离退休年龄",
        CellKind.WHOLE_NUMBER,
        aliases=("退休年龄",),
        hint="男60；女50或55（管理和技术岗位）；不填时男60、女50",
    ),
    Column(
        "employmentForm",
        "用工形式",
        CellKind.CHOICE,
        choices=EmploymentForm,
        hint="从下拉列表选择",
    ),
)

SUSPEND_COLUMNS = (
    SSN,
    NAME,
    Column(
        "reason",
        "中断原因",
        CellKind.CHOICE,
        required=True,
        aliases=("暂停原因", "停保原因"),
        choices=SuspensionReason,
        hint="从下拉列表选择",
        width=20,
    ),
    Column(
        "suspendDate",
        "停保时间",
        CellKind.DATE,
        required=True,
        aliases=("暂停参保时间", "停保日期", "中断时间"),
        hint="如2024-03-01，不早于本次参保时间",
    ),
    Column(
        "remark",
        "备注",
        CellKind.TEXT,
        hint="中断原因为“其他”时必填",
        width=30,
    ),
)

COLUMNS = {ImportKind.ENROLL: ENROLL_COLUMNS, ImportKind.SUSPEND: SUSPEND_COLUMNS}

# Units and notes that clerks add to headers: "申报工资（元）", "姓名(必填)".
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】")
_HEADER_NOISE = re.compile(r"[\s*※:]")


def normalize_header(value: object) -> str:
    """Reduce a header cell to the text that identifies its column."""
    if not isinstance(value, str):
        return ""
    text = normalize_text(value)
    text = _BRACKETED.sub("", text)
    return _HEADER_NOISE.sub("", text)


def header_lookup(columns: tuple[Column, ...]) -> dict[str, Column]:
    lookup = {}
    for column in columns:
        for name in (column.label, *column.aliases):
            lookup[normalize_header(name)] = column
    return lookup


def column_label(kind: ImportKind, field: str | None) -> str:
    """Return the Chinese header of ``field`` in ``kind``'s template."""
    for column in COLUMNS[kind]:
        if column.field == field:
            return column.label
    return ""

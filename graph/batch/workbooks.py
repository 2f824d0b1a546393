"""Workbooks the batch functions hand out: templates and error workbooks.

openpyxl writes them: it supports data validation and column formats for
templates, and its write-only mode streams a large error workbook row by
row.
"""

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from graph.batch.codes import ImportKind
from graph.batch.columns import COLUMNS, CellKind, Column
from graph.batch.rows import SAMPLE_MARK
from graph.person.resident_id import check_character

TEXT_FORMAT = "@"
# Validations and text formats cover this many data rows of the template.
TEMPLATE_ROWS = 5000
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SAMPLE_FONT = Font(italic=True, color="808080")
REASON_FONT = Font(color="C00000")
OPTIONS_SHEET = "选项"
INSTRUCTIONS_SHEET = "填写说明"


def _sample_ssn() -> str:
    first17 = "33030219900307001"
    return first17 + check_character(first17)


def sample_values(kind: ImportKind, today: date) -> dict[str, str]:
    """Return the sample row: plausible values, with the name marking it as a sample."""
    first_of_month = today.replace(day=1).isoformat()
    if kind is ImportKind.ENROLL:
        return {
            "ssn": _sample_ssn(),
            "name": f"{SAMPLE_MARK}（张三）",
            "mobile": "13800000000",
            "phone": "0577-88888888",
            "email": "zhangsan@example.com",
            "address": "浙江省温州市鹿城区示例路1号",
            "postcode": "325000",
            "enrollDate": first_of_month,
            "identity": "在职职工",
            "declaredWage": "6000.00",
            "jobType": "文员",
            "retirementAge": "60",
            "employmentForm": "劳动合同制",
        }
    return {
        "ssn": _sample_ssn(),
        "name": f"{SAMPLE_MARK}（张三）",
        "reason": "职工辞职",
        "suspendDate": first_of_month,
        "remark": "",
    }


def write_template(kind: ImportKind, path: Path, *, today: date) -> None:
    """Write the template of ``kind`` to ``path``."""
    columns = COLUMNS[kind]
    book = Workbook()
    sheet = book.active
    sheet.title = kind.label
    sheet.freeze_panes = "A2"
    sample = sample_values(kind, today)

    options = book.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    option_column = 0
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index, value=column.header)
        header.font = REQUIRED_FONT if column.required else HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=2, column=index, value=sample.get(column.field, ""))
        cell.font = SAMPLE_FONT
        if column.is_text_formatted:
            # Text format keeps leading zeros and all 18 digits of an ID.
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
            cell.number_format = TEXT_FORMAT
        if column.kind is CellKind.CHOICE:
            option_column += 1
            _add_dropdown(sheet, options, column, letter, option_column)

    _write_instructions(book.create_sheet(INSTRUCTIONS_SHEET), kind, columns)
    book.save(path)


def _add_dropdown(sheet, options, column: Column, letter: str, position: int) -> None:
    option_letter = get_column_letter(position)
    options.cell(row=1, column=position, value=column.label)
    labels = [choice.label for choice in column.choices]
    for row, label in enumerate(labels, start=2):
        options.cell(row=row, column=position, value=label)
    source = (
        f"{quote_sheetname(OPTIONS_SHEET)}!"
        f"${option_letter}$2:${option_letter}${len(labels) + 1}"
    )
    validation = DataValidation(
        type="list",
        formula1=source,
        allow_blank=not column.required,
        showErrorMessage=True,
        errorTitle=f"{column.label}填写有误",
        error=f"请从下拉列表中选择{column.label}",
        showInputMessage=True,
        promptTitle=column.label,
        prompt=column.hint or "从下拉列表选择",
    )
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _write_instructions(sheet, kind: ImportKind, columns: tuple[Column, ...]) -> None:
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 70
    lines = [
        f"{kind.label}模板填写说明",
        "1. 在第一个工作表填写，每行一人；表头不要修改，带*的列必填。",
        f"2. 第2行为示例行（姓名以“{SAMPLE_MARK}”开头），导入时自动忽略，"
        "可保留或删除。",
        "3. 社会保障号码、手机号码、日期等列已设为文本格式；"
        "从其他表格粘贴时请选择“只粘贴数值”，不要把身份证号码存为数字。",
        "4. 日期可写作2024-03-01、2024/3/1、2024.03.01、20240301或2024年3月1日。",
        "5. 上传后系统逐行校验，先显示有效和无效数据条数；"
        "确认保存后有效数据才生成申报，无效数据可下载错误清单修改后重新上传。",
        "",
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["列名", "是否必填", "填写要求"])
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column in columns:
        hint = column.hint
        if column.choices is not None:
            allowed = "、".join(choice.label for choice in column.choices)
            hint = f"{hint}：{allowed}" if hint else allowed
        sheet.append([column.label, "是" if column.required else "否", hint])


def write_error_workbook(
    path: Path, *, headers: list[str], rows: list[dict], sheet_title: str
) -> None:
    """Write the invalid rows as uploaded, each with its reasons.

    The uploaded columns keep their order and header text, so the clerk can
    fix the rows here and upload this workbook again. The extra columns
    原行号 and 错误原因 are not template columns, so import ignores them.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    width = max([len(headers), *(len(row["values"]) for row in rows)])
    padded = [*headers, *[""] * (width - len(headers))]

    header_cells = []
    for text in ["原行号", *padded, "错误原因"]:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header_cells.append(cell)
    sheet.append(header_cells)

    for row in rows:
        cells = [row["row"]]
        for value in [*row["values"], *[""] * (width - len(row["values"]))]:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.number_format = TEXT_FORMAT
            cells.append(cell)
        reasons = "；".join(message for _, _, message in row["errors"])
        reason = WriteOnlyCell(sheet, value=reasons)
        reason.font = REASON_FONT
        cells.append(reason)
        sheet.append(cells)
    book.save(path)

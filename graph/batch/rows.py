"""Turning one sheet row into an enrollment or suspension request.

Pure functions: cells in, a request and the problems found out. The checks
are those of the single mutations (``graph.insurance.checks``), so a row is
valid exactly when the same values typed into the form would be.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.batch.cells import (
    CellValue,
    display,
    is_blank,
    is_number,
    read_choice,
    read_date,
    read_id_number,
    read_money,
    read_text,
    read_whole_number,
)
from graph.batch.codes import ImportKind
from graph.batch.columns import COLUMNS, CellKind, Column
from graph.batch.reader import DataRow
from graph.core.errors import FieldProblem, InvalidValue
from graph.insurance.checks import (
    EnrollmentRequest,
    SuspensionRequest,
    check_enrollment,
    check_suspension,
)
from graph.insurance.codes import InsuredIdentity, SuspensionReason
from graph.person.resident_id import ResidentId

# The template's sample row carries this in its name cell and is skipped.
SAMPLE_MARK = "示例"
# Checks that depend on the enrollment date or the identity; when either
# cell is unreadable their result would be about a placeholder, not the row.
_DEPENDS_ON_DATE_OR_IDENTITY = {"enrollDate", "identity", "retirementAge"}


@dataclass
class RowResult:
    """One data row after checking; ``request`` is set when the row is valid."""

    number: int
    values: list
    ssn: str
    name: str
    problems: list[FieldProblem] = field(default_factory=list)
    request: EnrollmentRequest | SuspensionRequest | None = None
    resident_id: ResidentId | None = None

    @property
    def valid(self) -> bool:
        return not self.problems


def is_sample_row(row: DataRow) -> bool:
    name = row.cells.get("name")
    return isinstance(name, str) and name.strip().startswith(SAMPLE_MARK)


def read_cells(
    kind: ImportKind, cells: dict[str, CellValue], date1904: bool
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Read every cell of a row as its column's type."""
    values: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for column in COLUMNS[kind]:
        raw = cells.get(column.field, "")
        try:
            values[column.field] = _read_cell(column, raw, date1904)
        except InvalidValue as exc:
            values[column.field] = "" if column.kind is CellKind.TEXT else None
            problems.append(FieldProblem(column.field, exc.code, exc.message))
            continue
        typed = column.kind not in (CellKind.TEXT, CellKind.ID_NUMBER)
        if column.required and typed and values[column.field] is None:
            problems.append(
                FieldProblem(column.field, "REQUIRED", f"{column.label}不能为空")
            )
    return values, problems


def _read_cell(column: Column, raw: CellValue, date1904: bool) -> Any:
    label = column.label
    match column.kind:
        case CellKind.ID_NUMBER:
            return read_id_number(raw, label)
        case CellKind.TEXT:
            return read_text(raw, label)
        case CellKind.DATE:
            return read_date(raw, label, date1904)
        case CellKind.MONEY:
            return read_money(raw, label)
        case CellKind.WHOLE_NUMBER:
            return read_whole_number(raw, label, unit="岁")
        case CellKind.CHOICE:
            return read_choice(raw, label, column.choices)
    raise AssertionError(column.kind)


def check_row(kind: ImportKind, row: DataRow, today: date, date1904: bool) -> RowResult:
    """Check one row without the database."""
    values, problems = read_cells(kind, row.cells, date1904)
    failed = {p.field for p in problems}
    result = RowResult(
        number=row.number,
        values=[],
        ssn=values.get("ssn") or "",
        name=values.get("name") or "",
    )
    if kind is ImportKind.ENROLL:
        request = EnrollmentRequest(
            ssn=values["ssn"] or "",
            name=values["name"],
            mobile=values["mobile"],
            address=values["address"],
            enroll_date=values["enrollDate"] or today,
            identity=values["identity"] or InsuredIdentity.REGULAR,
            declared_wage=values["declaredWage"] or 1,
            phone=values["phone"],
            email=values["email"],
            postcode=values["postcode"],
            job_type=values["jobType"],
            retirement_age=values["retirementAge"],
            employment_form=values["employmentForm"],
        )
        clean, resident_id, checked = check_enrollment(request, today)
        if failed & {"enrollDate", "identity"}:
            failed |= _DEPENDS_ON_DATE_OR_IDENTITY
        result.resident_id = resident_id
    else:
        request = SuspensionRequest(
            ssn=values["ssn"] or "",
            reason=values["reason"] or SuspensionReason.OTHER,
            suspend_date=values["suspendDate"] or today,
            remark=values["remark"],
        )
        clean, checked = check_suspension(request, today)
        if "reason" in failed:
            failed.add("remark")
        if not values["name"]:
            problems.append(FieldProblem("name", "REQUIRED", "姓名不能为空"))

    problems += [p for p in checked if p.field not in failed]
    result.problems = _in_column_order(kind, problems)
    # A row valid here can still fail the database rules or the duplicate
    # check, so its cells stay at hand until the end of the preview.
    result.values = row.raw
    if not result.problems:
        result.request = clean
    result.ssn = clean.ssn
    return result


def kept_cells(cells: list[CellValue]) -> list[str | float | bool]:
    """Turn cells into JSON values for the error workbook."""
    return [_kept(cell) for cell in cells]


def _kept(cell: CellValue) -> str | float | bool:
    """Keep a cell for the error workbook: numbers stay numbers.

    An ID number that Excel stored as a number must come back as a number,
    so that uploading the error workbook unchanged flags it again.
    """
    if isinstance(cell, bool) or is_number(cell):
        return cell
    return display(cell)


def _in_column_order(kind: ImportKind, problems: list[FieldProblem]) -> list:
    order = {column.field: index for index, column in enumerate(COLUMNS[kind])}
    return sorted(problems, key=lambda p: order.get(p.field, len(order)))


def mark_duplicates(results: list[RowResult]) -> None:
    """Refuse every row whose ID number appears more than once in the file.

    Keeping the first would be a guess: the clerk decides which row is right.
    """
    rows_by_ssn: dict[str, list[RowResult]] = {}
    for result in results:
        if result.ssn:
            rows_by_ssn.setdefault(result.ssn, []).append(result)
    for ssn, rows in rows_by_ssn.items():
        if len(rows) < 2:
            continue
        numbers = "、".join(str(r.number) for r in rows)
        for result in rows:
            result.problems.append(
                FieldProblem(
                    "ssn",
                    "DUPLICATE_IN_FILE",
                    f"社会保障号码{ssn}在文件中重复出现（第{numbers}行），请只保留一行",
                )
            )
            result.request = None


def has_content(row: DataRow) -> bool:
    return any(not is_blank(cell) for cell in row.cells.values())

"""Preview and confirm of a batch import.

Preview reads the workbook, checks every row with the rules of the single
mutations and keeps the result. Nothing becomes a declaration until the
clerk confirms. Confirm checks the kept requests again against the
database as it is then and writes all declarations in one transaction.
"""

import asyncio
import logging
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.audit.models import AuditEntry
from graph.batch import progress
from graph.batch.codes import ImportKind, ImportStatus
from graph.batch.columns import COLUMNS
from graph.batch.models import ImportBatch
from graph.batch.reader import Workbook
from graph.batch.rows import (
    RowResult,
    check_row,
    has_content,
    is_sample_row,
    kept_cells,
    mark_duplicates,
)
from graph.contribution.models import ContributionLine
from graph.contribution.refunds import paid_pension_lines
from graph.core.clock import BUSINESS_TIMEZONE, now
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.declaration.codes import DeclarationStatus
from graph.declaration.models import Declaration
from graph.insurance.checks import (
    EnrollmentRequest,
    SuspensionRequest,
    check_enrollment,
    check_suspension,
)
from graph.insurance.codes import (
    EmploymentForm,
    InsuranceStatus,
    InsuredIdentity,
    SuspensionReason,
)
from graph.insurance.enrollment import (
    EnrollmentState,
    enrollment_declaration,
    plan_with_state,
)
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import insurance_types_for
from graph.insurance.suspension import (
    SuspensionState,
    plan_suspension_with_state,
    suspension_declaration,
)
from graph.person.models import Person
from graph.policy.models import PolicyParameter
from graph.policy.service import pick_parameters
from graph.unit.models import Unit

logger = logging.getLogger(__name__)

PREVIEW_LIFETIME = timedelta(minutes=30)
PROGRESS_EVERY = 1000
# Rows per IN (...) query and per multi-row INSERT; PostgreSQL and SQLite
# both take this many parameters with room to spare.
CHUNK = 500


async def preview_import(
    actor: Actor,
    unit: Unit,
    kind: ImportKind,
    path: Path,
    extension: str,
    file_name: str,
    batch_id: uuid.UUID,
    today: date,
) -> ImportBatch:
    """Check an uploaded workbook and keep the result for confirmation.

    Raises ValidationFailed (field ``file``) when the file as a whole cannot
    be read; row problems are kept on the batch instead.
    """
    batch = await ImportBatch.create(
        id=batch_id,
        unit_id=unit.id,
        kind=kind,
        status=ImportStatus.READING,
        file_name=file_name[:200],
        stored_path=str(path),
        file_size=path.stat().st_size,
        created_by_id=actor.account_id,
        expires_at=now() + PREVIEW_LIFETIME,
    )
    key = str(batch.id)
    progress.report(key, ImportStatus.READING, 0, 0)
    try:
        results = await _read_and_check(batch, kind, path, extension, today)
        await _check_against_database(unit, kind, results, None)
    except InvalidValue as exc:
        batch.status = ImportStatus.FAILED
        await batch.save(update_fields=["status"])
        logger.info(
            "import.rejected batch_id=%s unit_id=%s code=%s", key, unit.id, exc.code
        )
        raise ValidationFailed([FieldProblem("file", exc.code, exc.message)]) from exc
    finally:
        progress.finish(key)

    batch.rows = [_row_json(result) for result in results]
    batch.valid_count = sum(1 for r in results if r.valid)
    batch.invalid_count = len(results) - batch.valid_count
    batch.total_rows = batch.processed_rows = len(results)
    batch.status = ImportStatus.PREVIEWED
    await batch.save()
    await audit.record(
        "import.previewed",
        actor=actor,
        target_type="import",
        target_id=key,
        detail={
            "kind": kind.value,
            "valid": batch.valid_count,
            "invalid": batch.invalid_count,
        },
    )
    return batch


async def _read_and_check(
    batch: ImportBatch, kind: ImportKind, path: Path, extension: str, today: date
) -> list[RowResult]:
    with Workbook(path, extension) as workbook:
        layout = workbook.locate(COLUMNS[kind])
        rows = [
            row
            for row in workbook.rows(layout)
            if has_content(row) and not is_sample_row(row)
        ]
        batch.sheet_name = layout.sheet_name[:100]
        batch.header_row = layout.header_row
        batch.headers = layout.headers
        batch.total_rows = len(rows)
        await batch.save(update_fields=["sheet_name", "header_row", "headers"])

        results = []
        for index, row in enumerate(rows, start=1):
            results.append(check_row(kind, row, today, workbook.date1904))
            if index % PROGRESS_EVERY == 0:
                await _report(batch, ImportStatus.READING, index, len(rows))
    mark_duplicates(results)
    return results


async def _report(
    batch: ImportBatch, status: ImportStatus, processed: int, total: int
) -> None:
    progress.report(str(batch.id), status, processed, total)
    await ImportBatch.filter(id=batch.id).update(
        processed_rows=processed, total_rows=total
    )
    # Let subscriptions and other requests run between chunks of rows.
    await asyncio.sleep(0)


async def _check_against_database(
    unit: Unit,
    kind: ImportKind,
    results: list[RowResult],
    connection: BaseDBAsyncClient | None,
) -> list:
    """Apply the database rules to every row still valid; return the plans."""
    candidates = [r for r in results if r.request is not None and not r.problems]
    ssns = [r.request.ssn for r in candidates]
    if kind is ImportKind.ENROLL:
        states = await _enrollment_states(unit, candidates, connection)
    else:
        states = await _suspension_states(unit, ssns, connection)

    plans = []
    for result in candidates:
        try:
            if kind is ImportKind.ENROLL:
                plan = plan_with_state(
                    unit, result.request, result.resident_id, [], states[result.ssn]
                )
            else:
                plan = _plan_suspension_row(result, states[result.ssn])
        except ValidationFailed as failed:
            result.problems.extend(failed.problems)
            result.request = None
            continue
        plans.append(plan)
    return plans


def _plan_suspension_row(result: RowResult, state: SuspensionState):
    problems = []
    person = state.person
    if person is not None and result.name and person.name != result.name:
        problems.append(
            FieldProblem(
                "name",
                "NAME_MISMATCH",
                f"姓名“{result.name}”与社会保障号码{result.ssn}登记的姓名不一致",
            )
        )
    return plan_suspension_with_state(result.request, problems, state)


def _using(queryset, connection: BaseDBAsyncClient | None):
    return queryset.using_db(connection) if connection is not None else queryset


def _chunks(items: list, size: int | None = None):
    size = size or CHUNK
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _pending_ssns(
    unit: Unit, ssns: list[str], connection: BaseDBAsyncClient | None
) -> set[str]:
    # A unit has few pending declarations, so one query for all of them is
    # cheaper than asking about each of thousands of rows.
    pending = await _using(
        Declaration.filter(unit_id=unit.id, status=DeclarationStatus.PENDING),
        connection,
    ).values_list("ssn", flat=True)
    return set(pending) & set(ssns)


async def _persons(
    ssns: list[str], connection: BaseDBAsyncClient | None
) -> dict[str, Person]:
    persons: dict[str, Person] = {}
    for chunk in _chunks(ssns):
        for person in await _using(Person.filter(ssn__in=chunk), connection):
            persons[person.ssn] = person
    return persons


async def _enrollment_states(
    unit: Unit, candidates: list[RowResult], connection: BaseDBAsyncClient | None
) -> dict[str, EnrollmentState]:
    ssns = [r.request.ssn for r in candidates]
    persons = await _persons(ssns, connection)
    records: dict[int, list[InsuranceRecord]] = {}
    for chunk in _chunks([p.id for p in persons.values()]):
        for record in await _using(
            InsuranceRecord.filter(person_id__in=chunk), connection
        ):
            records.setdefault(record.person_id, []).append(record)
    pending = await _pending_ssns(unit, ssns, connection)
    parameters = await _using(
        PolicyParameter.filter(region_id=unit.region_id), connection
    )

    picked: dict[tuple, dict] = {}
    states = {}
    for result in candidates:
        request = result.request
        types = insurance_types_for(request.identity)
        key = (types, request.enroll_date)
        if key not in picked:
            picked[key] = pick_parameters(parameters, types, request.enroll_date)
        person = persons.get(request.ssn)
        states[request.ssn] = EnrollmentState(
            person=person,
            records=records.get(person.id, []) if person else [],
            has_pending=request.ssn in pending,
            parameters=picked[key],
        )
    return states


async def _suspension_states(
    unit: Unit, ssns: list[str], connection: BaseDBAsyncClient | None
) -> dict[str, SuspensionState]:
    persons = await _persons(ssns, connection)
    active: dict[int, list[InsuranceRecord]] = {}
    for chunk in _chunks([p.id for p in persons.values()]):
        for record in await _using(
            InsuranceRecord.filter(
                person_id__in=chunk, unit_id=unit.id, status=InsuranceStatus.ACTIVE
            ),
            connection,
        ):
            active.setdefault(record.person_id, []).append(record)
    paid = await _paid_pension_lines(unit, list(active), connection)
    pending = await _pending_ssns(unit, ssns, connection)
    states = {}
    for ssn in ssns:
        person = persons.get(ssn)
        states[ssn] = SuspensionState(
            person=person,
            records=active.get(person.id, []) if person else [],
            has_pending=ssn in pending,
            paid_pension_lines=paid.get(person.id, []) if person else [],
        )
    return states


async def _paid_pension_lines(
    unit: Unit, person_ids: list[int], connection: BaseDBAsyncClient | None
) -> dict[int, list[ContributionLine]]:
    """Group the paid, not refunded pension lines in the unit by person."""
    lines: dict[int, list[ContributionLine]] = {}
    for chunk in _chunks(person_ids):
        for line in await _using(paid_pension_lines(unit.id, chunk), connection):
            lines.setdefault(line.person_id, []).append(line)
    return lines


def _row_json(result: RowResult) -> dict[str, Any]:
    return {
        "row": result.number,
        "ssn": result.ssn,
        "name": result.name,
        # Only invalid rows go to the error workbook.
        "values": [] if result.valid else kept_cells(result.values),
        "errors": [[p.field, p.code, p.message] for p in result.problems],
        "request": _request_json(result.request) if result.valid else None,
    }


def _request_json(request: EnrollmentRequest | SuspensionRequest) -> dict:
    # vars() rather than asdict(): the fields are flat, and asdict deep-copies.
    values = vars(request)
    return {
        key: (
            value.isoformat()
            if isinstance(value, date)
            else str(value)
            if isinstance(value, Decimal)
            else value
        )
        for key, value in values.items()
    }


def _enrollment_request(data: dict) -> EnrollmentRequest:
    return EnrollmentRequest(
        **{
            **data,
            "enroll_date": date.fromisoformat(data["enroll_date"]),
            "identity": InsuredIdentity(data["identity"]),
            "declared_wage": Decimal(data["declared_wage"]),
            "employment_form": (
                EmploymentForm(data["employment_form"])
                if data["employment_form"]
                else None
            ),
        }
    )


def _suspension_request(data: dict) -> SuspensionRequest:
    return SuspensionRequest(
        **{
            **data,
            "reason": SuspensionReason(data["reason"]),
            "suspend_date": date.fromisoformat(data["suspend_date"]),
        }
    )


def _recheck(kind: ImportKind, row: dict, today: date) -> RowResult:
    """Rebuild a kept row's request and run the pure checks on it again."""
    result = RowResult(
        number=row["row"], values=row["values"], ssn=row["ssn"], name=row["name"]
    )
    if kind is ImportKind.ENROLL:
        clean, resident_id, problems = check_enrollment(
            _enrollment_request(row["request"]), today
        )
        result.resident_id = resident_id
    else:
        clean, problems = check_suspension(_suspension_request(row["request"]), today)
    result.problems = problems
    result.request = clean
    return result


class ImportRejected(Exception):
    """Raised when a batch cannot be confirmed, with the reason in ``problem``."""

    def __init__(self, problem: FieldProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


async def confirm_import(
    actor: Actor, unit: Unit, batch_id: uuid.UUID, today: date
) -> ImportBatch:
    """Turn every valid row of a preview into a declaration, or none at all.

    Raises ImportRejected for a batch that is missing, expired or already
    confirmed, and ValidationFailed naming each row that the database no
    longer accepts (another clerk may have enrolled someone since).
    """
    key = str(batch_id)
    try:
        async with in_transaction() as connection:
            batch = await _lock_batch(unit, batch_id, connection)
            results = [
                _recheck(batch.kind, row, today)
                for row in batch.rows
                if row["request"] is not None
            ]
            progress.report(key, ImportStatus.CONFIRMING, 0, len(results))
            plans = await _check_against_database(unit, batch.kind, results, connection)
            rejected = [r for r in results if r.problems]
            if rejected:
                raise ValidationFailed(_row_problems(rejected))

            await _write_declarations(actor, unit, batch, plans, connection)
            batch.status = ImportStatus.CONFIRMED
            batch.confirmed_at = now()
            batch.declaration_count = len(plans)
            await batch.save(using_db=connection)
            await audit.record(
                "import.confirmed",
                actor=actor,
                target_type="import",
                target_id=key,
                detail={"kind": batch.kind.value, "declarations": len(plans)},
                using=connection,
            )
    finally:
        progress.finish(key)
    return batch


async def _lock_batch(
    unit: Unit, batch_id: uuid.UUID, connection: BaseDBAsyncClient
) -> ImportBatch:
    # Locking the unit first orders this confirm with single submissions,
    # which lock the same row before checking for pending declarations.
    await Unit.filter(id=unit.id).using_db(connection).select_for_update().first()
    batch = (
        await ImportBatch.filter(id=batch_id, unit_id=unit.id)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    if batch is None:
        raise ImportRejected(
            FieldProblem("id", "NOT_FOUND", f"导入批次{batch_id}不存在或不属于本单位")
        )
    if batch.status is ImportStatus.CONFIRMED:
        raise ImportRejected(
            FieldProblem(
                "id",
                "ALREADY_CONFIRMED",
                f"导入批次{batch_id}已于{batch.confirmed_at:%Y-%m-%d %H:%M}确认保存，"
                "不能重复保存",
            )
        )
    if batch.status is not ImportStatus.PREVIEWED:
        raise ImportRejected(
            FieldProblem(
                "id",
                "NOT_CONFIRMABLE",
                f"导入批次{batch_id}的状态为{batch.status.label}，不能确认保存",
            )
        )
    if batch.expires_at <= now():
        raise ImportRejected(
            FieldProblem(
                "id",
                "IMPORT_EXPIRED",
                f"导入批次{batch_id}的校验结果已于{_local(batch.expires_at)}过期，"
                "请重新上传文件",
            )
        )
    if batch.valid_count == 0:
        raise ImportRejected(
            FieldProblem("id", "NOTHING_TO_CONFIRM", "导入文件中没有有效数据，无需保存")
        )
    return batch


def _local(moment: datetime) -> str:
    return moment.astimezone(BUSINESS_TIMEZONE).strftime("%Y-%m-%d %H:%M")


def _row_problems(rejected: list[RowResult]) -> list[FieldProblem]:
    return [
        FieldProblem(
            f"rows.{result.number}",
            problem.code,
            f"第{result.number}行：{problem.message}",
        )
        for result in rejected
        for problem in result.problems
    ]


async def _write_declarations(
    actor: Actor,
    unit: Unit,
    batch: ImportBatch,
    plans: list,
    connection: BaseDBAsyncClient,
) -> None:
    key = str(batch.id)
    persons = await _persons([plan.request.ssn for plan in plans], connection)
    declarations = []
    for plan in plans:
        if batch.kind is ImportKind.ENROLL:
            person = persons.get(plan.request.ssn)
            declaration = enrollment_declaration(
                actor, unit, plan, person.id if person else None
            )
        else:
            declaration = suspension_declaration(actor, unit, plan)
        declaration.batch_id = batch.id
        declarations.append(declaration)

    written = 0
    for chunk in _chunks(declarations):
        await Declaration.bulk_create(chunk, using_db=connection)
        written += len(chunk)
        progress.report(key, ImportStatus.CONFIRMING, written, len(declarations))
        await asyncio.sleep(0)

    ids = await (
        Declaration.filter(batch_id=batch.id)
        .using_db(connection)
        .values_list("id", "kind")
    )
    entries = [
        AuditEntry(
            action="declaration.submitted",
            account_id=actor.account_id,
            username=actor.username,
            unit_id=unit.id,
            authorization=actor.authorization,
            target_type="declaration",
            target_id=str(declaration_id),
            detail={"kind": kind, "import": key},
        )
        for declaration_id, kind in ids
    ]
    for chunk in _chunks(entries):
        await AuditEntry.bulk_create(chunk, using_db=connection)
    logger.info(
        "import.declarations_written batch_id=%s unit_id=%s count=%s",
        key,
        unit.id,
        len(declarations),
    )

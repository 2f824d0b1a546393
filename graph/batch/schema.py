"""GraphQL for batch imports: template, preview, confirm and progress."""

import asyncio
import uuid
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.file_uploads import Upload

from graph.authz.codes import BusinessType
from graph.batch import progress
from graph.batch.codes import ImportKind, ImportStatus
from graph.batch.models import ImportBatch
from graph.batch.service import ImportRejected, confirm_import, preview_import
from graph.batch.uploads import store_upload
from graph.core.api_errors import BadUserInput
from graph.core.clock import today
from graph.core.context import Info
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.masking import mask_resident_id
from graph.core.permissions import (
    ActsForUnit,
    require_business,
    require_full_values,
    require_unit_actor,
)
from graph.core.types import FieldError, enum_labels, field_errors
from graph.declaration.models import Declaration
from graph.declaration.repository import RELATED
from graph.declaration.types import DeclarationType
from graph.files.links import download_url
from graph.unit.models import Unit

BUSINESS_TYPES = {
    ImportKind.ENROLL: BusinessType.ENROLLMENT,
    ImportKind.SUSPEND: BusinessType.SUSPENSION,
}
TEMPLATE_PATH = "/files/templates"
PROGRESS_POLL_SECONDS = 0.3
# A client that subscribes with the id it is about to upload under waits
# this long for the upload to arrive.
PROGRESS_WAIT_SECONDS = 120

ImportKindType = strawberry.enum(
    ImportKind,
    name="ImportKind",
    description=f"批量导入类型 (batch kind): {enum_labels(ImportKind)}",
)
ImportStatusType = strawberry.enum(
    ImportStatus,
    name="ImportStatus",
    description=f"导入状态 (import status): {enum_labels(ImportStatus)}",
)
KindArgument = Annotated[
    ImportKindType, strawberry.argument(description="批量导入类型 (ENROLL or SUSPEND)")
]
IdArgument = Annotated[
    strawberry.ID, strawberry.argument(description="导入批次ID (import batch id)")
]


def template_url(kind: ImportKind) -> str:
    return f"{TEMPLATE_PATH}/{kind.value}"


def template_file_name(kind: ImportKind) -> str:
    return f"{kind.label}模板.xlsx"


@strawberry.type(description="批量导入模板 (batch template download)")
class BatchTemplate:
    url: str = strawberry.field(description="下载地址 (URL on this server)")
    file_name: str = strawberry.field(description="文件名 (file name)")


@strawberry.type(description="导入数据行 (one checked data row)")
class ImportRow:
    row: int = strawberry.field(description="行号 (row number in the sheet)")
    valid: bool = strawberry.field(description="是否有效 (whether the row is valid)")
    ssn: str = strawberry.field(
        description="社会保障号码 (as read; masked unless fullValues is true)"
    )
    name: str = strawberry.field(description="姓名 (name as read)")
    errors: list[FieldError] = strawberry.field(
        description="错误原因 (each invalid cell with its reason)"
    )


@strawberry.type(description="导入进度 (progress of a running import)")
class ImportProgress:
    id: strawberry.ID = strawberry.field(description="导入批次ID (batch id)")
    status: ImportStatusType = strawberry.field(description="导入状态 (status)")
    processed: int = strawberry.field(description="已处理行数 (rows done)")
    total: int = strawberry.field(description="总行数 (rows in all; 0 while unknown)")


@strawberry.type(description="导入校验结果 (preview of an uploaded workbook)")
class ImportPreview:
    batch: strawberry.Private[ImportBatch | None]
    errors: list[FieldError] = strawberry.field(
        description="文件错误 (problems with the file as a whole)"
    )

    @strawberry.field(description="导入批次ID (batch id; null when the file failed)")
    def id(self) -> strawberry.ID | None:
        return strawberry.ID(str(self.batch.id)) if self.batch else None

    @strawberry.field(description="批量导入类型 (kind)")
    def kind(self) -> ImportKindType | None:
        return self.batch.kind if self.batch else None

    @strawberry.field(description="导入状态 (status)")
    def status(self) -> ImportStatusType | None:
        return self.batch.status if self.batch else None

    @strawberry.field(description="文件名 (uploaded file name)")
    def file_name(self) -> str | None:
        return self.batch.file_name if self.batch else None

    @strawberry.field(description="有效数据条数 (valid rows)")
    def valid_count(self) -> int:
        return self.batch.valid_count if self.batch else 0

    @strawberry.field(description="无效数据条数 (invalid rows)")
    def invalid_count(self) -> int:
        return self.batch.invalid_count if self.batch else 0

    @strawberry.field(description="校验结论 (summary as shown to the clerk)")
    def summary(self) -> str:
        if self.batch is None:
            return "文件无法导入"
        return (
            f"导入有效数据 {self.batch.valid_count} 条，"
            f"无效数据 {self.batch.invalid_count} 条"
        )

    @strawberry.field(description="有效期至 (the preview must be confirmed before)")
    def expires_at(self) -> datetime | None:
        return self.batch.expires_at if self.batch else None

    @strawberry.field(description="数据行 (checked rows, in sheet order)")
    def rows(
        self,
        info: Info,
        only_invalid: Annotated[
            bool, strawberry.argument(description="只看无效数据 (invalid rows only)")
        ] = False,
        offset: Annotated[
            int, strawberry.argument(description="跳过行数 (rows to skip)")
        ] = 0,
        limit: Annotated[
            int | None,
            strawberry.argument(description="最多行数 (at most this many rows)"),
        ] = None,
        full_values: Annotated[
            bool, strawberry.argument(description="显示完整证件号码 (unmasked ID)")
        ] = False,
    ) -> list[ImportRow]:
        if self.batch is None:
            return []
        full = require_full_values(info.context.actor, full_values)
        rows = self.batch.rows
        if only_invalid:
            rows = [row for row in rows if row["errors"]]
        if offset < 0 or (limit is not None and limit < 0):
            raise BadUserInput("offset和limit不能为负数")
        rows = rows[offset : None if limit is None else offset + limit]
        return [
            ImportRow(
                row=row["row"],
                valid=not row["errors"],
                ssn=row["ssn"] if full else mask_resident_id(row["ssn"]),
                name=row["name"],
                errors=field_errors(
                    [FieldProblem(f, c, m) for f, c, m in row["errors"]]
                ),
            )
            for row in rows
        ]

    @strawberry.field(
        description="错误清单下载地址 (workbook of the invalid rows with a reason "
        "column; null when every row is valid)"
    )
    def error_workbook_url(self, info: Info) -> str | None:
        if self.batch is None or self.batch.invalid_count == 0:
            return None
        return download_url(
            info.context.actor,
            "import-errors",
            {"batch": str(self.batch.id)},
            f"{self.batch.kind.label}错误清单.xlsx",
        )


@strawberry.type(description="确认导入结果 (result of confirming a preview)")
class ImportConfirmPayload:
    batch_id: strawberry.Private[uuid.UUID | None]
    count: int = strawberry.field(description="生成申报数 (declarations created)")
    errors: list[FieldError] = strawberry.field(
        description="错误 (why nothing was saved; field rows.N names a sheet row)"
    )

    @strawberry.field(description="生成的申报 (the pending declarations created)")
    async def declarations(
        self,
        offset: Annotated[int, strawberry.argument(description="跳过条数 (skip)")] = 0,
        limit: Annotated[
            int, strawberry.argument(description="最多条数 (at most, up to 500)")
        ] = 100,
    ) -> list[DeclarationType]:
        if self.batch_id is None:
            return []
        if offset < 0 or not 0 < limit <= 500:
            raise BadUserInput("offset不能为负数，limit应为1至500")
        rows = (
            await Declaration.filter(batch_id=self.batch_id)
            .order_by("id")
            .offset(offset)
            .limit(limit)
            .select_related(*RELATED)
        )
        return [DeclarationType(model=row, masked=True) for row in rows]


def _batch_id(value: str, field: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise BadUserInput(f"{field}“{str(value)[:40]}”不是有效的导入批次ID") from None


async def _own_batch(info: Info, batch_id: strawberry.ID) -> ImportBatch | None:
    actor = require_unit_actor(info)
    return await ImportBatch.get_or_none(id=_batch_id(batch_id), unit_id=actor.unit_id)


@strawberry.type
class BatchQuery:
    @strawberry.field(
        description="批量导入模板 (download address of the template of a batch kind)",
        permission_classes=[ActsForUnit],
    )
    def batch_template(self, kind: KindArgument) -> BatchTemplate:
        return BatchTemplate(url=template_url(kind), file_name=template_file_name(kind))

    @strawberry.field(
        description="导入批次 (a preview again, by id; null when not found)",
        permission_classes=[ActsForUnit],
    )
    async def import_batch(self, info: Info, id: IdArgument) -> ImportPreview | None:
        batch = await _own_batch(info, id)
        return ImportPreview(batch=batch, errors=[]) if batch else None

    @strawberry.field(
        description="导入进度 (poll the progress of an import; null when unknown)",
        permission_classes=[ActsForUnit],
    )
    async def import_progress(
        self, info: Info, id: IdArgument
    ) -> ImportProgress | None:
        actor = require_unit_actor(info)
        return await _progress(_batch_id(id), actor.unit_id)


async def _progress(batch_id: uuid.UUID, unit_id: int) -> ImportProgress | None:
    row = (
        await ImportBatch.filter(id=batch_id, unit_id=unit_id)
        .only("id", "status", "processed_rows", "total_rows")
        .first()
    )
    if row is None:
        return None
    running = progress.current(str(batch_id))
    if running is not None:
        return ImportProgress(
            id=strawberry.ID(str(batch_id)),
            status=running.status,
            processed=running.processed,
            total=running.total,
        )
    return ImportProgress(
        id=strawberry.ID(str(batch_id)),
        status=row.status,
        processed=row.processed_rows,
        total=row.total_rows,
    )


@strawberry.type
class BatchMutation:
    @strawberry.mutation(
        description="上传并校验批量导入文件 (upload an .xlsx or .xls workbook; checks "
        "every row and saves nothing until confirmImport)",
        permission_classes=[ActsForUnit],
    )
    async def preview_import(
        self,
        info: Info,
        kind: KindArgument,
        file: Annotated[
            Upload, strawberry.argument(description="导入文件 (.xlsx or .xls)")
        ],
        upload_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="导入批次ID (optional UUID chosen by the client, so it "
                "can follow importProgress while uploading)"
            ),
        ] = None,
    ) -> ImportPreview:
        actor = info.context.actor
        require_business(actor, BUSINESS_TYPES[kind])
        batch_id = _batch_id(upload_id, "uploadId") if upload_id else uuid.uuid4()
        if await ImportBatch.exists(id=batch_id):
            raise BadUserInput(f"uploadId“{batch_id}”已被使用，请换一个")
        try:
            stored = await store_upload(file)
            unit = await Unit.get(id=actor.unit_id)
            batch = await preview_import(
                actor,
                unit,
                kind,
                stored.path,
                stored.extension,
                stored.original_name,
                batch_id,
                today(),
            )
        except ValidationFailed as failed:
            return ImportPreview(batch=None, errors=field_errors(failed.problems))
        return ImportPreview(batch=batch, errors=[])

    @strawberry.mutation(
        description="确认导入 (turn every valid row of a preview into a pending "
        "declaration, all in one transaction or none)",
        permission_classes=[ActsForUnit],
    )
    async def confirm_import(self, info: Info, id: IdArgument) -> ImportConfirmPayload:
        actor = info.context.actor
        batch_id = _batch_id(id)
        kind = await ImportBatch.filter(id=batch_id, unit_id=actor.unit_id).values_list(
            "kind", flat=True
        )
        if kind:
            require_business(actor, BUSINESS_TYPES[ImportKind(kind[0])])
        unit = await Unit.get(id=actor.unit_id)
        try:
            batch = await confirm_import(actor, unit, batch_id, today())
        except ImportRejected as rejected:
            return ImportConfirmPayload(
                batch_id=None, count=0, errors=field_errors([rejected.problem])
            )
        except ValidationFailed as failed:
            return ImportConfirmPayload(
                batch_id=None, count=0, errors=field_errors(failed.problems)
            )
        return ImportConfirmPayload(
            batch_id=batch.id, count=batch.declaration_count, errors=[]
        )


@strawberry.type
class BatchSubscription:
    @strawberry.subscription(
        description="导入进度推送 (sends progress while an import is read, checked "
        "or saved; ends when it rests)"
    )
    async def import_progress(
        self, info: Info, id: IdArgument
    ) -> AsyncGenerator[ImportProgress, None]:
        actor = require_unit_actor(info)
        batch_id = _batch_id(id)
        waited = 0.0
        last = None
        while True:
            state = await _progress(batch_id, actor.unit_id)
            if state is None:
                if waited >= PROGRESS_WAIT_SECONDS:
                    return
            else:
                key = (state.status, state.processed, state.total)
                if key != last:
                    yield state
                    last = key
                if state.status not in (
                    ImportStatus.READING,
                    ImportStatus.CONFIRMING,
                ):
                    return
            await asyncio.sleep(PROGRESS_POLL_SECONDS)
            waited += PROGRESS_POLL_SECONDS

"""Materials (申报材料): documents uploaded with a declaration or before it.

Files are kept under ``uploads/materials/YYYYMM`` under generated names and
accepted only as PDF, JPEG, PNG or an Excel workbook, judged by their first
bytes. Which of these formats a material accepts, and which materials a
declaration kind needs, comes from ``requirements``.
"""

import asyncio
import logging
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import aiofiles.os
from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.core.clock import today
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.declaration.codes import DeclarationKind, MaterialKind
from graph.declaration.models import Declaration, DeclarationMaterial
from graph.declaration.requirements import requirement
from graph.files import uploads
from graph.files.uploads import StoredUpload
from graph.settings import get_settings

logger = logging.getLogger(__name__)

MAX_MATERIALS = 20

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
}
_SIGNATURES = (
    (b"%PDF-", ".pdf"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"PK\x03\x04", ".xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls"),
)
_NOT_ACCEPTED = (
    "文件类型不支持，申报材料只接受PDF、JPG、PNG图片或Excel表格（.xlsx、.xls）"
)


@dataclass(frozen=True)
class MaterialUpload:
    """One material of a submission: its kind and the uploaded file."""

    kind: MaterialKind
    file: object


@dataclass(frozen=True)
class StoredMaterial:
    kind: MaterialKind
    upload: StoredUpload

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.upload.extension]


def detect_document(head: bytes) -> str:
    """Return the extension of a PDF, JPEG, PNG or workbook, or raise INVALID_FILE_TYPE.

    A ZIP file is only a candidate .xlsx here. ``_is_xlsx`` looks inside once
    the whole file is stored, because a Word document is a ZIP file too.
    """
    for signature, extension in _SIGNATURES:
        if head.startswith(signature):
            return extension
    raise InvalidValue("INVALID_FILE_TYPE", _NOT_ACCEPTED)


def _is_xlsx(path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check_material_kinds(
    kinds: Sequence[MaterialKind],
    allowed: Iterable[MaterialKind],
    required: Iterable[MaterialKind],
) -> list[FieldProblem]:
    """Check which kinds a submission carries against what its business needs."""
    problems = []
    allowed = set(allowed)
    if len(kinds) > MAX_MATERIALS:
        problems.append(
            FieldProblem(
                "materials",
                "LIMIT_REACHED",
                f"申报材料最多{MAX_MATERIALS}个文件，实际为{len(kinds)}个",
            )
        )
    for index, kind in enumerate(kinds):
        if kind not in allowed:
            problems.append(
                FieldProblem(
                    f"materials.{index}.kind",
                    "MATERIAL_NOT_ALLOWED",
                    f"申报材料{kind.label}不属于本业务，请删除该文件",
                )
            )
    for kind in required:
        if kind not in kinds:
            problems.append(
                FieldProblem(
                    "materials", "MATERIAL_REQUIRED", f"请上传申报材料{kind.label}"
                )
            )
    return problems


async def store_materials(
    declaration_kind: DeclarationKind,
    materials: Sequence[MaterialUpload],
    field_prefix: str = "materials",
) -> tuple[list[StoredMaterial], list[FieldProblem]]:
    """Store every file and return the kept ones with the problems of the rest.

    The caller removes the kept files with ``discard`` when the submission
    fails for any reason.
    """
    stored: list[StoredMaterial] = []
    problems: list[FieldProblem] = []
    for index, material in enumerate(materials[:MAX_MATERIALS]):
        field = f"{field_prefix}.{index}.file"
        try:
            upload = await _store_one(declaration_kind, material, field)
        except ValidationFailed as failed:
            problems += failed.problems
            continue
        stored.append(StoredMaterial(kind=material.kind, upload=upload))
    return stored, problems


async def _store_one(
    declaration_kind: DeclarationKind, material: MaterialUpload, field: str
) -> StoredUpload:
    settings = get_settings()
    folder = settings.upload_dir / "materials" / today().strftime("%Y%m")
    upload = await uploads.store_upload(
        material.file, folder, settings.upload_max_bytes, detect_document, field
    )
    if upload.extension == ".xlsx" and not await asyncio.to_thread(
        _is_xlsx, upload.path
    ):
        await aiofiles.os.remove(upload.path)
        raise ValidationFailed(
            [
                FieldProblem(
                    field,
                    "INVALID_FILE_TYPE",
                    f"“{upload.original_name}”：{_NOT_ACCEPTED}",
                )
            ]
        )
    accepted = requirement(declaration_kind, material.kind)
    if accepted is not None and upload.extension not in accepted.extensions:
        await aiofiles.os.remove(upload.path)
        raise ValidationFailed(
            [
                FieldProblem(
                    field,
                    "INVALID_FILE_TYPE",
                    f"“{upload.original_name}”：申报材料{material.kind.label}"
                    f"只接受{accepted.formats_text}",
                )
            ]
        )
    return upload


async def upload_material(
    actor: Actor,
    declaration_kind: DeclarationKind,
    material: MaterialUpload,
) -> DeclarationMaterial:
    """Store one material ahead of its submission, which names it by id.

    Raises ValidationFailed when the declaration kind does not accept the
    material kind or the file is refused.
    """
    if requirement(declaration_kind, material.kind) is None:
        raise ValidationFailed(
            [
                FieldProblem(
                    "materialKind",
                    "MATERIAL_NOT_ALLOWED",
                    f"申报材料{material.kind.label}不属于"
                    f"{declaration_kind.label}，请选择本业务的材料",
                )
            ]
        )
    upload = await _store_one(declaration_kind, material, "file")
    stored = StoredMaterial(kind=material.kind, upload=upload)
    try:
        row = await DeclarationMaterial.create(
            unit_id=actor.unit_id,
            declaration_kind=declaration_kind,
            uploaded_by_id=actor.account_id,
            **_row_values(stored),
        )
    except BaseException:
        await discard([stored])
        raise
    logger.info(
        "material.uploaded material_id=%s unit_id=%s kind=%s",
        row.id,
        actor.unit_id,
        material.kind.value,
    )
    return row


async def unclaimed_materials(
    unit_id: int, declaration_kind: DeclarationKind, ids: Sequence[int]
) -> tuple[list[DeclarationMaterial], list[FieldProblem]]:
    """Load the materials ``ids`` names that the unit uploaded for this kind.

    Each id that is another unit's, of another kind or already part of a
    declaration gets a NOT_FOUND problem, so ids cannot be probed.
    """
    rows = await DeclarationMaterial.filter(
        id__in=list(ids),
        unit_id=unit_id,
        declaration_kind=declaration_kind,
        declaration_id=None,
    )
    by_id = {row.id: row for row in rows}
    problems = []
    found = []
    for index, material_id in enumerate(ids):
        row = by_id.get(material_id)
        if row is None:
            problems.append(
                FieldProblem(
                    f"materialIds.{index}",
                    "NOT_FOUND",
                    f"申报材料{material_id}不存在、不属于{declaration_kind.label}"
                    "或已用于其他申报，请重新上传",
                )
            )
        else:
            found.append(row)
    return found, problems


async def discard(stored: Iterable[StoredMaterial]) -> None:
    """Remove stored files of a submission that was not saved."""
    for material in stored:
        try:
            await aiofiles.os.remove(material.upload.path)
        except FileNotFoundError:
            logger.warning(
                "material.discard_missing path=%s", material.upload.path.name
            )


def _row_values(material: StoredMaterial) -> dict:
    root = get_settings().upload_dir
    return {
        "kind": material.kind,
        "file_name": material.upload.original_name or material.upload.path.name,
        "stored_path": str(material.upload.path.relative_to(root)),
        "content_type": material.content_type,
        "size": material.upload.size,
    }


async def save_materials(
    declaration: Declaration,
    stored: Iterable[StoredMaterial],
    connection: BaseDBAsyncClient,
) -> None:
    """Insert a DeclarationMaterial row per stored file."""
    for material in stored:
        await DeclarationMaterial.create(
            declaration_id=declaration.id,
            unit_id=declaration.unit_id,
            declaration_kind=declaration.kind,
            uploaded_by_id=declaration.submitted_by_id,
            using_db=connection,
            **_row_values(material),
        )

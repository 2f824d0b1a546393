"""Storing an uploaded workbook under ``uploads/``.

The file is written under a generated name with aiofiles, chunk by chunk,
and rejected as soon as it passes the size limit. Its type is taken from its
first bytes, never from the name the browser sent.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os

from graph.batch.reader import sniff_extension
from graph.core.clock import today
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.settings import get_settings

CHUNK_BYTES = 256 * 1024


@dataclass(frozen=True)
class StoredUpload:
    path: Path
    extension: str
    size: int
    original_name: str


async def store_upload(upload, field: str = "file") -> StoredUpload:
    """Write ``upload`` (a Starlette UploadFile) to ``uploads/imports``."""
    settings = get_settings()
    limit = settings.upload_max_bytes
    folder = settings.upload_dir / "imports" / today().strftime("%Y%m")
    await aiofiles.os.makedirs(folder, exist_ok=True)
    partial = folder / f"{uuid.uuid4().hex}.part"
    original_name = (getattr(upload, "filename", None) or "").strip()[:200]

    size = 0
    head = b""
    try:
        async with aiofiles.open(partial, "wb") as target:
            while chunk := await upload.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise ValidationFailed(
                        [
                            FieldProblem(
                                field,
                                "FILE_TOO_LARGE",
                                f"文件“{original_name}”超过"
                                f"{limit // (1024 * 1024)}MB，请分成几个文件上传",
                            )
                        ]
                    )
                if len(head) < 16:
                    head += chunk[:16]
                await target.write(chunk)
        if size == 0:
            raise ValidationFailed(
                [FieldProblem(field, "EMPTY_FILE", f"文件“{original_name}”是空文件")]
            )
        try:
            extension = sniff_extension(head)
        except InvalidValue as exc:
            raise ValidationFailed(
                [FieldProblem(field, exc.code, f"“{original_name}”：{exc.message}")]
            ) from exc
    except BaseException:
        await aiofiles.os.remove(partial)
        raise
    finally:
        # Starlette spools the upload to a temporary file that only closing
        # removes; Strawberry hands it over without closing it.
        close = getattr(upload, "close", None)
        if close is not None:
            await close()

    path = partial.with_suffix(extension)
    await aiofiles.os.rename(partial, path)
    return StoredUpload(
        path=path, extension=extension, size=size, original_name=original_name
    )

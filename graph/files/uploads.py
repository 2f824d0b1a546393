"""Storing an uploaded file under the upload folder.

The file is written under a generated name with aiofiles, chunk by chunk,
and rejected as soon as it passes the size limit. Its type is taken from its
first bytes, never from the name the browser sent.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiofiles
import aiofiles.os

from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed

CHUNK_BYTES = 256 * 1024
# Every signature the detectors look for fits in the first 16 bytes.
HEAD_BYTES = 16

# Return the file extension (".pdf", ".xlsx") for a file's first bytes, or
# raise InvalidValue when the type is not accepted.
Detector = Callable[[bytes], str]


@dataclass(frozen=True)
class StoredUpload:
    path: Path
    extension: str
    size: int
    original_name: str


async def store_upload(
    upload, folder: Path, max_bytes: int, detect: Detector, field: str = "file"
) -> StoredUpload:
    """Write ``upload`` (a Starlette UploadFile) into ``folder``.

    Raises ValidationFailed with FILE_TOO_LARGE, EMPTY_FILE or the detector's
    code, naming ``field``, and then removes the partial file.
    """
    await aiofiles.os.makedirs(folder, exist_ok=True)
    partial = folder / f"{uuid.uuid4().hex}.part"
    original_name = (getattr(upload, "filename", None) or "").strip()[:200]

    size = 0
    head = b""
    try:
        async with aiofiles.open(partial, "wb") as target:
            while chunk := await upload.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise ValidationFailed(
                        [
                            FieldProblem(
                                field,
                                "FILE_TOO_LARGE",
                                f"文件“{original_name}”超过"
                                f"{max_bytes // (1024 * 1024)}MB，请分成几个文件上传",
                            )
                        ]
                    )
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                await target.write(chunk)
        if size == 0:
            raise ValidationFailed(
                [FieldProblem(field, "EMPTY_FILE", f"文件“{original_name}”是空文件")]
            )
        try:
            extension = detect(head)
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

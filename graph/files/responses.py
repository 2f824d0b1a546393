"""Starlette endpoints that send workbooks and stored files.

Workbooks are written to a temporary file in a worker thread (openpyxl is
synchronous and a large roster takes a while) and then streamed in chunks,
so neither the event loop nor memory carries the whole file. Stored files
(materials, certificates) are streamed from the upload folder.
"""

import asyncio
import logging
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiofiles
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)

from graph.account.actor import Actor, authenticate_session
from graph.core.api_errors import ApiError
from graph.files.links import InvalidLink, read_download_token

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class Workbook:
    """A workbook to send: its file name and a function that writes it."""

    filename: str
    write: Callable[[Path], None]


@dataclass(frozen=True)
class StoredFile:
    """A file already on disk to send as it is."""

    path: Path
    filename: str
    media_type: str


DownloadHandler = Callable[[Actor, dict[str, Any]], Awaitable[Workbook | StoredFile]]


async def send_workbook(workbook: Workbook) -> StreamingResponse:
    """Write ``workbook`` to a temporary file off the loop and stream it."""
    handle, name = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    path = Path(name)
    try:
        await asyncio.to_thread(workbook.write, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    size = path.stat().st_size

    async def chunks() -> AsyncIterator[bytes]:
        try:
            async with aiofiles.open(path, "rb") as source:
                while chunk := await source.read(CHUNK_BYTES):
                    yield chunk
        finally:
            path.unlink(missing_ok=True)

    return StreamingResponse(
        chunks(),
        media_type=XLSX_TYPE,
        headers={
            "Content-Length": str(size),
            "Content-Disposition": content_disposition(workbook.filename),
            "Cache-Control": "no-store",
        },
    )


def send_stored_file(stored: StoredFile) -> Response:
    if not stored.path.is_file():
        logger.error("download.file_missing path=%s", stored.path.name)
        return error_response(404, "文件不存在，请联系经办机构")
    return FileResponse(
        stored.path,
        media_type=stored.media_type,
        headers={
            "Content-Disposition": content_disposition(stored.filename),
            "Cache-Control": "no-store",
        },
    )


def content_disposition(filename: str) -> str:
    """Name the attachment for old and new browsers alike (RFC 6266)."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def download_endpoint(
    handlers: dict[str, DownloadHandler],
) -> Callable[[Request], Awaitable[Response]]:
    """Build the endpoint that serves signed download links."""

    async def download(request: Request) -> Response:
        try:
            claims = read_download_token(request.path_params["token"])
        except InvalidLink as exc:
            return error_response(401, str(exc))
        handler = handlers.get(claims.purpose)
        if handler is None:
            return error_response(404, "下载链接无效，请重新生成")

        authentication = await authenticate_session(
            claims.session_id, claims.account_id
        )
        if authentication.actor is None:
            return error_response(401, authentication.error or "登录已失效")
        try:
            result = await handler(authentication.actor, claims.params)
        except ApiError as exc:
            status = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403}.get(exc.code, 404)
            return error_response(status, str(exc))
        logger.info(
            "download.sent purpose=%s account_id=%s unit_id=%s",
            claims.purpose,
            claims.account_id,
            authentication.actor.unit_id,
        )
        if isinstance(result, StoredFile):
            return send_stored_file(result)
        return await send_workbook(result)

    return download

"""Storing an uploaded workbook under ``uploads/imports``."""

from graph.batch.reader import sniff_extension
from graph.core.clock import today
from graph.files import uploads
from graph.files.uploads import StoredUpload
from graph.settings import get_settings

__all__ = ["StoredUpload", "store_upload"]


async def store_upload(upload, field: str = "file") -> StoredUpload:
    """Write ``upload`` (a Starlette UploadFile) to ``uploads/imports``.

    Only .xlsx and .xls workbooks are kept, judged by their first bytes.
    """
    settings = get_settings()
    folder = settings.upload_dir / "imports" / today().strftime("%Y%m")
    return await uploads.store_upload(
        upload, folder, settings.upload_max_bytes, sniff_extension, field
    )

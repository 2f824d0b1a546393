"""Export workbooks whose rows are read from the database while they are written.

openpyxl writes in a worker thread (see ``send_workbook``), but Tortoise
queries must run on the event loop that opened the connections. The writer
therefore requests one chunk of rows at a time from the loop and appends it
in write-only mode, so a unit of any size is never held in memory whole.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from graph.files.responses import Workbook

logger = logging.getLogger(__name__)

TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "0.00"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
# The timeout frees the worker thread when the loop stops running chunk
# queries, for example while the server shuts down.
CHUNK_TIMEOUT_SECONDS = 300

Row = Sequence[Any]


@dataclass(frozen=True)
class Column:
    """One exported column: Chinese header, width in characters, cell format."""

    header: str
    width: float
    # "@" keeps ID and phone numbers as text, so Excel shows every digit.
    number_format: str | None = None


@dataclass(frozen=True)
class ExportSheet:
    """One sheet: its title, columns and a function that starts reading its rows.

    ``chunks`` returns an async iterator of row lists, each row with one value
    per column in column order.
    """

    title: str
    columns: tuple[Column, ...]
    chunks: Callable[[], AsyncIterator[list[Row]]]


def export_workbook(filename: str, sheets: Sequence[ExportSheet]) -> Workbook:
    """Build a workbook to send whose rows are read on the running event loop."""
    loop = asyncio.get_running_loop()
    return Workbook(filename=filename, write=partial(write_export, loop, sheets))


def write_export(
    loop: asyncio.AbstractEventLoop, sheets: Sequence[ExportSheet], path: Path
) -> None:
    """Write ``sheets`` to ``path``. Runs in a worker thread, not on ``loop``."""
    book = OpenpyxlWorkbook(write_only=True)
    try:
        for spec in sheets:
            sheet = book.create_sheet(spec.title)
            _write_sheet(loop, sheet, spec)
    except BaseException:
        _discard(book, path)
        raise
    book.save(path)


def _discard(book: OpenpyxlWorkbook, path: Path) -> None:
    """Save a failed workbook anyway, so openpyxl removes its sheets' temp files.

    The caller deletes ``path`` afterwards. A failure here is logged and
    dropped, so that the caller sees the error that stopped the export.
    """
    try:
        book.save(path)
    except Exception:
        logger.warning("export.discard_failed path=%s", path, exc_info=True)


def _write_sheet(loop: asyncio.AbstractEventLoop, sheet, spec: ExportSheet) -> None:
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    header = []
    for column in spec.columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header.append(cell)
    sheet.append(header)

    for chunk in _chunks_from_loop(loop, spec.chunks()):
        for row in chunk:
            sheet.append(
                [
                    _cell(sheet, value, column)
                    for value, column in zip(row, spec.columns, strict=True)
                ]
            )


def _cell(sheet, value: Any, column: Column) -> Any:
    if column.number_format is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = column.number_format
    return cell


def _chunks_from_loop(
    loop: asyncio.AbstractEventLoop, chunks: AsyncIterator[list[Row]]
) -> Iterator[list[Row]]:
    """Step ``chunks`` on ``loop`` from this worker thread, one chunk per call."""

    async def next_chunk() -> list[Row] | None:
        return await anext(chunks, None)

    async def close() -> None:
        aclose = getattr(chunks, "aclose", None)
        if aclose is not None:
            await aclose()

    try:
        while True:
            future = asyncio.run_coroutine_threadsafe(next_chunk(), loop)
            try:
                chunk = future.result(timeout=CHUNK_TIMEOUT_SECONDS)
            except TimeoutError:
                future.cancel()
                raise
            if chunk is None:
                return
            yield chunk
    finally:
        # A failed write leaves the reader suspended between chunks. Closing it
        # on its own loop runs its cleanup there, not later at garbage collection.
        if loop.is_running():
            asyncio.run_coroutine_threadsafe(close(), loop).result(
                timeout=CHUNK_TIMEOUT_SECONDS
            )

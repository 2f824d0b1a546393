"""Export workbooks written in a worker thread from rows read on the loop."""

import asyncio
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from graph.files.exports import (
    DATE_FORMAT,
    MONEY_FORMAT,
    TEXT_FORMAT,
    Column,
    ExportSheet,
    write_export,
)

COLUMNS = (
    Column("序号", 8),
    Column("社会保障号码", 22, TEXT_FORMAT),
    Column("本次参保时间", 14, DATE_FORMAT),
    Column("缴费基数", 12, MONEY_FORMAT),
)


def chunked_rows(chunks: list[list[tuple]], events: list[str]):
    """Return a chunk reader of ``chunks`` that records its steps in ``events``."""

    async def read():
        try:
            for chunk in chunks:
                events.append(f"chunk in {asyncio.current_task() is not None}")
                yield chunk
        finally:
            events.append("closed")

    return read


async def test_export_writes_chunks_in_order(tmp_path):
    events: list[str] = []
    chunks = [
        [(1, "330302199003150011", date(2026, 3, 1), Decimal("8000.00"))],
        [(2, "330302199003150021", None, None)],
    ]
    sheet = ExportSheet("人员新增", COLUMNS, chunked_rows(chunks, events))
    path = tmp_path / "export.xlsx"

    loop = asyncio.get_running_loop()
    await asyncio.to_thread(write_export, loop, [sheet], path)

    book = load_workbook(path)
    rows = list(book["人员新增"].iter_rows(values_only=True))
    assert rows[0] == ("序号", "社会保障号码", "本次参保时间", "缴费基数")
    assert [row[0] for row in rows[1:]] == [1, 2]
    assert book["人员新增"]["B2"].number_format == TEXT_FORMAT
    assert book["人员新增"]["C2"].number_format == DATE_FORMAT
    assert book["人员新增"]["D2"].number_format == MONEY_FORMAT
    assert book["人员新增"]["C3"].value is None
    # Every chunk was read as a task on the loop, not in the worker thread.
    assert events == ["chunk in True", "chunk in True", "closed"]


async def test_export_closes_reader_on_failure(tmp_path):
    events: list[str] = []
    # The second chunk has a row one value short, which the writer rejects.
    chunks = [[(1, "a", None, None)], [(2, "b", None)], [(3, "c", None, None)]]
    sheet = ExportSheet("人员新增", COLUMNS, chunked_rows(chunks, events))

    loop = asyncio.get_running_loop()
    with pytest.raises(ValueError):
        await asyncio.to_thread(write_export, loop, [sheet], tmp_path / "x.xlsx")

    assert events == ["chunk in True", "chunk in True", "closed"]

"""Batch import of a 10,000-row enrollment workbook: preview, confirm, memory.

Builds the workbook with openpyxl and times a bare openpyxl read-only pass
over it. Then runs the import's preview (read, every row checked, database
rules, result kept) and confirm (declarations written in one transaction) in
this process, against a throwaway SQLite database or the ``DATABASE_URL``
given.
Prints the times, the ratio of preview to the bare pass measured in this
run, and the process's peak resident memory.

Usage: .venv/bin/python bench/imports.py [--rows 10000]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python ...
(the PostgreSQL database is emptied first).
"""

import argparse
import asyncio
import os
import resource
import shutil
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-imports-"))
os.environ.setdefault("DATA_DIR", str(WORK))
os.environ.setdefault("UPLOAD_DIR", str(WORK / "uploads"))

from graph.account.roles import AccountKind, MembershipRole  # noqa: E402
from graph.batch.codes import ImportKind  # noqa: E402
from graph.batch.service import confirm_import, preview_import  # noqa: E402
from graph.db import apply_migrations, close_database, open_database  # noqa: E402
from graph.declaration.models import Declaration  # noqa: E402
from graph.person.resident_id import Gender, make_resident_id  # noqa: E402
from graph.region.loader import load_policy_parameters, load_regions  # noqa: E402

HEADERS = ["社会保障号码*", "姓名*", "手机号码*", "联系电话", "电子邮箱", "联系地址*",
           "邮政编码", "本次参保时间*", "参保身份*", "申报工资*", "职工工种",
           "离退休年龄", "用工形式"]  # fmt: skip


def build_workbook(path: Path, rows: int, enroll_day: date) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("人员批量新参保")
    sheet.append(HEADERS)
    for number in range(rows):
        birth = date(1975, 1, 1) + timedelta(days=number // 100)
        sheet.append(
            [
                make_resident_id("330302", birth, number % 100, Gender.MALE),
                f"职工{number}",
                f"139{number:08d}",
                "0577-88888888",
                f"worker{number}@example.com",
                "浙江省温州市鹿城区示例路1号",
                "325000",
                enroll_day.isoformat(),
                "在职职工",
                6000 + number % 3000,
                "文员",
                60,
                "劳动合同制",
            ]
        )
    book.save(path)


def bare_openpyxl_pass(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in book.active.iter_rows(values_only=True))
    book.close()
    return time.perf_counter() - started, count


async def prepare_database(url: str):
    from tortoise import connections

    from graph.account.models import Account, UnitMembership
    from graph.unit.credit_code import make_credit_code
    from graph.unit.models import Unit

    await apply_migrations(url)
    await open_database(url)
    connection = connections.get("default")
    for table in ("audit_entry", "declaration", "import_batch", "insurance_record",
                  "login_session", "unit_membership", "person", "account",
                  "authorization_grant", "licence", "login_ticket",
                  "reviewer_region", "unit", "policy_parameter", "region"):  # fmt: skip
        await connection.execute_script(f"DELETE FROM {table}")
    await load_regions()
    await load_policy_parameters()
    unit = await Unit.create(
        number="33030299999",
        region_id="330302",
        credit_code=make_credit_code("91330302MA2J99999"),
        name="基准测试单位",
        nature="企业",
        risk_class=2,
        rate_grade=1,
        legal_representative="测试法人",
    )
    account = await Account.create(
        username="bench", password_hash="-", display_name="bench",
        kind=AccountKind.UNIT_STAFF,
    )  # fmt: skip
    await UnitMembership.create(
        account=account, unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    return unit, account


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()

    from graph.account.actor import Actor
    from graph.core.clock import today

    url = os.environ.get("DATABASE_URL") or f"sqlite://{WORK / 'bench.sqlite3'}"
    enroll_day = today().replace(day=1)
    source = WORK / "import.xlsx"
    build_workbook(source, args.rows, enroll_day)
    size_mb = source.stat().st_size / 1e6

    bare_seconds, bare_rows = bare_openpyxl_pass(source)
    unit, account = await prepare_database(url)
    actor = Actor(
        account_id=account.id,
        username=account.username,
        display_name=account.display_name,
        kind=AccountKind.UNIT_STAFF,
        session_id=str(uuid.uuid4()),
        unit_id=unit.id,
        unit_region_code=unit.region_id,
        role=MembershipRole.LEGAL_REPRESENTATIVE,
    )
    upload = WORK / "uploads" / "upload.xlsx"
    upload.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, upload)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    batch = await preview_import(
        actor, unit, ImportKind.ENROLL, upload, ".xlsx", "import.xlsx",
        uuid.uuid4(), today(),
    )  # fmt: skip
    preview_seconds = time.perf_counter() - started

    started = time.perf_counter()
    confirmed = await confirm_import(actor, unit, batch.id, today())
    confirm_seconds = time.perf_counter() - started
    written = await Declaration.filter(batch_id=batch.id).count()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    await close_database()
    shutil.rmtree(WORK, ignore_errors=True)

    database = url.split("://", 1)[0]
    print(f"database: {database}; rows: {args.rows}; file: {size_mb:.1f} MB")
    print(f"bare openpyxl read-only pass: {bare_seconds:.2f} s ({bare_rows} rows)")
    print(
        f"preview: {preview_seconds:.2f} s "
        f"(valid {batch.valid_count}, invalid {batch.invalid_count})"
    )
    print(f"ratio preview / bare openpyxl pass: {preview_seconds / bare_seconds:.2f}")
    print(f"confirm: {confirm_seconds:.2f} s ({confirmed.declaration_count} "
          f"declarations, {written} in the database)")  # fmt: skip
    print(
        f"peak resident memory: {rss_peak:.0f} MB "
        f"(before preview {rss_before:.0f} MB, workbook built in this process)"
    )


if __name__ == "__main__":
    asyncio.run(main())

"""Settlement of one month for a large unit: time and SQL statement count.

Creates units of 1,000 and of 10,000 insured persons (all three insurance
types) in a throwaway SQLite database or the ``DATABASE_URL`` given. Then
generates one month for each and prints the time and the number of SQL
statements sent, counted from Tortoise's query log. The statement count
should be the same for both sizes.

Usage: .venv/bin/python bench/settlement.py [--sizes 1000 10000]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python ...
(the PostgreSQL database is emptied first).
"""

import argparse
import asyncio
import logging
import os
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-settlement-"))
os.environ.setdefault("DATA_DIR", str(WORK))

from graph.account.actor import Actor  # noqa: E402
from graph.account.roles import AccountKind, MembershipRole  # noqa: E402
from graph.contribution.settlement import generate_settlement  # noqa: E402
from graph.db import apply_migrations, close_database, open_database  # noqa: E402
from graph.insurance.codes import (  # noqa: E402
    InsuranceStatus,
    InsuranceType,
    InsuredIdentity,
)
from graph.insurance.models import InsuranceRecord  # noqa: E402
from graph.person.models import Person  # noqa: E402
from graph.person.resident_id import Gender, make_resident_id  # noqa: E402
from graph.region.loader import load_policy_parameters, load_regions  # noqa: E402
from graph.unit.credit_code import make_credit_code  # noqa: E402
from graph.unit.models import Unit  # noqa: E402

MONTH = "202603"
TABLES = ("refund", "contribution_line", "settlement", "yearly_base",
          "declaration_material", "audit_entry", "declaration", "import_batch",
          "insurance_record", "login_session", "unit_membership", "person",
          "authorization_grant", "licence", "login_ticket", "reviewer_region",
          "account", "unit", "policy_parameter", "work_injury_rate",
          "fund_parameter", "region")  # fmt: skip


class StatementCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


async def make_unit(number: int, persons: int, offset: int) -> Unit:
    unit = await Unit.create(
        number=f"3303029{number:04d}",
        region_id="330302",
        credit_code=make_credit_code(f"91330302MA2J{number:05d}"),
        name=f"基准测试单位{number}",
        nature="企业",
        risk_class=2,
        rate_grade=1,
        legal_representative="测试法人",
    )
    people = []
    for index in range(offset, offset + persons):
        birth = date(1970, 1, 1) + timedelta(days=index // 100)
        people.append(
            Person(
                ssn=make_resident_id("330302", birth, index % 100, Gender.MALE),
                name=f"职工{index}",
                gender=Gender.MALE,
                birth_date=birth,
            )
        )
    await Person.bulk_create(people, batch_size=1000)
    ids = await Person.filter(ssn__in=[p.ssn for p in people]).values_list(
        "id", flat=True
    )
    records = [
        InsuranceRecord(
            person_id=person_id,
            unit_id=unit.id,
            insurance_type=insurance_type,
            status=InsuranceStatus.ACTIVE,
            enroll_date=date(2025, 1, 1),
            first_enroll_month="202501",
            base=Decimal(6000 + person_id % 5000),
            rate_grade=1,
            identity=InsuredIdentity.REGULAR,
            retirement_age=60,
        )
        for person_id in ids
        for insurance_type in InsuranceType
    ]
    await InsuranceRecord.bulk_create(records, batch_size=2000)
    return unit


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    args = parser.parse_args()

    from tortoise import connections

    url = os.environ.get("DATABASE_URL") or f"sqlite://{WORK / 'bench.sqlite3'}"
    await apply_migrations(url)
    await open_database(url)
    connection = connections.get("default")
    for table in TABLES:
        await connection.execute_script(f"DELETE FROM {table}")
    await load_regions()
    await load_policy_parameters()

    from graph.account.models import Account

    account = await Account.create(
        username="bench", password_hash="-", display_name="bench",
        kind=AccountKind.UNIT_STAFF,
    )  # fmt: skip
    counter = StatementCounter()
    client_log = logging.getLogger("tortoise.db_client")
    client_log.setLevel(logging.DEBUG)
    client_log.propagate = False
    figures = []
    offset = 0
    for number, size in enumerate(args.sizes, start=1):
        unit = await make_unit(number, size, offset)
        offset += size
        actor = Actor(
            account_id=account.id, username="bench", display_name="bench",
            kind=AccountKind.UNIT_STAFF, session_id="bench", unit_id=unit.id,
            unit_region_code=unit.region_id,
            role=MembershipRole.LEGAL_REPRESENTATIVE,
        )  # fmt: skip
        client_log.addHandler(counter)
        counter.count = 0
        started = time.perf_counter()
        settlements = await generate_settlement(actor, unit, MONTH, date(2026, 3, 31))
        seconds = time.perf_counter() - started
        client_log.removeHandler(counter)
        lines = sum(s.person_count for s in settlements)
        figures.append((size, seconds, counter.count, lines))
    await close_database()
    shutil.rmtree(WORK, ignore_errors=True)

    print(f"database: {url.split('://', 1)[0]}; month {MONTH}")
    for size, seconds, statements, lines in figures:
        print(
            f"{size:>6} persons: {seconds:.2f} s, {statements} SQL statements, "
            f"{lines} lines"
        )


if __name__ == "__main__":
    asyncio.run(main())

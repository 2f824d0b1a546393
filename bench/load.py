"""Mixed load on loopback: logins, roster pages, enrollments and reviews.

Starts ``python -m graph serve --demo`` (one process on a throwaway SQLite
file, or ``--workers 2`` on the PostgreSQL of ``DATABASE_URL`` with the
Redis of ``REDIS_URL``) and runs concurrent clients for a bounded time.
Each client repeats a weighted mix: a roster page of 50, an enrollment of
a new person, the approval of a pending enrollment by the reviewer, or a
login. Prints requests per second, p50/p95/p99 and errors per kind. Then
counts the run's declarations in the database and prints them beside the
enrollments and approvals the clients saw accepted, which should match.

Usage: .venv/bin/python bench/load.py [--clients 50] [--seconds 20]
       DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
       REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/load.py --workers 2
(the PostgreSQL database is emptied first).
"""

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.person.resident_id import Gender, make_resident_id  # noqa: E402

LOGIN = """mutation($u: String!) { login(username: $u, password: "demo123456")
  { token errors { code } } }"""
ROSTER = """query($page: Int!) { persons(page: $page, pageSize: 50) { totalCount
  items { ssn name gender mobile records { insuranceType status base } } } }"""
ENROLL = """mutation($input: EnrollPersonInput!) { enrollPerson(input: $input)
  { declaration { id } errors { code message } } }"""
REVIEW = """mutation($id: ID!) { reviewDeclaration(id: $id, approve: true,
  comment: "") { declaration { status } errors { code message } } }"""
MIX = [("roster", 70), ("enroll", 15), ("review", 10), ("login", 5)]
TABLES = ("refund", "contribution_line", "settlement", "yearly_base",
          "person_history", "certificate", "declaration_material",
          "audit_entry", "declaration", "import_batch", "insurance_record",
          "login_session", "unit_membership", "person", "authorization_grant",
          "licence", "login_ticket", "reviewer_region", "account", "unit",
          "policy_parameter", "work_injury_rate", "fund_parameter",
          "region")  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Run:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.enrolled: list[str] = []
        self.pending: asyncio.Queue[str] = asyncio.Queue()
        self.approved: list[str] = []
        self.sequence = 0

    def next_ssn(self) -> str:
        self.sequence += 1
        birth = date(1980, 1, 1) + timedelta(days=self.sequence // 100)
        return make_resident_id("330381", birth, self.sequence % 100, Gender.MALE)


async def call(client, run: Run, kind: str, query: str, variables, token) -> dict:
    started = time.perf_counter()
    try:
        response = await client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {token}"} if token else {},
        )
        body = response.json()
    except (httpx.HTTPError, ValueError):
        run.errors[kind] += 1
        return {}
    run.latencies[kind].append(time.perf_counter() - started)
    if response.status_code != 200 or "errors" in body:
        run.errors[kind] += 1
        return {}
    return body["data"]


async def login(client, run: Run, username: str) -> str:
    data = await call(client, run, "login", LOGIN, {"u": username}, None)
    return data["login"]["token"]


async def client_loop(base: str, run: Run, deadline: float, seed: int) -> None:
    chooser = random.Random(seed)
    kinds, weights = zip(*MIX, strict=True)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        unit_token = await login(client, run, "legalrep")
        reviewer_token = await login(client, run, "reviewer")
        while time.perf_counter() < deadline:
            kind = chooser.choices(kinds, weights)[0]
            if kind == "roster":
                await call(
                    client, run, kind, ROSTER, {"page": chooser.randint(1, 4)},
                    unit_token,
                )  # fmt: skip
            elif kind == "enroll":
                ssn = run.next_ssn()
                data = await call(
                    client, run, kind, ENROLL, {"input": enrollment(ssn)}, unit_token
                )
                payload = data.get("enrollPerson") or {}
                if payload.get("errors"):
                    run.errors[kind] += 1
                elif payload:
                    run.enrolled.append(ssn)
                    run.pending.put_nowait(payload["declaration"]["id"])
            elif kind == "review":
                try:
                    declaration_id = run.pending.get_nowait()
                except asyncio.QueueEmpty:
                    continue
                data = await call(
                    client, run, kind, REVIEW, {"id": declaration_id}, reviewer_token
                )
                payload = data.get("reviewDeclaration") or {}
                if payload.get("errors"):
                    run.errors[kind] += 1
                elif payload:
                    run.approved.append(declaration_id)
            else:
                await login(client, run, "operator")


def enrollment(ssn: str) -> dict:
    return {
        "ssn": ssn,
        "name": "负载测试",
        "mobile": "13900139000",
        "address": "温州市鹿城区示例路1号",
        "enrollDate": date.today().replace(day=1).isoformat(),
        "identity": "REGULAR",
        "declaredWage": "6000",
    }


async def wait_until_healthy(base: str, process: subprocess.Popen) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            if process.poll() is not None:
                raise SystemExit("server exited before it became healthy")
            try:
                if (await client.get(f"{base}/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.5)
    raise SystemExit("server did not become healthy within 300 s")


async def empty_database(url: str) -> None:
    from tortoise import connections

    from graph.db import apply_migrations, close_database, open_database

    await apply_migrations(url)
    await open_database(url)
    for table in TABLES:
        await connections.get("default").execute_script(f"DELETE FROM {table}")
    await close_database()


async def count_declarations(url: str, run: Run) -> tuple[int, int, int]:
    from graph.db import close_database, open_database
    from graph.declaration.models import Declaration

    await open_database(url)
    rows = await Declaration.filter(ssn__in=run.enrolled).values_list("ssn", "status")
    await close_database()
    approved = sum(1 for _, status in rows if status == "APPROVED")
    return len(rows), len({ssn for ssn, _ in rows}), approved


def quantile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return (values[0] if values else 0) * 1000
    return statistics.quantiles(values, n=100)[q - 1] * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    url = os.environ.get("DATABASE_URL") or f"sqlite://{work / 'graph.sqlite3'}"
    if url.startswith("postgres"):
        await empty_database(url)
    port = free_port()
    environment = {**os.environ, "DATA_DIR": str(work), "DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--demo", "--port", str(port),
         "--workers", str(args.workers)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    run = Run()
    try:
        await wait_until_healthy(base, process)
        started = time.perf_counter()
        deadline = started + args.seconds
        await asyncio.gather(
            *(client_loop(base, run, deadline, seed) for seed in range(args.clients))
        )
        elapsed = time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)
    rows, distinct, approved = await count_declarations(url, run)
    shutil.rmtree(work, ignore_errors=True)

    database = url.split("://", 1)[0]
    print(
        f"database: {database}; processes: {args.workers}; clients: "
        f"{args.clients}; {elapsed:.1f} s"
    )
    total = sum(len(v) for v in run.latencies.values())
    print(f"all: {total / elapsed:.1f} requests/s, errors {sum(run.errors.values())}")
    for kind, _ in MIX:
        values = run.latencies[kind]
        rate = len(values) / elapsed
        print(
            f"{kind:>7}: {rate:6.1f}/s  p50 {quantile(values, 50):6.1f} ms  "
            f"p95 {quantile(values, 95):6.1f} ms  p99 {quantile(values, 99):6.1f} ms"
            f"  errors {run.errors[kind]}"
        )
    print(
        f"enrollments accepted {len(run.enrolled)}, declarations in the database "
        f"{rows} ({distinct} distinct); approvals {len(run.approved)}, approved "
        f"in the database {approved}"
    )


if __name__ == "__main__":
    asyncio.run(main())

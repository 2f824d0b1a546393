"""Roster throughput against a running server with 10,000 employees.

Starts ``python -m graph serve --demo --demo-employees N`` on a throwaway
SQLite database (or the ``DATABASE_URL`` given), logs in as ``legalrep`` and
alternates phases of a 50-row roster page and of a trivial query, both sent
with the same bearer token by the same number of concurrent clients. Prints
requests per second, p50 and p95 for each, and their ratios.

Usage: .venv/bin/python bench/roster.py [--employees 10000] [--seconds 5]
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

LOGIN = """mutation { login(username: "legalrep", password: "demo123456")
  { token errors { message } } }"""
ROSTER = """query { persons(page: 3, pageSize: 50) { totalCount items { ssn name
  gender mobile records { insuranceType status base enrollDate } } } }"""
TRIVIAL = "query { __typename }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


async def run_phase(
    client: httpx.AsyncClient, query: str, clients: int, seconds: float
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": query})
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200 or "errors" in response.json():
                errors += 1

    await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors


def describe(name: str, latencies: list[float], seconds: float, errors: int) -> dict:
    quantiles = statistics.quantiles(latencies, n=100)
    figures = {
        "rps": len(latencies) / seconds,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
    }
    print(
        f"{name:<24} {figures['rps']:8.1f} req/s   p50 {figures['p50']:7.2f} ms   "
        f"p95 {figures['p95']:7.2f} ms   requests {len(latencies)}   errors {errors}"
    )
    return figures


async def measure(base: str, clients: int, seconds: float, rounds: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as anonymous:
        login = (await anonymous.post("/graphql", json={"query": LOGIN})).json()
    token = login["data"]["login"]["token"]
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(
        base_url=base, headers=headers, timeout=30, limits=limits
    ) as client:
        await run_phase(client, ROSTER, clients, 1.0)
        results = {"roster": ([], 0), "trivial": ([], 0)}
        for _ in range(rounds):
            for name, query in (("trivial", TRIVIAL), ("roster", ROSTER)):
                latencies, errors = await run_phase(client, query, clients, seconds)
                results[name][0].extend(latencies)
                results[name] = (results[name][0], results[name][1] + errors)

    total = seconds * rounds
    print(f"clients {clients}, {rounds} alternating rounds of {seconds:g} s each")
    trivial = describe(
        "trivial { __typename }", *results["trivial"][:1], total, results["trivial"][1]
    )
    roster = describe(
        "roster page of 50", *results["roster"][:1], total, results["roster"][1]
    )
    print(
        f"ratio roster/trivial: throughput {trivial['rps'] / roster['rps']:.2f}x "
        f"slower, p50 {roster['p50'] / trivial['p50']:.2f}x, "
        f"p95 {roster['p95'] / trivial['p95']:.2f}x (target: within 3x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per phase")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="bench-roster-") as data_dir:
        env = {**os.environ, "DATA_DIR": data_dir}
        command = [
            sys.executable,
            "-m",
            "graph",
            "serve",
            "--demo",
            "--demo-employees",
            str(args.employees),
            "--port",
            str(port),
        ]
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            asyncio.run(wait_until_healthy(base, process))
            print(
                f"server with {args.employees} employees ready in "
                f"{time.perf_counter() - started:.1f} s"
            )
            asyncio.run(measure(base, args.clients, args.seconds, args.rounds))
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()

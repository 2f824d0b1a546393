"""Two server processes on PostgreSQL share subscriptions through Redis.

The portal's websocket is held by one process and the scan is confirmed on
the other. The processes re-read the database only once a minute here, so
the portal can learn of the scan in time only through the Redis fan-out.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
import websockets

from graph.account.roles import MembershipRole
from tests.authz.test_scan_login import CONFIRM, CREATE, SCAN, SUBSCRIBE, add_licence
from tests.conftest import LOGIN, PASSWORD, create_account

DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not (DATABASE_URL.startswith("postgres") and REDIS_URL),
    reason="needs TEST_DATABASE_URL on PostgreSQL and TEST_REDIS_URL",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def start_server(port: int, data_dir: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "DATA_DIR": data_dir,
        "SUBSCRIPTION_POLL_SECONDS": "60",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    async with httpx.AsyncClient() as client:
        for _ in range(120):
            try:
                if (await client.get(f"http://127.0.0.1:{port}/healthz")).is_success:
                    return process
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.25)
    process.kill()
    raise AssertionError(f"server on port {port} did not start")


async def post(port: int, query: str, variables=None, token=None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
    return response.json()["data"]


async def next_status(connection) -> str:
    message = json.loads(await asyncio.wait_for(connection.recv(), 20))
    assert message["type"] == "next", message
    return message["payload"]["data"]["loginTicketStatus"]["status"]


async def test_scan_on_one_process_reaches_portal_on_other(unit):
    await create_account(
        "legalrep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    await add_licence(unit)
    data_dir = tempfile.mkdtemp(prefix="graph-processes-")
    portal_port, app_port = free_port(), free_port()
    servers = [
        await start_server(portal_port, data_dir),
        await start_server(app_port, data_dir),
    ]
    try:
        ticket = (await post(portal_port, CREATE))["createLoginTicket"]
        async with websockets.connect(
            f"ws://127.0.0.1:{portal_port}/graphql",
            subprotocols=["graphql-transport-ws"],
        ) as portal:
            await portal.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await portal.recv())["type"] == "connection_ack"
            await portal.send(
                json.dumps(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": {
                            "query": SUBSCRIBE,
                            "variables": {
                                "ticket": ticket["ticket"],
                                "secret": ticket["secret"],
                            },
                        },
                    }
                )
            )
            assert await next_status(portal) == "WAITING"

            login = (
                await post(
                    app_port,
                    LOGIN,
                    {"username": "legalrep", "password": PASSWORD, "unitId": None},
                )
            )["login"]
            token = login["token"]
            await post(app_port, SCAN, {"ticket": ticket["qrContent"]}, token)
            assert await next_status(portal) == "SCANNED"
            await post(
                app_port,
                CONFIRM,
                {"ticket": ticket["ticket"], "unitId": str(unit.id), "pin": PASSWORD},
                token,
            )
            assert await next_status(portal) == "CONFIRMED"
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)

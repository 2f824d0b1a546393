"""Failed logins lock the account, then the address, for a while."""

import os
import uuid

import pytest

from graph.account.service import MAX_FAILURES_PER_ACCOUNT
from graph.core.limits import MemoryCounters, RedisCounters
from tests.conftest import LOGIN, PASSWORD, create_account


async def attempt(client, password: str) -> dict:
    result = await client.execute(
        LOGIN, {"username": "clerk", "password": password, "unitId": None}
    )
    return result.data["login"]


async def test_account_locks_after_failures(anonymous):
    await create_account("clerk")
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        failed = await attempt(anonymous, "wrong-password")
        assert failed["errors"][0]["code"] == "INVALID_CREDENTIALS"

    locked = await attempt(anonymous, PASSWORD)

    assert locked["token"] is None
    assert locked["errors"][0]["code"] == "LOGIN_LOCKED"
    assert "账号clerk" in locked["errors"][0]["message"]
    assert "北京时间" in locked["errors"][0]["message"]


async def test_success_clears_account_failures(anonymous):
    await create_account("clerk")
    for _ in range(MAX_FAILURES_PER_ACCOUNT - 1):
        await attempt(anonymous, "wrong-password")
    assert (await attempt(anonymous, PASSWORD))["token"]

    for _ in range(MAX_FAILURES_PER_ACCOUNT - 1):
        await attempt(anonymous, "wrong-password")
    assert (await attempt(anonymous, PASSWORD))["token"]


async def test_memory_window_counts_and_resets():
    counters = MemoryCounters()
    assert await counters.hit("k", 60) == 1
    assert await counters.hit("k", 60) == 2
    count, left = await counters.count("k")
    assert count == 2
    assert 0 < left <= 60
    await counters.reset("k")
    assert await counters.count("k") == (0, 0)


@pytest.mark.skipif(
    not os.environ.get("TEST_REDIS_URL"), reason="set TEST_REDIS_URL to run"
)
async def test_redis_counters_are_shared():
    url = os.environ["TEST_REDIS_URL"]
    prefix = f"graph-test:{uuid.uuid4().hex}:"
    first, second = RedisCounters(url, prefix), RedisCounters(url, prefix)
    await first.hit("login:account:clerk", 60)
    assert await second.hit("login:account:clerk", 60) == 2
    count, left = await first.count("login:account:clerk")
    assert count == 2
    assert 0 < left <= 60
    await second.reset("login:account:clerk")
    assert await first.count("login:account:clerk") == (0, 0)
    await first.close()
    await second.close()

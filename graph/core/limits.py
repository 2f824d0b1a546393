"""Counters for abuse limits, shared by every server process through Redis.

Without ``REDIS_URL`` the counters live in this process, which is right for
one process. With several processes each would count alone and an attacker
would get a fresh allowance per process, so production sets ``REDIS_URL``.
Counters are fixed windows: the first hit starts a window, and the count
resets when the window ends.
"""

import os
import time
from functools import cache
from typing import Protocol


class Counters(Protocol):
    async def hit(self, key: str, window_seconds: int) -> int:
        """Count one event; return the events in the key's current window."""
        ...

    async def count(self, key: str) -> tuple[int, int]:
        """Return the events in the window and the seconds it has left."""
        ...

    async def reset(self, key: str) -> None: ...

    async def close(self) -> None: ...


class MemoryCounters:
    """Counters of this process only."""

    def __init__(self) -> None:
        self._windows: dict[str, tuple[int, float]] = {}

    async def hit(self, key: str, window_seconds: int) -> int:
        moment = time.monotonic()
        count, ends = self._windows.get(key, (0, 0.0))
        if ends <= moment:
            count, ends = 0, moment + window_seconds
        self._windows[key] = (count + 1, ends)
        if len(self._windows) > 100_000:
            self._forget_ended(moment)
        return count + 1

    async def count(self, key: str) -> tuple[int, int]:
        count, ends = self._windows.get(key, (0, 0.0))
        left = ends - time.monotonic()
        return (count, int(left) + 1) if left > 0 else (0, 0)

    async def reset(self, key: str) -> None:
        self._windows.pop(key, None)

    async def close(self) -> None:
        self._windows.clear()

    def _forget_ended(self, moment: float) -> None:
        for key in [k for k, (_, ends) in self._windows.items() if ends <= moment]:
            del self._windows[key]


class RedisCounters:
    """Counters in Redis, shared by every process that uses the same server."""

    def __init__(self, url: str, prefix: str = "graph:limit:") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = prefix

    async def hit(self, key: str, window_seconds: int) -> int:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipeline:
            pipeline.incr(name)
            pipeline.expire(name, window_seconds, nx=True)
            count, _ = await pipeline.execute()
        return int(count)

    async def count(self, key: str) -> tuple[int, int]:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipeline:
            pipeline.get(name)
            pipeline.ttl(name)
            value, left = await pipeline.execute()
        if value is None or left is None or left < 0:
            return 0, 0
        return int(value), int(left)

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    async def close(self) -> None:
        await self._redis.aclose()


@cache
def counters() -> Counters:
    """Return this process's counters: Redis when ``REDIS_URL`` is set."""
    url = os.environ.get("REDIS_URL")
    return RedisCounters(url) if url else MemoryCounters()

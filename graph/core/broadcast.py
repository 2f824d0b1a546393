"""Fan-out of events to subscriptions, in this process or through Redis.

A scan confirmed on one server process must reach a portal whose websocket
is held by another. With ``REDIS_URL`` set, events go through Redis
publish/subscribe and reach every process. Without it they reach the
subscriptions of this process only, and subscriptions still re-read the
database now and then, so a single process needs no Redis.
"""

import asyncio
import json
import logging
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class Broadcast(Protocol):
    async def publish(self, channel: str, event: dict[str, Any]) -> None: ...

    def listen(self, channel: str) -> Any:
        """Return an async context manager that yields an event queue."""
        ...

    async def close(self) -> None: ...


class MemoryBroadcast:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        for queue in list(self._queues.get(channel, ())):
            queue.put_nowait(event)

    @asynccontextmanager
    async def listen(self, channel: str) -> AsyncIterator[asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue()
        self._queues[channel].add(queue)
        try:
            yield queue
        finally:
            self._queues[channel].discard(queue)
            if not self._queues[channel]:
                del self._queues[channel]

    async def close(self) -> None:
        self._queues.clear()


class RedisBroadcast:
    def __init__(self, url: str, prefix: str = "graph:events:") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)
        self._prefix = prefix

    async def publish(self, channel: str, event: dict[str, Any]) -> None:
        await self._redis.publish(self._prefix + channel, json.dumps(event))

    @asynccontextmanager
    async def listen(self, channel: str) -> AsyncIterator[asyncio.Queue]:
        queue: asyncio.Queue = asyncio.Queue()
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self._prefix + channel)

        async def pump() -> None:
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    queue.put_nowait(json.loads(message["data"]))

        task = asyncio.create_task(pump())
        try:
            yield queue
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await pubsub.unsubscribe()
            await pubsub.aclose()

    async def close(self) -> None:
        await self._redis.aclose()


@cache
def broadcast() -> Broadcast:
    """Return this process's broadcast: Redis when ``REDIS_URL`` is set."""
    url = os.environ.get("REDIS_URL")
    return RedisBroadcast(url) if url else MemoryBroadcast()


async def publish_quietly(channel: str, event: dict[str, Any]) -> None:
    """Publish, logging instead of raising: subscribers also poll the database."""
    try:
        await broadcast().publish(channel, event)
    except Exception:
        logger.exception("broadcast.publish_failed channel=%s", channel)

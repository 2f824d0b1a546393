"""Rate limits on public endpoints, kept behind a small interface.

``InMemoryRateLimiter`` counts in this process only, so with several server
processes each allows the limit on its own.
"""

import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class RateLimiter(Protocol):
    def allow(self, key: str) -> bool:
        """Count one request for ``key`` and tell whether it is within the limit."""
        ...


class InMemoryRateLimiter:
    """Sliding-window limiter: at most ``limit`` requests per ``window`` seconds."""

    def __init__(
        self,
        limit: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= self.max_keys:
                self._forget_idle(now)
            hits = self._hits[key] = deque()
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

    def reset(self) -> None:
        self._hits.clear()

    def _forget_idle(self, now: float) -> None:
        idle = [
            k
            for k, hits in self._hits.items()
            if not hits or hits[-1] <= now - self.window
        ]
        for key in idle:
            del self._hits[key]

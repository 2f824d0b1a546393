"""A request id on every log line, and request metrics.

Each HTTP request gets an id, taken from a well-formed ``X-Request-ID``
header sent by the proxy or generated here. The id is returned in the
response and added to every log line written while the request runs, so
one request's lines can be found among many processes' output.
"""

import contextvars
import logging
import re
import sys
import time
import uuid

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "request_id", default="-"
)
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

REQUESTS = Counter(
    "graph_http_requests_total",
    "HTTP requests by route and status",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "graph_http_request_seconds",
    "HTTP request duration by route",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
# Routes named in metrics; anything else counts as "other", so that random
# paths cannot create unbounded series.
ROUTES = ("/graphql", "/healthz", "/metrics", "/files", "/portal", "/app", "/verify")


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record, for the log format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(message)s"


def configure_logging() -> None:
    """Log one line per event to stderr, with the request id; once per process."""
    root = logging.getLogger()
    if any(isinstance(f, RequestIdFilter) for h in root.handlers for f in h.filters):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def route_of(path: str) -> str:
    for route in ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "other"


class RequestContext:
    """Give each HTTP request an id and count it in the metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        current = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex[:16]
        token = request_id.set(current)
        route = route_of(scope["path"])
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", current.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            LATENCY.labels(route).observe(time.perf_counter() - started)
            REQUESTS.labels(route, scope["method"], str(status)).inc()
            request_id.reset(token)

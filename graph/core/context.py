from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.types import Info as StrawberryInfo

from graph.account.actor import Actor


@dataclass
class Context:
    """Per-request state: the caller and the request's loaders."""

    request: Request | WebSocket
    response: Response | None
    actor: Actor | None
    auth_error: str | None = None
    # Set by Strawberry from the websocket's connection_init payload.
    connection_params: dict[str, Any] | None = None
    loaders: dict[str, Any] = field(default_factory=dict)

    @property
    def client_address(self) -> str:
        client = self.request.client
        return client.host if client else ""


Info = StrawberryInfo[Context, None]

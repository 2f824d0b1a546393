"""The Starlette application: GraphQL, GraphiQL and health check."""

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from tortoise import connections

from graph.account.actor import authenticate
from graph.batch import downloads as batch_downloads
from graph.certificate import STATIC_DIR as VERIFY_DIR
from graph.certificate import schema as certificate_schema
from graph.core.api_errors import mask_unexpected
from graph.core.broadcast import broadcast
from graph.core.context import Context
from graph.core.limits import counters
from graph.db import close_database, open_database
from graph.declaration import export as declaration_export
from graph.declaration import material_downloads
from graph.files.links import DOWNLOAD_PATH
from graph.files.responses import download_endpoint
from graph.files.size_limit import BodySizeLimit
from graph.graphiql import STATIC_DIR, render_page
from graph.ops.metrics import metrics
from graph.ops.requests import RequestContext, configure_logging
from graph.person import export as person_export
from graph.portal import STATIC_DIR as PORTAL_DIR
from graph.schema import schema
from graph.settings import PROJECT_ROOT, get_settings

logger = logging.getLogger(__name__)

GRAPHIQL_STATIC_URL = "/graphiql/static"
# The H5 build of the mini-program, made by `npm run build:h5` in miniapp/.
MINIAPP_H5_DIR = PROJECT_ROOT / "miniapp" / "dist" / "build" / "h5"


class GraphQLApp(GraphQL):
    """Strawberry's ASGI view with our context and our offline GraphiQL page."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | None = None
    ) -> Context:
        authentication = await authenticate(request.headers.get("authorization"))
        return Context(
            request=request,
            response=response,
            actor=authentication.actor,
            auth_error=authentication.error,
        )

    async def run(self, request: Request | WebSocket, *args: Any, **kwargs: Any):
        try:
            response = await super().run(request, *args, **kwargs)
        finally:
            # Close the spooled files of a multipart upload whatever became of
            # the operation: a refused or malformed request leaves them open.
            if isinstance(request, Request):
                await request.close()
        if isinstance(request, Request) and wants_graphql_response(request):
            return as_graphql_response(response)
        return response

    async def on_ws_connect(self, context: Context) -> None:
        """Authenticate a websocket from its connection_init payload.

        Browsers cannot set headers on a websocket, so clients such as
        GraphiQL send ``{"Authorization": "Bearer …"}`` there instead.
        """
        params = context.connection_params or {}
        header = params.get("Authorization") or params.get("authorization")
        if context.actor is None and isinstance(header, str):
            authentication = await authenticate(header)
            context.actor = authentication.actor
            context.auth_error = authentication.error
        # NOTE: the caller is resolved once per connection, so a revocation
        # reaches a websocket client when it reconnects, not mid-stream.

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # Masking here rather than in a schema extension spares a wrapper
        # around every field resolver, which costs a fifth of a roster page.
        # Errors sent over websockets bypass this hook, so each subscription
        # masks its own faults.
        if result.errors:
            result.errors = [mask_unexpected(error) for error in result.errors]
        return await super().process_result(request, result)

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(
            render_page(endpoint="/graphql", static_url=GRAPHIQL_STATIC_URL)
        )


GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json"


def wants_graphql_response(request: Request) -> bool:
    """Tell whether the client prefers the GraphQL response media type.

    Clients that send ``Accept: application/graphql-response+json`` (before
    or without ``application/json``) get that type and HTTP status codes that
    tell request errors from execution results.
    """
    accept = request.headers.get("accept", "")
    ranked = [part.split(";")[0].strip() for part in accept.split(",")]
    if GRAPHQL_RESPONSE_TYPE not in ranked:
        return False
    if "application/json" not in ranked:
        return True
    return ranked.index(GRAPHQL_RESPONSE_TYPE) < ranked.index("application/json")


def as_graphql_response(response: Response) -> Response:
    """Rewrite a JSON response as application/graphql-response+json.

    A request that failed before execution (parse, validation or variable
    errors: no error has a path and there is no data) is a 400 without a
    data entry, as the GraphQL over HTTP specification asks.
    """
    if not response.media_type or "json" not in response.media_type:
        return response
    try:
        body = json.loads(response.body)
    except (ValueError, AttributeError):
        return response
    status = response.status_code
    errors = body.get("errors") if isinstance(body, dict) else None
    if (
        status == 200
        and errors
        and body.get("data") is None
        and all("path" not in error for error in errors)
    ):
        body.pop("data", None)
        status = 400
    headers = {
        key: value
        for key, value in response.headers.items()
        if key.lower() not in ("content-length", "content-type")
    }
    return Response(
        json.dumps(body, ensure_ascii=False),
        status_code=status,
        headers=headers,
        media_type=GRAPHQL_RESPONSE_TYPE,
    )


async def healthz(request: Request) -> JSONResponse:
    """Report whether the database accepts a query."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        logger.exception("healthz.database_failed")
        return JSONResponse({"status": "error", "database": "unreachable"}, 503)
    return JSONResponse({"status": "ok", "database": "ok"})


def create_app(manage_database: bool = True, **graphql_options: Any) -> Starlette:
    """Build the app; ``manage_database`` opens and closes Tortoise with it."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_database:
            # Worker processes started by uvicorn come here without the
            # command line's logging setup.
            configure_logging()
            await open_database()
        yield
        await counters().close()
        counters.cache_clear()
        await broadcast().close()
        broadcast.cache_clear()
        if manage_database:
            await close_database()

    graphql = GraphQLApp(
        schema,
        graphql_ide="graphiql",
        subscription_protocols=[GRAPHQL_TRANSPORT_WS_PROTOCOL],
        # Uploads are safe from cross-site forgery here: every mutation needs
        # the bearer header, which a foreign page cannot make a browser send.
        multipart_uploads_enabled=True,
        **graphql_options,
    )
    # The GraphQL request around an upload adds its operations and map parts.
    body_limit = get_settings().upload_max_bytes + 1024 * 1024
    downloads = download_endpoint(
        {
            "import-errors": batch_downloads.error_workbook,
            person_export.PURPOSE: person_export.roster_workbook,
            declaration_export.PURPOSE: declaration_export.personnel_changes_workbook,
            material_downloads.PURPOSE: material_downloads.material_file,
            certificate_schema.PURPOSE: certificate_schema.certificate_file,
        }
    )
    routes = [
        Route("/graphql", BodySizeLimit(graphql, body_limit), methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/metrics", metrics),
        Route("/files/templates/{kind}", batch_downloads.template),
        Route(DOWNLOAD_PATH + "/{token}/{filename}", downloads),
        Mount(GRAPHIQL_STATIC_URL, StaticFiles(directory=STATIC_DIR)),
        Mount("/portal", StaticFiles(directory=PORTAL_DIR, html=True)),
        Mount("/verify", StaticFiles(directory=VERIFY_DIR, html=True)),
    ]
    if MINIAPP_H5_DIR.is_dir():
        routes.append(Mount("/app", StaticFiles(directory=MINIAPP_H5_DIR, html=True)))
    else:
        logger.info("miniapp.not_built path=%s", MINIAPP_H5_DIR)
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(RequestContext)
    return app

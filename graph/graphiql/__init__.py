"""GraphiQL page served entirely from this server.

Agency networks have no internet access, so the page loads React, ReactDOM and
GraphiQL from the files vendored in ``static/`` (versions in ``static/README.md``)
and never from a CDN. Serve ``STATIC_DIR`` at the ``static_url`` given to
``render_page``, for example with ``starlette.staticfiles.StaticFiles``.
"""

from html import escape
from pathlib import Path

__all__ = ["STATIC_DIR", "render_page"]

STATIC_DIR = Path(__file__).resolve().parent / "static"

_PAGE_TEMPLATE = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>社保网上服务 GraphQL 调试台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{static}/graphiql.min.css">
<link rel="stylesheet" href="{static}/page.css">
</head>
<body>
<form id="token-bar" class="token-bar">
<label for="token-input">访问令牌 (Bearer token)</label>
<input id="token-input" type="password" autocomplete="off" spellcheck="false"
 placeholder="粘贴 login mutation 返回的令牌">
<button id="token-clear" type="button">清除</button>
<span id="token-status" class="token-status" role="status"></span>
</form>
<div id="graphiql" data-endpoint="{endpoint}">正在加载 GraphiQL…</div>
<script src="{static}/react.production.min.js"></script>
<script src="{static}/react-dom.production.min.js"></script>
<script src="{static}/graphiql.min.js"></script>
<script src="{static}/page.js"></script>
</body>
</html>
"""


def render_page(
    endpoint: str = "/graphql", static_url: str = "/graphiql/static"
) -> str:
    """Render the GraphiQL HTML page for a GraphQL endpoint on this server.

    Both arguments must be absolute paths on this server, so the page can never
    reference another host. Subscriptions use ws:// or wss:// on the same path as
    ``endpoint``, derived in the browser from the page's location.

    Raises:
        ValueError: if ``endpoint`` or ``static_url`` is not such a path.
    """
    _check_local_path("endpoint", endpoint)
    _check_local_path("static_url", static_url)
    return _PAGE_TEMPLATE.format(
        endpoint=escape(endpoint, quote=True),
        static=escape(static_url.rstrip("/"), quote=True),
    )


def _check_local_path(name: str, value: str) -> None:
    # Browsers read "//host/x" and "/\host/x" as URLs on another host. The WHATWG
    # URL parser also deletes tabs and newlines, so "/\n/host" would become "//host".
    is_local = (
        value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and not any(ord(char) < 0x20 or ord(char) == 0x7F for char in value)
    )
    if not is_local:
        raise ValueError(
            f"{name} must be an absolute path on this server such as '/graphql', "
            f"got {value!r}"
        )

"""Tests for the GraphiQL page, which must load everything from this server."""

from html.parser import HTMLParser

import pytest

from graph.graphiql import STATIC_DIR, render_page

STATIC_URL = "/graphiql/static"

LICENSE_FILES = ["LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"]


class _PageParser(HTMLParser):
    """Collect the URL attributes and the GraphiQL container of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.container_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href", "action", "formaction", "srcset", "poster"):
            value = attributes.get(name)
            if value is not None:
                self.urls.append(value)
        if attributes.get("id") == "graphiql":
            self.container_attrs = attributes


def _parse(page: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    return parser


def _static_references(page: str, static_url: str = STATIC_URL) -> list[str]:
    """Return the file names the page loads, asserting each URL is under static_url.

    data: URLs are skipped because they load nothing from a server.
    """
    prefix = static_url.rstrip("/") + "/"
    names = []
    for url in _parse(page).urls:
        if url.startswith("data:"):
            continue
        assert url.startswith(prefix), f"page references {url!r} outside {prefix}"
        names.append(url.removeprefix(prefix))
    return names


def test_page_references_existing_static_files():
    names = _static_references(render_page())

    assert names, "page references no static files"
    for name in names:
        assert (STATIC_DIR / name).is_file(), f"{name} is missing from {STATIC_DIR}"


def test_page_loads_react_before_graphiql():
    names = _static_references(render_page())
    scripts = [name for name in names if name.endswith(".js")]

    assert scripts == [
        "react.production.min.js",
        "react-dom.production.min.js",
        "graphiql.min.js",
        "page.js",
    ]


def test_page_has_no_outside_urls():
    page = render_page()

    assert "http://" not in page
    assert "https://" not in page
    for url in _parse(page).urls:
        assert not url.startswith("//"), f"protocol-relative URL {url!r}"


@pytest.mark.parametrize("name", ["page.js", "page.css"])
def test_own_static_file_has_no_outside_urls(name):
    text = (STATIC_DIR / name).read_text(encoding="utf-8")

    assert "http://" not in text
    assert "https://" not in text


def test_page_has_title_and_token_input():
    page = render_page()

    assert "<title>社保网上服务 GraphQL 调试台</title>" in page
    assert "访问令牌 (Bearer token)" in page
    assert 'id="token-input" type="password"' in page
    assert 'id="token-clear"' in page


def test_page_passes_endpoint_to_graphiql():
    container = _parse(render_page(endpoint="/api/graphql")).container_attrs

    assert container.get("data-endpoint") == "/api/graphql"


def test_page_escapes_endpoint():
    endpoint = "/graphql?a=\"><script>alert('x')</script>&b=<"
    page = render_page(endpoint=endpoint)

    assert "<script>alert" not in page
    assert _parse(page).container_attrs.get("data-endpoint") == endpoint


def test_page_escapes_static_url():
    static_url = '/static"><script>x</script>'
    page = render_page(static_url=static_url)

    assert "<script>x</script>" not in page
    assert _static_references(page, static_url)


def test_page_uses_custom_static_url():
    names = _static_references(render_page(static_url="/assets/"), "/assets")

    assert "graphiql.min.js" in names


@pytest.mark.parametrize(
    "value",
    [
        "https://cdn.example.org/graphql",
        "http://127.0.0.1/graphql",
        "//cdn.example.org/graphql",
        "/\\cdn.example.org/graphql",
        "/\n/cdn.example.org/graphql",
        "/\t/cdn.example.org/graphql",
        "graphql",
        "javascript:alert(1)",
        "",
    ],
)
@pytest.mark.parametrize("argument", ["endpoint", "static_url"])
def test_render_page_rejects_non_local_url(argument, value):
    with pytest.raises(ValueError, match=argument):
        render_page(**{argument: value})


@pytest.mark.parametrize("name", LICENSE_FILES)
def test_license_file_exists(name):
    path = STATIC_DIR / name

    assert path.is_file(), f"{name} is missing from {STATIC_DIR}"
    assert "MIT License" in path.read_text(encoding="utf-8")


def test_static_readme_exists():
    assert (STATIC_DIR / "README.md").is_file()

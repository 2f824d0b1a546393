import pytest

from graph.schema import schema

TRIVIAL = "{ __typename }"


async def test_healthz_reports_database(http):
    response = await http.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_graphiql_page_served_offline(http):
    response = await http.get("/graphql", headers={"Accept": "text/html"})

    assert response.status_code == 200
    assert "GraphQL 调试台" in response.text
    assert "https://" not in response.text
    assert "/graphiql/static/graphiql.min.js" in response.text


async def test_graphiql_assets_served(http):
    response = await http.get("/graphiql/static/graphiql.min.js")

    assert response.status_code == 200
    assert len(response.content) > 100_000


async def test_trivial_query_needs_no_login(anonymous):
    result = await anonymous.execute(TRIVIAL)

    assert result.data == {"__typename": "Query"}


async def test_bad_authorization_header_refused(http):
    response = await http.post(
        "/graphql",
        json={"query": "{ me { username } }"},
        headers={"Authorization": "Token abc"},
    )

    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Bearer" in body["errors"][0]["message"]


async def test_unexpected_error_masked(anonymous, monkeypatch):
    from graph.unit import queries

    async def broken(*args, **kwargs):
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr(queries.Region, "all", broken)
    legal = await _reviewer_client(anonymous)

    result = await legal.execute("{ regions { code } }")

    assert result.body["errors"][0]["message"] == "服务器内部错误，请稍后重试"
    assert result.error_codes == ["INTERNAL"]
    assert "hunter2" not in str(result.body)


async def _reviewer_client(anonymous):
    from conftest import create_reviewer

    await create_reviewer("masked-check", ["330302"])
    return await anonymous.login("masked-check")


async def test_regions_are_wenzhou_divisions(reviewer):
    regions = (await reviewer.execute("{ regions { code name } }")).data["regions"]

    assert len(regions) == 13
    assert regions[0] == {"code": "330300", "name": "市本级"}


@pytest.mark.parametrize("type_name", ["InsuredIdentity", "DeclarationStatus"])
def test_fixed_enums_present(type_name):
    assert type_name in schema.as_str()


async def test_websocket_token_from_connection_init(legalrep):
    from graph.app import GraphQLApp
    from graph.core.context import Context

    context = Context(request=None, response=None, actor=None)
    context.connection_params = {"Authorization": f"Bearer {legalrep.token}"}

    await GraphQLApp(schema).on_ws_connect(context)

    assert context.actor is not None
    assert context.actor.username == "legalrep"


async def test_graphql_response_type_gives_400_for_parse_errors(http):
    response = await http.post(
        "/graphql",
        json={"query": "{"},
        headers={"Accept": "application/graphql-response+json"},
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(
        "application/graphql-response+json"
    )
    assert "data" not in response.json()


async def test_graphql_response_type_keeps_200_for_results(http):
    response = await http.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"Accept": "application/graphql-response+json, application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_plain_json_clients_keep_200_for_parse_errors(http):
    response = await http.post("/graphql", json={"query": "{"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


async def test_many_aliases_are_rejected(legalrep):
    wide = "query Wide { " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    result = await legalrep.execute(wide)
    assert result.error_codes == ["QUERY_TOO_COMPLEX"]
    assert "31个别名" in result.body["errors"][0]["message"]


def test_deep_query_is_rejected_before_execution():
    from graphql import parse, validate

    from graph.core.query_limits import QueryLimitsRule
    from graph.schema import schema

    deep = "query Deep " + "{ a " * 13 + "}" * 13
    errors = validate(schema._schema, parse(deep), [QueryLimitsRule])
    assert [e.message for e in errors] == ["操作Deep的嵌套深度为13，超过上限12"]


async def test_costly_query_is_rejected(legalrep):
    pages = " ".join(
        f"p{i}: persons(pageSize: 100) {{ items {{ ssn name records {{ base }} }} }}"
        for i in range(25)
    )
    result = await legalrep.execute("query Costly { " + pages + " }")
    assert result.error_codes == ["QUERY_TOO_COMPLEX"]
    assert "估算开销" in result.body["errors"][0]["message"]


async def test_metrics_in_prometheus_format(http, legalrep):
    await legalrep.execute("{ __typename }")
    response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "graph_http_requests_total{" in response.text
    assert 'route="/graphql"' in response.text
    assert "graph_http_request_seconds_bucket" in response.text
    assert "# TYPE graph_declarations gauge" in response.text


async def test_request_id_is_returned_and_sane(http):
    given = await http.get("/healthz", headers={"X-Request-ID": "proxy-42"})
    made_up = await http.get("/healthz", headers={"X-Request-ID": "bad id\n"})
    assert given.headers["x-request-id"] == "proxy-42"
    assert made_up.headers["x-request-id"] != "bad id\n"
    assert len(made_up.headers["x-request-id"]) == 16

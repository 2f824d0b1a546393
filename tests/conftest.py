"""Shared fixtures: a migrated database, role accounts and a GraphQL client.

Tests run on a throwaway SQLite file by default; set ``TEST_DATABASE_URL``
(for example ``postgres://postgres@127.0.0.1:5432/test``) to run them on
PostgreSQL. That database is emptied, so never point it at real data.
"""

import json
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from tortoise import Tortoise, connections

_TEMP = tempfile.mkdtemp(prefix="graph-tests-")
os.environ.setdefault("DATA_DIR", _TEMP)
os.environ.setdefault("UPLOAD_DIR", os.path.join(_TEMP, "uploads"))
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789")

from graph.account.models import Account, ReviewerRegion, UnitMembership  # noqa: E402
from graph.account.roles import AccountKind, MembershipRole  # noqa: E402
from graph.app import create_app  # noqa: E402
from graph.authz.codes import (  # noqa: E402
    AuthorizationScope,
    BusinessType,
    GrantStatus,
)
from graph.authz.models import Grant  # noqa: E402
from graph.core.limits import counters  # noqa: E402
from graph.db import apply_migrations, open_database, tortoise_config  # noqa: E402
from graph.region.loader import load_policy_parameters, load_regions  # noqa: E402
from graph.unit.credit_code import make_credit_code  # noqa: E402
from graph.unit.models import Unit  # noqa: E402

PASSWORD = "secret-pass-1"
DATABASE_URL = os.environ.get("TEST_DATABASE_URL") or f"sqlite://{_TEMP}/test.sqlite3"
# A cheap Argon2 hash keeps its deliberate slowness out of every login in the
# tests; verification still runs the real Argon2 check against it.
PASSWORD_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
IS_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://"))


async def _reset_postgres_schema() -> None:
    config = tortoise_config(DATABASE_URL)
    await Tortoise.init(config=config)
    await connections.get("default").execute_script(
        "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
    )
    await Tortoise.close_connections()


@pytest.fixture(scope="session", autouse=True)
async def database() -> AsyncIterator[None]:
    if IS_POSTGRES:
        await _reset_postgres_schema()
    await apply_migrations(DATABASE_URL)
    await open_database(DATABASE_URL)
    yield
    await Tortoise.close_connections()


TABLES = [
    "refund",
    "contribution_line",
    "settlement",
    "yearly_base",
    "declaration_material",
    "person_history",
    "certificate",
    "audit_entry",
    "login_ticket",
    "licence",
    "authorization_grant",
    "declaration",
    "import_batch",
    "insurance_record",
    "login_session",
    "unit_membership",
    "reviewer_region",
    "person",
    "account",
    "unit",
]
# Reference data that tests read and seldom change: reloaded only when a test
# left it different, which saves loading thousands of rate rows per test.
REFERENCE_TABLES = ["policy_parameter", "work_injury_rate", "fund_parameter", "region"]
_reference_counts: dict[str, int] = {}


@pytest.fixture(autouse=True)
async def clean_database(database: None) -> None:
    """Empty every table, and load the Wenzhou regions and sample policy.

    A test that changes a row of the reference tables without changing their
    counts must restore it itself.
    """
    connection = connections.get("default")
    # DELETE is faster than TRUNCATE on tables this small, and no test relies
    # on ids starting at 1.
    for table in TABLES:
        await connection.execute_script(f"DELETE FROM {table}")
    # Abuse counters would otherwise carry failed logins from test to test.
    counters.cache_clear()

    counts = {}
    for table in REFERENCE_TABLES:
        _, rows = await connection.execute_query(f"SELECT COUNT(*) AS n FROM {table}")
        counts[table] = rows[0]["n"]
    if not _reference_counts or counts != _reference_counts:
        for table in REFERENCE_TABLES:
            await connection.execute_script(f"DELETE FROM {table}")
        await load_regions()
        await load_policy_parameters()
        for table in REFERENCE_TABLES:
            _, rows = await connection.execute_query(
                f"SELECT COUNT(*) AS n FROM {table}"
            )
            _reference_counts[table] = rows[0]["n"]


@dataclass
class GraphQLResult:
    status_code: int
    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        assert "errors" not in self.body, self.body
        return self.body["data"]

    @property
    def error_codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.body["errors"]]


class Client:
    """Sends GraphQL requests to the app in process, optionally with a token."""

    def __init__(self, http: httpx.AsyncClient, token: str | None = None) -> None:
        self.http = http
        self.token = token

    async def execute(
        self, query: str, variables: dict[str, Any] | None = None
    ) -> GraphQLResult:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = await self.http.post(
            "/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
        return GraphQLResult(response.status_code, response.json())

    async def upload(
        self,
        query: str,
        variables: dict[str, Any],
        content: bytes,
        filename: str = "导入.xlsx",
        variable: str = "file",
    ) -> GraphQLResult:
        """Send a GraphQL multipart request with one file (the upload spec)."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        operations = {"query": query, "variables": {**variables, variable: None}}
        response = await self.http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": [f"variables.{variable}"]}),
            },
            files={"0": (filename, content, "application/octet-stream")},
            headers=headers,
        )
        return GraphQLResult(response.status_code, response.json())

    async def upload_files(
        self,
        query: str,
        variables: dict[str, Any],
        files: dict[str, tuple[str, bytes]],
    ) -> GraphQLResult:
        """Send a GraphQL multipart request with several files.

        ``files`` maps a variable path such as ``input.materials.0.file`` to a
        file name and content; ``variables`` must hold null at each path.
        """
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        operations = {"query": query, "variables": variables}
        paths = list(files)
        response = await self.http.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps(
                    {str(i): [f"variables.{path}"] for i, path in enumerate(paths)}
                ),
            },
            files={
                str(i): (files[path][0], files[path][1], "application/octet-stream")
                for i, path in enumerate(paths)
            },
            headers=headers,
        )
        return GraphQLResult(response.status_code, response.json())

    async def login(
        self, username: str, password: str = PASSWORD, unit_id: int | None = None
    ) -> "Client":
        result = await self.execute(
            LOGIN,
            {
                "username": username,
                "password": password,
                "unitId": str(unit_id) if unit_id else None,
            },
        )
        payload = result.data["login"]
        assert payload["errors"] == [], payload["errors"]
        return Client(self.http, payload["token"])


LOGIN = """
mutation Login($username: String!, $password: String!, $unitId: ID) {
  login(username: $username, password: $password, unitId: $unitId) {
    token
    errors { field code message }
  }
}
"""


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(manage_database=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver"
    ) as client:
        yield client


@pytest.fixture
def anonymous(http: httpx.AsyncClient) -> Client:
    return Client(http)


async def create_unit(number: str, region_code: str = "330302", **values) -> Unit:
    defaults = {
        "credit_code": make_credit_code(f"91{region_code}MA2J{number[-5:]}"),
        "name": f"测试单位{number}",
        "nature": "企业",
        "risk_class": 2,
        "rate_grade": 1,
        "legal_representative": "测试法人",
    }
    defaults.update(values)
    return await Unit.create(number=number, region_id=region_code, **defaults)


async def create_account(
    username: str,
    kind: AccountKind = AccountKind.UNIT_STAFF,
    unit: Unit | None = None,
    role: MembershipRole | None = None,
) -> Account:
    account = await Account.create(
        username=username,
        password_hash=PASSWORD_HASH,
        display_name=username,
        kind=kind,
    )
    if unit is not None:
        await UnitMembership.create(account=account, unit=unit, role=role)
        if role is MembershipRole.OPERATOR:
            await create_grant(unit, account)
    return account


async def create_grant(
    unit: Unit,
    account: Account,
    business_types: list[BusinessType] | None = None,
    valid_to: date = date(2030, 12, 31),
) -> Grant:
    """Give ``account`` a grant in ``unit``: full unless business types are named."""
    scope = AuthorizationScope.PRECISE if business_types else AuthorizationScope.FULL
    return await Grant.create(
        unit=unit,
        grantee=account,
        grantee_name=account.display_name,
        grantee_id_number=account.id_number,
        grantee_mobile="13800000000",
        scope=scope,
        business_types=",".join(t.value for t in business_types or []),
        valid_from=date(2024, 1, 1),
        valid_to=valid_to,
        status=GrantStatus.ACTIVE,
    )


@pytest.fixture
async def unit() -> Unit:
    return await create_unit("33030200001")


@pytest.fixture
async def other_unit() -> Unit:
    return await create_unit("33030400002", region_code="330304")


@pytest.fixture
async def legalrep(anonymous: Client, unit: Unit) -> Client:
    await create_account(
        "legalrep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    return await anonymous.login("legalrep")


@pytest.fixture
async def operator(anonymous: Client, unit: Unit) -> Client:
    await create_account("operator", unit=unit, role=MembershipRole.OPERATOR)
    return await anonymous.login("operator")


@pytest.fixture
async def other_legalrep(anonymous: Client, other_unit: Unit) -> Client:
    await create_account(
        "otherrep", unit=other_unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    return await anonymous.login("otherrep")


async def create_reviewer(username: str, region_codes: list[str]) -> Account:
    account = await create_account(username, kind=AccountKind.REVIEWER)
    for code in region_codes:
        await ReviewerRegion.create(account=account, region_id=code)
    return account


@pytest.fixture
async def reviewer(anonymous: Client) -> Client:
    await create_reviewer("reviewer", ["330302", "330304"])
    return await anonymous.login("reviewer")

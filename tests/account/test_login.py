"""Password login, the acting unit, logout and the checks on every token."""

import base64
import json
import uuid
from datetime import timedelta

import jwt
import pytest
from conftest import PASSWORD, Client, create_account, create_grant

from graph.account.models import Account, UnitMembership
from graph.account.roles import MembershipRole
from graph.account.tokens import TokenClaims, issue_token
from graph.audit.models import AuditEntry
from graph.core.clock import now
from graph.settings import get_secret_key
from tests.documents import (
    ENROLL_PERSON,
    LOGIN_WITH_ME,
    LOGOUT,
    ME,
    enroll_input,
    error_pairs,
)

WRONG_PASSWORD = "wrong-pass-9"


async def login(anonymous, username, password=PASSWORD, unit_id=None) -> dict:
    variables = {
        "username": username,
        "password": password,
        "unitId": str(unit_id) if unit_id is not None else None,
    }
    return (await anonymous.execute(LOGIN_WITH_ME, variables)).data["login"]


async def request_me(http, authorization: str):
    response = await http.post(
        "/graphql", json={"query": ME}, headers={"Authorization": authorization}
    )
    return response.json()


def error_codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body["errors"]]


@pytest.fixture
async def two_unit_account(unit, other_unit) -> Account:
    account = await create_account(
        "twounits", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    await UnitMembership.create(
        account=account, unit=other_unit, role=MembershipRole.OPERATOR
    )
    await create_grant(other_unit, account)
    return account


async def test_login_picks_only_unit(anonymous, unit):
    await create_account("rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE)
    payload = await login(anonymous, "rep")
    assert payload["errors"] == []
    assert payload["token"]
    assert payload["me"]["unit"] == {"id": str(unit.id), "name": unit.name}
    assert payload["me"]["role"] == "LEGAL_REPRESENTATIVE"


async def test_login_with_unit_id(anonymous, two_unit_account, other_unit):
    payload = await login(anonymous, "twounits", unit_id=other_unit.id)
    assert payload["errors"] == []
    assert payload["me"]["unit"] == {"id": str(other_unit.id), "name": other_unit.name}
    assert payload["me"]["role"] == "OPERATOR"


async def test_login_token_acts_for_chosen_unit(
    anonymous, two_unit_account, other_unit
):
    client = await anonymous.login("twounits", unit_id=other_unit.id)
    me = (await client.execute(ME)).data["me"]
    assert me["unit"]["id"] == str(other_unit.id)
    assert me["role"] == "OPERATOR"


async def test_login_without_unit_id_for_two_units(anonymous, two_unit_account):
    payload = await login(anonymous, "twounits")
    assert payload["errors"] == []
    assert payload["me"]["unit"] is None
    client = Client(anonymous.http, payload["token"])
    result = await client.execute(ENROLL_PERSON, {"input": enroll_input()})
    assert result.error_codes == ["FORBIDDEN"]


async def test_login_reviewer(anonymous, reviewer):
    payload = await login(anonymous, "reviewer")
    assert payload["errors"] == []
    assert payload["me"]["kind"] == "REVIEWER"
    assert payload["me"]["regionCodes"] == ["330302", "330304"]


async def test_login_failures_look_alike(anonymous, unit):
    await create_account("rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE)
    wrong_password = await login(anonymous, "rep", WRONG_PASSWORD)
    unknown_user = await login(anonymous, "nobody")
    assert error_pairs(wrong_password) == [("password", "INVALID_CREDENTIALS")]
    assert unknown_user["errors"] == wrong_password["errors"]
    assert wrong_password["token"] is None
    assert unknown_user["token"] is None


async def test_login_rejects_disabled_account(anonymous, unit):
    account = await create_account("rep", unit=unit, role=MembershipRole.OPERATOR)
    account.is_active = False
    await account.save()
    payload = await login(anonymous, "rep")
    assert error_pairs(payload) == [("username", "ACCOUNT_DISABLED")]
    assert payload["token"] is None


async def test_login_disabled_account_wrong_password(anonymous, unit):
    account = await create_account("rep", unit=unit, role=MembershipRole.OPERATOR)
    account.is_active = False
    await account.save()
    payload = await login(anonymous, "rep", WRONG_PASSWORD)
    assert error_pairs(payload) == [("password", "INVALID_CREDENTIALS")]


async def test_login_rejects_unit_of_no_membership(anonymous, unit, other_unit):
    await create_account("rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE)
    payload = await login(anonymous, "rep", unit_id=other_unit.id)
    assert error_pairs(payload) == [("unitId", "NOT_A_MEMBER")]
    assert payload["token"] is None


@pytest.mark.parametrize("unit_id", ["abc", "99999999999999999999", "-1"])
async def test_login_rejects_malformed_unit_id(anonymous, unit, unit_id):
    await create_account("rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE)
    payload = await login(anonymous, "rep", unit_id=unit_id)
    assert error_pairs(payload) == [("unitId", "NOT_FOUND")]
    assert unit_id in payload["errors"][0]["message"]


async def test_login_rejects_inactive_membership(
    anonymous, two_unit_account, other_unit
):
    await UnitMembership.filter(account=two_unit_account, unit=other_unit).update(
        is_active=False
    )
    payload = await login(anonymous, "twounits", unit_id=other_unit.id)
    assert error_pairs(payload) == [("unitId", "NOT_A_MEMBER")]


async def test_me_for_unit_staff(legalrep, unit):
    me = (await legalrep.execute(ME)).data["me"]
    assert me == {
        "username": "legalrep",
        "displayName": "legalrep",
        "kind": "UNIT_STAFF",
        "role": "LEGAL_REPRESENTATIVE",
        "regionCodes": [],
        "unit": {"id": str(unit.id), "name": unit.name},
        "units": [{"role": "LEGAL_REPRESENTATIVE", "unit": {"id": str(unit.id)}}],
    }


async def test_me_for_reviewer(reviewer):
    me = (await reviewer.execute(ME)).data["me"]
    assert me == {
        "username": "reviewer",
        "displayName": "reviewer",
        "kind": "REVIEWER",
        "role": None,
        "regionCodes": ["330302", "330304"],
        "unit": None,
        "units": [],
    }


async def test_me_requires_login(anonymous):
    result = await anonymous.execute(ME)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_logout_ends_token(legalrep):
    result = await legalrep.execute(LOGOUT)
    assert result.data["logout"] == {"ok": True}
    after = await legalrep.execute(ME)
    assert after.error_codes == ["UNAUTHENTICATED"]


async def test_logout_keeps_other_sessions(anonymous, legalrep):
    second = await anonymous.login("legalrep")
    await legalrep.execute(LOGOUT)
    result = await second.execute(ME)
    assert result.data["me"]["username"] == "legalrep"


async def test_deactivated_membership_rejects_next_request(legalrep):
    assert (await legalrep.execute(ME)).data["me"]["username"] == "legalrep"
    await UnitMembership.filter(account__username="legalrep").update(is_active=False)
    result = await legalrep.execute(ME)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_disabled_account_rejects_next_request(legalrep):
    assert (await legalrep.execute(ME)).data["me"]["username"] == "legalrep"
    await Account.filter(username="legalrep").update(is_active=False)
    result = await legalrep.execute(ME)
    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_disabled_reviewer_rejects_next_request(reviewer):
    await Account.filter(username="reviewer").update(is_active=False)
    result = await reviewer.execute(ME)
    assert result.error_codes == ["UNAUTHENTICATED"]


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def base64url(data: dict) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def signed_with(token: str, key: str) -> str:
    return jwt.encode(claims_of(token), key, algorithm="HS256")


def unsigned(token: str) -> str:
    header = base64url({"alg": "none", "typ": "JWT"})
    return f"{header}.{base64url(claims_of(token))}."


def expired(token: str) -> str:
    claims = claims_of(token)
    return issue_token(
        TokenClaims(
            session_id=uuid.UUID(claims["sid"]),
            account_id=int(claims["sub"]),
            unit_id=claims["unit"],
        ),
        issued_at=now() - timedelta(hours=9),
        lifetime=timedelta(hours=8),
    )


async def test_resigned_token_accepted(http, legalrep):
    # The forged tokens below change only the signature or the time, so this
    # shows that the claims they carry are valid.
    token = signed_with(legalrep.token, get_secret_key())
    body = await request_me(http, f"Bearer {token}")
    assert body["data"]["me"]["username"] == "legalrep"


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(
            lambda token: signed_with(token, "another-key-0123456789abcdefghijk"),
            id="other key",
        ),
        pytest.param(unsigned, id="alg none"),
        pytest.param(expired, id="expired"),
    ],
)
async def test_forged_token_unauthenticated(http, legalrep, forge):
    body = await request_me(http, f"Bearer {forge(legalrep.token)}")
    assert error_codes(body) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer ",
        "Bearer a.b.c",
        "Basic cmV2aWV3ZXI6c2VjcmV0",
        "token-without-scheme",
    ],
)
async def test_garbage_header_unauthenticated(http, header):
    body = await request_me(http, header)
    assert error_codes(body) == ["UNAUTHENTICATED"]


async def test_token_without_scheme_unauthenticated(http, legalrep):
    body = await request_me(http, legalrep.token)
    assert error_codes(body) == ["UNAUTHENTICATED"]


def audit_values(row: AuditEntry) -> str:
    return json.dumps(
        [row.action, row.username, row.target_id, row.authorization, row.detail],
        ensure_ascii=False,
    )


async def test_login_audits_success(anonymous, unit):
    account = await create_account(
        "rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    await login(anonymous, "rep")
    rows = await AuditEntry.filter(action="login.succeeded")
    assert [(r.username, r.account_id, r.unit_id) for r in rows] == [
        ("rep", account.id, unit.id)
    ]
    assert PASSWORD not in audit_values(rows[0])


async def test_login_audits_rejection(anonymous, unit):
    account = await create_account(
        "rep", unit=unit, role=MembershipRole.LEGAL_REPRESENTATIVE
    )
    await login(anonymous, "rep", WRONG_PASSWORD)
    await login(anonymous, "nobody", WRONG_PASSWORD)
    rows = await AuditEntry.filter(action="login.rejected").order_by("id")
    assert [(r.username, r.target_id) for r in rows] == [
        ("rep", str(account.id)),
        ("nobody", ""),
    ]
    assert not await AuditEntry.filter(action="login.succeeded").exists()
    for row in rows:
        assert WRONG_PASSWORD not in audit_values(row)


async def test_login_audits_disabled_account(anonymous, unit):
    account = await create_account("rep", unit=unit, role=MembershipRole.OPERATOR)
    account.is_active = False
    await account.save()
    await login(anonymous, "rep")
    assert await AuditEntry.filter(action="login.rejected", username="rep").exists()


async def test_login_audits_unit_of_no_membership(anonymous, unit, other_unit):
    await create_account("rep", unit=unit, role=MembershipRole.OPERATOR)
    await login(anonymous, "rep", unit_id=other_unit.id)
    assert await AuditEntry.filter(action="login.rejected", username="rep").exists()


async def test_logout_writes_audit_row(legalrep):
    await legalrep.execute(LOGOUT)
    rows = await AuditEntry.filter(action="logout")
    assert [r.username for r in rows] == ["legalrep"]

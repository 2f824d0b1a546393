from datetime import timedelta

from conftest import create_account, create_grant

from graph.account.models import UnitMembership
from graph.account.roles import MembershipRole
from graph.audit.models import AuditEntry
from graph.authz.codes import BusinessType
from graph.authz.models import Grant
from graph.core.clock import today
from tests.documents import (
    ENROLL_PERSON,
    SUSPEND_PERSON,
    WITHDRAW_DECLARATION,
    enroll_input,
    ssn,
)

GRANT = """
mutation Grant($input: GrantAuthorizationInput!) {
  grantAuthorization(input: $input) {
    authorization { id name idNumber scope businessTypes status inForce linked }
    errors { field code message }
  }
}
"""

CHANGE = """
mutation Change($id: ID!, $input: ChangeAuthorizationInput!) {
  changeAuthorization(id: $id, input: $input) {
    authorization { scope businessTypes validTo }
    errors { field code message }
  }
}
"""

REVOKE = """
mutation Revoke($id: ID!) {
  revokeAuthorization(id: $id) {
    authorization { status inForce }
    errors { field code message }
  }
}
"""

AUTHORIZATIONS = """
query List($full: Boolean) {
  authorizations(fullValues: $full) { id name idNumber mobile scope status }
}
"""

OPERATOR_ID = ssn(sequence=77)


def grant_input(**overrides) -> dict:
    values = {
        "name": "李经办",
        "idNumber": OPERATOR_ID,
        "mobile": "13711112222",
        "scope": "PRECISE",
        "businessTypes": ["ENROLLMENT"],
        "validFrom": (today() - timedelta(days=30)).isoformat(),
        "validTo": (today() + timedelta(days=365)).isoformat(),
    }
    values.update(overrides)
    return values


async def make_operator_account():
    account = await create_account("lijingban")
    account.id_number = OPERATOR_ID
    await account.save()
    return account


def pairs(payload: dict) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_grant_links_existing_account(legalrep, unit):
    account = await make_operator_account()

    payload = (await legalrep.execute(GRANT, {"input": grant_input()})).data[
        "grantAuthorization"
    ]

    assert payload["errors"] == []
    assert payload["authorization"]["linked"] is True
    assert payload["authorization"]["inForce"] is True
    assert payload["authorization"]["businessTypes"] == ["ENROLLMENT"]
    assert await UnitMembership.exists(
        account_id=account.id, unit_id=unit.id, role=MembershipRole.OPERATOR
    )


async def test_precise_grant_limits_business(legalrep, anonymous, unit):
    await make_operator_account()
    await legalrep.execute(GRANT, {"input": grant_input()})
    operator = await anonymous.login("lijingban")

    enrolled = await operator.execute(ENROLL_PERSON, {"input": enroll_input()})
    suspended = await operator.execute(
        SUSPEND_PERSON,
        {"input": {"ssn": ssn(), "reason": "RESIGNATION", "suspendDate": "2026-06-30"}},
    )

    assert enrolled.data["enrollPerson"]["errors"] == []
    assert suspended.error_codes == ["FORBIDDEN"]
    assert "职工暂停参保" in suspended.body["errors"][0]["message"]


async def test_revoked_grant_refused_next_request(legalrep, anonymous, unit):
    await make_operator_account()
    granted = await legalrep.execute(GRANT, {"input": grant_input()})
    grant_id = granted.data["grantAuthorization"]["authorization"]["id"]
    operator = await anonymous.login("lijingban")
    before = await operator.execute(ENROLL_PERSON, {"input": enroll_input()})

    revoked = await legalrep.execute(REVOKE, {"id": grant_id})
    after = await operator.execute("{ me { username } }")

    assert before.data["enrollPerson"]["errors"] == []
    assert revoked.data["revokeAuthorization"]["authorization"]["status"] == "REVOKED"
    assert after.error_codes == ["UNAUTHENTICATED"]
    assert "授权已撤销或已过期" in after.body["errors"][0]["message"]


async def test_expired_grant_refused(anonymous, unit):
    account = await create_account("expired")
    await UnitMembership.create(
        account=account, unit=unit, role=MembershipRole.OPERATOR
    )
    grant = await create_grant(unit, account)
    operator = await anonymous.login("expired")
    grant.valid_to = today() - timedelta(days=1)
    await grant.save()

    result = await operator.execute(ENROLL_PERSON, {"input": enroll_input()})

    assert result.error_codes == ["UNAUTHENTICATED"]


async def test_change_widens_precise_grant(legalrep, anonymous, unit):
    await make_operator_account()
    granted = await legalrep.execute(GRANT, {"input": grant_input()})
    grant_id = granted.data["grantAuthorization"]["authorization"]["id"]
    operator = await anonymous.login("lijingban")

    changed = await legalrep.execute(
        CHANGE,
        {
            "id": grant_id,
            "input": {
                "scope": "FULL",
                "businessTypes": [],
                "validFrom": (today() - timedelta(days=1)).isoformat(),
                "validTo": (today() + timedelta(days=200)).isoformat(),
            },
        },
    )
    suspended = await operator.execute(
        SUSPEND_PERSON,
        {"input": {"ssn": ssn(), "reason": "RESIGNATION", "suspendDate": "2026-06-30"}},
    )

    assert changed.data["changeAuthorization"]["authorization"]["scope"] == "FULL"
    assert suspended.data["suspendPerson"]["errors"][0]["code"] == (
        "NOT_INSURED_IN_UNIT"
    )


async def test_withdraw_needs_business_type(legalrep, anonymous, unit):
    account = await create_account("enrollonly")
    await UnitMembership.create(
        account=account, unit=unit, role=MembershipRole.OPERATOR
    )
    await create_grant(unit, account, [BusinessType.SUSPENSION])
    operator = await anonymous.login("enrollonly")
    enrolled = await legalrep.execute(ENROLL_PERSON, {"input": enroll_input()})
    declaration_id = enrolled.data["enrollPerson"]["declaration"]["id"]

    result = await operator.execute(WITHDRAW_DECLARATION, {"id": declaration_id})

    assert result.error_codes == ["FORBIDDEN"]


async def test_operator_cannot_grant(operator):
    result = await operator.execute(GRANT, {"input": grant_input()})

    assert result.error_codes == ["FORBIDDEN"]
    assert await Grant.filter(grantee_id_number=OPERATOR_ID).count() == 0


async def test_grant_rejects_bad_input(legalrep):
    wrong = OPERATOR_ID[:-1] + ("0" if OPERATOR_ID[-1] != "0" else "1")
    long_ago = (today() - timedelta(days=60)).isoformat()
    far_ahead = (today() + timedelta(days=6 * 366)).isoformat()
    cases = [
        (grant_input(idNumber=wrong), [("idNumber", "INVALID_CHECK_CHARACTER")]),
        (grant_input(businessTypes=[]), [("businessTypes", "REQUIRED")]),
        (grant_input(validTo=long_ago), [("validTo", "INVALID_PERIOD")]),
        (grant_input(validTo=far_ahead), [("validTo", "INVALID_PERIOD")]),
        (grant_input(mobile="12345"), [("mobile", "INVALID_MOBILE")]),
        (grant_input(name="  "), [("name", "REQUIRED")]),
    ]
    for values, expected in cases:
        payload = (await legalrep.execute(GRANT, {"input": values})).data[
            "grantAuthorization"
        ]
        assert pairs(payload) == expected, values

    assert await Grant.all().count() == 0


async def test_grant_rejects_duplicate(legalrep):
    await legalrep.execute(GRANT, {"input": grant_input()})

    payload = (await legalrep.execute(GRANT, {"input": grant_input()})).data[
        "grantAuthorization"
    ]

    assert pairs(payload) == [("idNumber", "ALREADY_GRANTED")]


async def test_authorizations_masked_in_list(legalrep):
    await legalrep.execute(GRANT, {"input": grant_input()})

    masked = (await legalrep.execute(AUTHORIZATIONS, {})).data["authorizations"]
    full = (await legalrep.execute(AUTHORIZATIONS, {"full": True})).data[
        "authorizations"
    ]

    assert masked[0]["idNumber"] != OPERATOR_ID
    assert masked[0]["mobile"] == "137****2222"
    assert full[0]["idNumber"] == OPERATOR_ID


async def test_revoke_other_unit_not_found(legalrep, other_legalrep):
    granted = await legalrep.execute(GRANT, {"input": grant_input()})
    grant_id = granted.data["grantAuthorization"]["authorization"]["id"]

    payload = (await other_legalrep.execute(REVOKE, {"id": grant_id})).data[
        "revokeAuthorization"
    ]

    assert pairs(payload) == [("id", "NOT_FOUND")]
    assert await Grant.filter(id=int(grant_id), status="ACTIVE").exists()


async def test_grant_and_revoke_audited(legalrep):
    granted = await legalrep.execute(GRANT, {"input": grant_input()})
    grant_id = granted.data["grantAuthorization"]["authorization"]["id"]
    await legalrep.execute(REVOKE, {"id": grant_id})

    actions = await AuditEntry.filter(target_type="grant").values_list(
        "action", flat=True
    )

    assert sorted(actions) == ["authorization.granted", "authorization.revoked"]

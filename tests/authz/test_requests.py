from datetime import timedelta

from conftest import create_account

from graph.account.models import UnitMembership
from graph.account.roles import MembershipRole
from graph.authz.models import Grant
from graph.core.clock import today
from tests.documents import ENROLL_PERSON, enroll_input, ssn

REQUEST = """
mutation Ask($input: RequestAuthorizationInput!) {
  requestAuthorization(input: $input) {
    authorization { id status scope } errors { field code message }
  }
}
"""
DECIDE = """
mutation Decide($id: ID!, $approve: Boolean!) {
  reviewAuthorizationRequest(id: $id, approve: $approve) {
    authorization { status linked } errors { field code message }
  }
}
"""
APPOINT = """
mutation Appoint($idNumber: String!) {
  appointLicenceAdministrator(idNumber: $idNumber) {
    ok errors { field code message }
  }
}
"""
GRANT = """
mutation Grant($input: GrantAuthorizationInput!) {
  grantAuthorization(input: $input) { errors { field code message } }
}
"""


def request_input(unit, **overrides) -> dict:
    values = {
        "creditCode": unit.credit_code,
        "scope": "FULL",
        "businessTypes": [],
        "validFrom": today().isoformat(),
        "validTo": (today() + timedelta(days=90)).isoformat(),
    }
    values.update(overrides)
    return values


async def real_name_account(username: str, sequence: int):
    account = await create_account(username)
    account.id_number = ssn(sequence=sequence)
    account.mobile = "13600001111"
    await account.save()
    return account


async def test_request_approved_lets_operator_work(anonymous, legalrep, unit):
    await real_name_account("asker", 81)
    asker = await anonymous.login("asker")

    requested = (await asker.execute(REQUEST, {"input": request_input(unit)})).data[
        "requestAuthorization"
    ]
    decided = (
        await legalrep.execute(
            DECIDE, {"id": requested["authorization"]["id"], "approve": True}
        )
    ).data["reviewAuthorizationRequest"]
    operator = await anonymous.login("asker", unit_id=unit.id)
    enrolled = await operator.execute(ENROLL_PERSON, {"input": enroll_input()})

    assert requested["authorization"]["status"] == "REQUESTED"
    assert decided["authorization"] == {"status": "ACTIVE", "linked": True}
    assert enrolled.data["enrollPerson"]["errors"] == []


async def test_rejected_request_grants_nothing(anonymous, legalrep, unit):
    account = await real_name_account("asker", 82)
    asker = await anonymous.login("asker")
    requested = (await asker.execute(REQUEST, {"input": request_input(unit)})).data[
        "requestAuthorization"
    ]

    decided = (
        await legalrep.execute(
            DECIDE, {"id": requested["authorization"]["id"], "approve": False}
        )
    ).data["reviewAuthorizationRequest"]

    assert decided["authorization"]["status"] == "REJECTED"
    assert not await UnitMembership.exists(account_id=account.id, unit_id=unit.id)


async def test_request_needs_real_name(anonymous, unit):
    await create_account("anonymousname")
    asker = await anonymous.login("anonymousname")

    payload = (await asker.execute(REQUEST, {"input": request_input(unit)})).data[
        "requestAuthorization"
    ]

    assert [e["code"] for e in payload["errors"]] == ["REQUIRED"]
    assert await Grant.all().count() == 0


async def test_request_unknown_unit(anonymous, unit):
    await real_name_account("asker", 83)
    asker = await anonymous.login("asker")
    unknown = "91330302MA2J7KQ15N"

    payload = (
        await asker.execute(REQUEST, {"input": request_input(unit, creditCode=unknown)})
    ).data["requestAuthorization"]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("creditCode", "NOT_FOUND")
    ]


async def test_request_twice_rejected(anonymous, unit):
    await real_name_account("asker", 84)
    asker = await anonymous.login("asker")
    await asker.execute(REQUEST, {"input": request_input(unit)})

    payload = (await asker.execute(REQUEST, {"input": request_input(unit)})).data[
        "requestAuthorization"
    ]

    assert [e["code"] for e in payload["errors"]] == ["ALREADY_GRANTED"]


async def test_sixth_administrator_refused(legalrep, unit):
    for sequence in range(5):
        await real_name_account(f"admin{sequence}", 90 + sequence)
        payload = (
            await legalrep.execute(APPOINT, {"idNumber": ssn(sequence=90 + sequence)})
        ).data["appointLicenceAdministrator"]
        assert payload["ok"] is True
    await real_name_account("admin5", 95)

    payload = (await legalrep.execute(APPOINT, {"idNumber": ssn(sequence=95)})).data[
        "appointLicenceAdministrator"
    ]

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("idNumber", "LIMIT_REACHED")
    ]
    count = await UnitMembership.filter(
        unit_id=unit.id, role=MembershipRole.LICENCE_ADMINISTRATOR
    ).count()
    assert count == 5


async def test_administrator_may_grant(anonymous, legalrep, unit):
    await real_name_account("admin", 96)
    await legalrep.execute(APPOINT, {"idNumber": ssn(sequence=96)})
    admin = await anonymous.login("admin", unit_id=unit.id)

    payload = (
        await admin.execute(
            GRANT,
            {
                "input": {
                    "name": "王经办",
                    "idNumber": ssn(sequence=97),
                    "mobile": "13711112222",
                    "scope": "FULL",
                    "validFrom": today().isoformat(),
                    "validTo": (today() + timedelta(days=30)).isoformat(),
                }
            },
        )
    ).data["grantAuthorization"]

    assert payload["errors"] == []


async def test_operator_cannot_appoint(operator):
    result = await operator.execute(APPOINT, {"idNumber": ssn(sequence=98)})

    assert result.error_codes == ["FORBIDDEN"]

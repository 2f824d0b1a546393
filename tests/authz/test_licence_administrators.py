from conftest import create_account

from graph.account.models import UnitMembership
from graph.account.roles import MembershipRole
from graph.authz.codes import CredentialKind
from graph.authz.models import Licence
from tests.documents import ssn

APPOINT = """
mutation Appoint($idNumber: String!) {
  appointLicenceAdministrator(idNumber: $idNumber) {
    ok errors { field code message }
  }
}
"""
ADMINISTRATORS = "{ licenceAdministrators { id name idNumber } }"
REMOVE = """
mutation Remove($id: ID!) {
  removeLicenceAdministrator(id: $id) { ok errors { field code message } }
}
"""
CREDENTIALS = "{ me { units { unit { name } role credentials { kind holderName } } } }"


async def appoint(legalrep, username: str, sequence: int) -> None:
    account = await create_account(username)
    account.display_name = f"管理员{sequence}"
    account.id_number = ssn(sequence=sequence)
    await account.save()
    payload = (await legalrep.execute(APPOINT, {"idNumber": account.id_number})).data
    assert payload["appointLicenceAdministrator"]["errors"] == []


async def test_administrators_listed_masked(legalrep, unit):
    await appoint(legalrep, "admin1", 71)
    await appoint(legalrep, "admin2", 72)

    rows = (await legalrep.execute(ADMINISTRATORS)).data["licenceAdministrators"]

    assert [row["name"] for row in rows] == ["管理员71", "管理员72"]
    number = ssn(sequence=71)
    assert rows[0]["idNumber"] != number
    assert rows[0]["idNumber"][:3] == number[:3]


async def test_remove_administrator_ends_access(anonymous, legalrep, unit):
    await appoint(legalrep, "admin", 73)
    admin = await anonymous.login("admin", unit_id=unit.id)
    rows = (await legalrep.execute(ADMINISTRATORS)).data["licenceAdministrators"]

    payload = (await legalrep.execute(REMOVE, {"id": rows[0]["id"]})).data[
        "removeLicenceAdministrator"
    ]

    assert payload == {"ok": True, "errors": []}
    assert (await legalrep.execute(ADMINISTRATORS)).data["licenceAdministrators"] == []
    after = await admin.execute("{ authorizations { id } }")
    assert after.error_codes == ["UNAUTHENTICATED"]


async def test_removed_slot_takes_new_administrator(legalrep, unit):
    for sequence in range(5):
        await appoint(legalrep, f"admin{sequence}", 80 + sequence)
    rows = (await legalrep.execute(ADMINISTRATORS)).data["licenceAdministrators"]
    await legalrep.execute(REMOVE, {"id": rows[0]["id"]})

    await appoint(legalrep, "admin5", 85)

    active = await UnitMembership.filter(
        unit_id=unit.id, role=MembershipRole.LICENCE_ADMINISTRATOR, is_active=True
    ).count()
    assert active == 5


async def test_remove_unknown_administrator(legalrep, unit):
    payload = (await legalrep.execute(REMOVE, {"id": "999"})).data[
        "removeLicenceAdministrator"
    ]

    assert payload["ok"] is False
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "NOT_FOUND")]
    assert "999" in payload["errors"][0]["message"]


async def test_remove_refuses_other_units_administrator(legalrep, other_legalrep):
    await appoint(other_legalrep, "otheradmin", 74)
    others = await UnitMembership.get(account__username="otheradmin")

    payload = (await legalrep.execute(REMOVE, {"id": str(others.id)})).data[
        "removeLicenceAdministrator"
    ]

    assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    assert (await UnitMembership.get(id=others.id)).is_active is True


async def test_operator_cannot_list_or_remove(operator):
    listed = await operator.execute(ADMINISTRATORS)
    removed = await operator.execute(REMOVE, {"id": "1"})

    assert listed.error_codes == ["FORBIDDEN"]
    assert removed.error_codes == ["FORBIDDEN"]


async def test_me_lists_unit_credentials(legalrep, unit):
    from graph.account.models import Account

    holder = await Account.get(username="legalrep")
    for kind in (CredentialKind.DIGITAL_CERTIFICATE, CredentialKind.BUSINESS_LICENCE):
        await Licence.create(unit=unit, kind=kind, holder=holder, pin_hash="x")

    units = (await legalrep.execute(CREDENTIALS)).data["me"]["units"]

    assert len(units) == 1
    assert [c["kind"] for c in units[0]["credentials"]] == [
        "BUSINESS_LICENCE",
        "DIGITAL_CERTIFICATE",
    ]
    assert units[0]["credentials"][0]["holderName"] == holder.display_name


async def test_me_unit_without_credentials(operator, unit):
    units = (await operator.execute(CREDENTIALS)).data["me"]["units"]

    assert units[0]["credentials"] == []

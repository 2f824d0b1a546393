from datetime import timedelta

from conftest import PASSWORD_HASH, create_account

from graph.account.roles import MembershipRole
from graph.authz.codes import CredentialKind
from graph.authz.models import Licence, LoginTicket
from graph.core.clock import now
from graph.schema import schema

PIN = "secret-pass-1"

CREATE = """mutation { createLoginTicket { ticket secret qrContent expiresAt } }"""
POLL = """
query Poll($ticket: String!, $secret: String!) {
  loginTicket(ticket: $ticket, secret: $secret) { status token }
}
"""
SCAN = """
mutation Scan($ticket: String!) {
  scanLoginTicket(ticket: $ticket) {
    systemName units { unit { id name } role } errors { field code message }
  }
}
"""
CONFIRM = """
mutation Confirm($ticket: String!, $unitId: ID!, $pin: String!,
                 $kind: CredentialKind) {
  confirmLoginTicket(ticket: $ticket, unitId: $unitId, pin: $pin,
                     credentialKind: $kind) {
    status errors { field code message }
  }
}
"""
CANCEL = """
mutation Cancel($ticket: String!) {
  cancelLoginTicket(ticket: $ticket) { status errors { field code message } }
}
"""
SUBSCRIBE = """
subscription Watch($ticket: String!, $secret: String!) {
  loginTicketStatus(ticket: $ticket, secret: $secret) { status token }
}
"""


async def new_ticket(anonymous) -> dict:
    return (await anonymous.execute(CREATE)).data["createLoginTicket"]


async def add_licence(unit, holder_username: str = "legalrep") -> None:
    from graph.account.models import Account

    holder = await Account.get(username=holder_username)
    for kind in CredentialKind:
        await Licence.create(
            unit=unit, kind=kind, holder=holder, pin_hash=PASSWORD_HASH
        )


def codes(payload: dict) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def test_scan_login_full_flow(anonymous, legalrep, unit):
    await add_licence(unit)
    ticket = await new_ticket(anonymous)
    poll = {"ticket": ticket["ticket"], "secret": ticket["secret"]}

    waiting = (await anonymous.execute(POLL, poll)).data["loginTicket"]
    scanned = (await legalrep.execute(SCAN, {"ticket": ticket["qrContent"]})).data[
        "scanLoginTicket"
    ]
    after_scan = (await anonymous.execute(POLL, poll)).data["loginTicket"]
    wrong_pin = (
        await legalrep.execute(
            CONFIRM, {"ticket": ticket["ticket"], "unitId": str(unit.id), "pin": "0"}
        )
    ).data["confirmLoginTicket"]
    confirmed = (
        await legalrep.execute(
            CONFIRM, {"ticket": ticket["ticket"], "unitId": str(unit.id), "pin": PIN}
        )
    ).data["confirmLoginTicket"]
    collected = (await anonymous.execute(POLL, poll)).data["loginTicket"]
    replay = await anonymous.execute(POLL, poll)

    assert waiting == {"status": "WAITING", "token": None}
    assert scanned["systemName"] == "社会保险网上服务系统"
    assert scanned["units"][0]["unit"]["id"] == str(unit.id)
    assert after_scan["status"] == "SCANNED"
    assert codes(wrong_pin) == [("pin", "INVALID_PIN")]
    assert confirmed["status"] == "CONFIRMED"
    assert collected["status"] == "CONFIRMED"
    assert collected["token"]
    assert replay.error_codes == ["BAD_USER_INPUT"]

    portal = type(anonymous)(anonymous.http, collected["token"])
    me = (await portal.execute("{ me { username unit { id } } }")).data["me"]
    assert me == {"username": "legalrep", "unit": {"id": str(unit.id)}}


async def test_certificate_kind_recorded_on_session(anonymous, legalrep, unit):
    await add_licence(unit)
    ticket = await new_ticket(anonymous)
    poll = {"ticket": ticket["ticket"], "secret": ticket["secret"]}
    await legalrep.execute(SCAN, {"ticket": ticket["qrContent"]})
    variables = {"ticket": ticket["ticket"], "unitId": str(unit.id), "pin": PIN}

    await legalrep.execute(CONFIRM, {**variables, "kind": "DIGITAL_CERTIFICATE"})
    token = (await anonymous.execute(POLL, poll)).data["loginTicket"]["token"]

    portal = type(anonymous)(anonymous.http, token)
    me = (await portal.execute("{ me { loginMethod } }")).data["me"]
    assert me == {"loginMethod": "DIGITAL_CERTIFICATE"}
    row = await LoginTicket.get(ticket=ticket["ticket"])
    assert row.credential_kind == CredentialKind.DIGITAL_CERTIFICATE
    password = (await legalrep.execute("{ me { loginMethod } }")).data["me"]
    assert password == {"loginMethod": "PASSWORD"}


async def test_ticket_needs_portal_secret(anonymous, legalrep, unit):
    ticket = await new_ticket(anonymous)

    result = await anonymous.execute(
        POLL, {"ticket": ticket["ticket"], "secret": "photographed-qr-code"}
    )

    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_expired_ticket_refused(anonymous, legalrep, unit):
    ticket = await new_ticket(anonymous)
    await LoginTicket.filter(ticket=ticket["ticket"]).update(
        expires_at=now() - timedelta(seconds=1)
    )

    polled = (
        await anonymous.execute(
            POLL, {"ticket": ticket["ticket"], "secret": ticket["secret"]}
        )
    ).data["loginTicket"]
    scanned = (await legalrep.execute(SCAN, {"ticket": ticket["ticket"]})).data[
        "scanLoginTicket"
    ]

    assert polled["status"] == "EXPIRED"
    assert codes(scanned) == [("ticket", "TICKET_EXPIRED")]


async def test_cancel_seen_by_portal(anonymous, legalrep, unit):
    ticket = await new_ticket(anonymous)
    await legalrep.execute(SCAN, {"ticket": ticket["ticket"]})

    cancelled = (await legalrep.execute(CANCEL, {"ticket": ticket["ticket"]})).data[
        "cancelLoginTicket"
    ]
    polled = (
        await anonymous.execute(
            POLL, {"ticket": ticket["ticket"], "secret": ticket["secret"]}
        )
    ).data["loginTicket"]

    assert cancelled["status"] == "CANCELLED"
    assert polled == {"status": "CANCELLED", "token": None}


async def test_ticket_scanned_by_another_refused(anonymous, legalrep, operator, unit):
    ticket = await new_ticket(anonymous)
    await legalrep.execute(SCAN, {"ticket": ticket["ticket"]})

    result = (await operator.execute(SCAN, {"ticket": ticket["ticket"]})).data[
        "scanLoginTicket"
    ]

    assert codes(result) == [("ticket", "TICKET_USED")]


async def test_operator_confirms_with_own_pin(anonymous, unit):
    account = await create_account("pinop", unit=unit, role=MembershipRole.OPERATOR)
    account.pin_hash = PASSWORD_HASH
    await account.save()
    operator = await anonymous.login("pinop")
    ticket = await new_ticket(anonymous)
    await operator.execute(SCAN, {"ticket": ticket["ticket"]})

    confirmed = (
        await operator.execute(
            CONFIRM,
            {
                "ticket": ticket["ticket"],
                "unitId": str(unit.id),
                "pin": PIN,
                "kind": "DIGITAL_CERTIFICATE",
            },
        )
    ).data["confirmLoginTicket"]

    assert confirmed["status"] == "CONFIRMED"
    row = await LoginTicket.get(ticket=ticket["ticket"])
    assert row.credential_kind is CredentialKind.DIGITAL_CERTIFICATE


async def test_subscription_sends_each_status(anonymous, legalrep, unit):
    await add_licence(unit)
    ticket = await new_ticket(anonymous)
    stream = await schema.subscribe(
        SUBSCRIBE,
        variable_values={"ticket": ticket["ticket"], "secret": ticket["secret"]},
    )
    first = await anext(stream)
    await legalrep.execute(SCAN, {"ticket": ticket["ticket"]})
    second = await anext(stream)
    await legalrep.execute(
        CONFIRM, {"ticket": ticket["ticket"], "unitId": str(unit.id), "pin": PIN}
    )
    third = await anext(stream)

    assert first.data["loginTicketStatus"]["status"] == "WAITING"
    assert second.data["loginTicketStatus"]["status"] == "SCANNED"
    assert third.data["loginTicketStatus"]["status"] == "CONFIRMED"
    assert third.data["loginTicketStatus"]["token"]


async def test_ticket_comes_with_svg_qr_code(anonymous):
    created = (await anonymous.execute("mutation { createLoginTicket { qrSvg } }")).data

    assert created["createLoginTicket"]["qrSvg"].startswith("<svg")


async def test_portal_page_served_offline(http):
    page = await http.get("/portal/")
    script = await http.get("/portal/portal.js")

    assert page.status_code == 200
    assert "电子营业执照扫码登录" in page.text
    assert "https://" not in page.text
    assert script.status_code == 200
    assert "loginTicketStatus" in script.text

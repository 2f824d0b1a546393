"""withdrawDeclaration: only the unit's own pending declarations become void."""

import pytest

from graph.audit.models import AuditEntry
from graph.declaration.models import Declaration
from graph.insurance.models import InsuranceRecord
from tests.documents import (
    DECLARATIONS,
    WITHDRAW_DECLARATION,
    enroll,
    error_pairs,
    review,
    ssn,
)

NUMBER = ssn(sequence=12)


async def withdraw(client, declaration_id: str) -> dict:
    result = await client.execute(WITHDRAW_DECLARATION, {"id": declaration_id})
    return result.data["withdrawDeclaration"]


async def status_of(declaration_id: str) -> str:
    declaration = await Declaration.get(id=int(declaration_id))
    return declaration.status.value


@pytest.fixture
async def pending(legalrep) -> str:
    payload = await enroll(legalrep, ssn=NUMBER)
    assert payload["errors"] == []
    return payload["declaration"]["id"]


async def test_withdraw_pending_declaration(legalrep, pending):
    payload = await withdraw(legalrep, pending)
    assert payload["errors"] == []
    assert payload["declaration"] == {
        "id": pending,
        "status": "WITHDRAWN",
        "canWithdraw": False,
    }
    assert await status_of(pending) == "WITHDRAWN"


async def test_withdraw_shows_in_declaration_list(legalrep, pending):
    await withdraw(legalrep, pending)
    page = (await legalrep.execute(DECLARATIONS)).data["declarations"]
    assert [(d["id"], d["status"], d["canWithdraw"]) for d in page["items"]] == [
        (pending, "WITHDRAWN", False)
    ]


async def test_withdraw_writes_audit_row(legalrep, pending, unit):
    await withdraw(legalrep, pending)
    rows = await AuditEntry.filter(action="declaration.withdrawn", target_id=pending)
    assert [(r.username, r.unit_id, r.authorization) for r in rows] == [
        ("legalrep", unit.id, "LEGAL_REPRESENTATIVE")
    ]


async def test_withdraw_by_operator(legalrep, operator, pending):
    payload = await withdraw(operator, pending)
    assert payload["errors"] == []
    assert await status_of(pending) == "WITHDRAWN"


async def test_withdraw_twice_not_pending(legalrep, pending):
    await withdraw(legalrep, pending)
    payload = await withdraw(legalrep, pending)
    assert error_pairs(payload) == [("id", "NOT_PENDING")]
    assert payload["declaration"] is None
    assert await status_of(pending) == "WITHDRAWN"


async def test_withdraw_approved_not_pending(legalrep, reviewer, pending):
    await review(reviewer, pending)
    payload = await withdraw(legalrep, pending)
    assert error_pairs(payload) == [("id", "NOT_PENDING")]
    assert await status_of(pending) == "APPROVED"


async def test_withdraw_other_units_not_found(other_legalrep, pending):
    payload = await withdraw(other_legalrep, pending)
    assert error_pairs(payload) == [("id", "NOT_FOUND")]
    assert await status_of(pending) == "PENDING"


@pytest.mark.parametrize("declaration_id", ["abc", "99999999999999999999", "-1"])
async def test_withdraw_bad_id_not_found(legalrep, pending, declaration_id):
    payload = await withdraw(legalrep, declaration_id)
    assert error_pairs(payload) == [("id", "NOT_FOUND")]
    assert await status_of(pending) == "PENDING"


async def test_withdrawn_cannot_be_approved(legalrep, reviewer, pending):
    await withdraw(legalrep, pending)
    payload = await review(reviewer, pending)
    assert error_pairs(payload) == [("id", "NOT_PENDING")]
    assert await status_of(pending) == "WITHDRAWN"
    assert await InsuranceRecord.all().count() == 0


async def test_withdraw_allows_new_submission(legalrep, pending):
    await withdraw(legalrep, pending)
    payload = await enroll(legalrep, ssn=NUMBER, enrollDate="2026-04-01")
    assert payload["errors"] == []
    assert payload["declaration"]["status"] == "PENDING"


async def test_withdraw_forbidden_for_reviewer(reviewer, pending):
    result = await reviewer.execute(WITHDRAW_DECLARATION, {"id": pending})
    assert result.error_codes == ["FORBIDDEN"]
    assert await status_of(pending) == "PENDING"

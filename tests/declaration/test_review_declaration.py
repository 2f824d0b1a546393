"""reviewDeclaration: approval applies the change, rejection and refusals don't."""

from datetime import date
from decimal import Decimal

import pytest
from conftest import create_reviewer

from graph.audit.models import AuditEntry
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.person.models import Person
from tests.documents import (
    REVIEW_DECLARATION,
    enroll,
    enroll_and_approve,
    error_pairs,
    insure,
    review,
    ssn,
    suspend,
)

NUMBER = ssn(sequence=11)


async def status_of(declaration_id: str) -> str:
    declaration = await Declaration.get(id=int(declaration_id))
    return declaration.status.value


@pytest.fixture
async def pending(legalrep) -> str:
    """Return the id of a pending enrollment of NUMBER in ``unit``."""
    payload = await enroll(
        legalrep, ssn=NUMBER, name="孙八", mobile="13700137000", declaredWage="9000"
    )
    assert payload["errors"] == []
    return payload["declaration"]["id"]


async def test_approve_enrollment_returns_approved(reviewer, pending):
    payload = await review(reviewer, pending, comment="材料齐全")
    assert payload["errors"] == []
    assert payload["declaration"] == {
        "id": pending,
        "status": "APPROVED",
        "reviewComment": "材料齐全",
        "reviewerName": "reviewer",
    }


async def test_approve_enrollment_creates_person(reviewer, pending):
    await review(reviewer, pending)
    person = await Person.get(ssn=NUMBER)
    assert (person.name, person.mobile, person.birth_date) == (
        "孙八",
        "13700137000",
        date(1990, 3, 15),
    )


async def test_approve_enrollment_creates_records(reviewer, pending, unit):
    await review(reviewer, pending)
    records = await InsuranceRecord.filter(person__ssn=NUMBER).order_by(
        "insurance_type"
    )
    assert [
        (
            r.unit_id,
            r.insurance_type,
            r.status,
            r.enroll_date,
            r.first_enroll_month,
            r.base,
        )
        for r in records
    ] == [
        (
            unit.id,
            insurance_type,
            InsuranceStatus.ACTIVE,
            date(2026, 3, 1),
            "202603",
            Decimal("9000.00"),
        )
        for insurance_type in InsuranceType
    ]


async def test_approve_enrollment_links_person(reviewer, pending):
    await review(reviewer, pending)
    declaration = await Declaration.get(id=int(pending))
    person = await Person.get(ssn=NUMBER)
    assert declaration.person_id == person.id


async def test_approve_writes_audit_rows(reviewer, pending, unit):
    await review(reviewer, pending)
    rows = await AuditEntry.filter(
        target_type="declaration", target_id=pending
    ).order_by("id")
    assert [(r.action, r.username, r.unit_id, r.authorization) for r in rows] == [
        ("declaration.submitted", "legalrep", unit.id, "LEGAL_REPRESENTATIVE"),
        ("declaration.approved", "reviewer", unit.id, "REVIEWER"),
    ]


async def test_approve_suspension_suspends_records(legalrep, reviewer, unit):
    person = await insure(unit, NUMBER)
    submitted = await suspend(legalrep, NUMBER, reason="DISMISSAL", remark="合同到期")
    payload = await review(reviewer, submitted["declaration"]["id"])
    assert payload["errors"] == []
    records = await InsuranceRecord.filter(person=person)
    assert {
        (r.status, r.suspend_date, r.suspension_reason, r.suspension_remark)
        for r in records
    } == {(InsuranceStatus.SUSPENDED, date(2026, 6, 30), "DISMISSAL", "合同到期")}


async def test_reject_requires_comment(reviewer, pending):
    payload = await review(reviewer, pending, approve=False, comment=" \u3000")
    assert error_pairs(payload) == [("comment", "COMMENT_REQUIRED")]
    assert payload["declaration"] is None
    assert await status_of(pending) == "PENDING"


async def test_review_rejects_long_comment(reviewer, pending):
    payload = await review(reviewer, pending, approve=False, comment="驳" * 501)
    assert error_pairs(payload) == [("comment", "TOO_LONG")]
    assert await status_of(pending) == "PENDING"


async def test_review_accepts_500_character_comment(reviewer, pending):
    payload = await review(reviewer, pending, approve=False, comment="驳" * 500)
    assert payload["errors"] == []
    declaration = await Declaration.get(id=int(pending))
    assert declaration.review_comment == "驳" * 500


async def test_reject_with_comment(reviewer, pending):
    payload = await review(reviewer, pending, approve=False, comment="工资证明缺失")
    assert payload["errors"] == []
    assert payload["declaration"]["status"] == "REJECTED"
    assert payload["declaration"]["reviewComment"] == "工资证明缺失"
    assert await InsuranceRecord.all().count() == 0
    assert await Person.all().count() == 0


async def test_reject_leaves_person_untouched(legalrep, reviewer, unit):
    await insure(
        unit,
        NUMBER,
        name="孙八",
        status=InsuranceStatus.SUSPENDED,
        suspend_date=date(2026, 5, 31),
        mobile="13900139000",
    )
    submitted = await enroll(
        legalrep,
        ssn=NUMBER,
        name="孙八",
        mobile="13600136000",
        enrollDate="2026-07-01",
        declaredWage="12000",
    )
    assert submitted["declaration"]["kind"] == "REENROLLMENT"
    payload = await review(
        reviewer, submitted["declaration"]["id"], approve=False, comment="退回"
    )
    assert payload["errors"] == []
    person = await Person.get(ssn=NUMBER)
    assert person.mobile == "13900139000"
    records = await InsuranceRecord.filter(person=person)
    assert {(r.status, r.enroll_date, r.base) for r in records} == {
        (InsuranceStatus.SUSPENDED, date(2026, 3, 1), Decimal("8000.00"))
    }


async def test_review_other_region_not_found(anonymous, pending):
    await create_reviewer("dongtou", ["330305"])
    dongtou = await anonymous.login("dongtou")
    payload = await review(dongtou, pending)
    assert error_pairs(payload) == [("id", "NOT_FOUND")]
    assert await status_of(pending) == "PENDING"
    assert await InsuranceRecord.all().count() == 0


async def test_review_twice_not_pending(reviewer, pending):
    first = await review(reviewer, pending)
    assert first["errors"] == []
    second = await review(reviewer, pending, approve=False, comment="重复")
    assert error_pairs(second) == [("id", "NOT_PENDING")]
    assert await status_of(pending) == "APPROVED"


@pytest.mark.parametrize(
    "declaration_id",
    ["abc", "99999999999999999999", "2147483648", "-1", "0", "1.5", " "],
)
async def test_review_bad_id_not_found(reviewer, pending, declaration_id):
    payload = await review(reviewer, declaration_id)
    assert error_pairs(payload) == [("id", "NOT_FOUND")]
    assert await status_of(pending) == "PENDING"


async def test_approve_conflict_keeps_pending(legalrep, other_legalrep, reviewer, unit):
    """Two units submit the same person, so the second approval must fail."""
    first = await enroll(legalrep, ssn=NUMBER, name="孙八", mobile="13700137000")
    second = await enroll(other_legalrep, ssn=NUMBER, name="孙八", mobile="13500135000")
    assert first["errors"] == []
    assert second["errors"] == []
    approved = await review(reviewer, second["declaration"]["id"])
    assert approved["errors"] == []

    payload = await review(reviewer, first["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert await status_of(first["declaration"]["id"]) == "PENDING"
    assert await InsuranceRecord.filter(unit=unit).count() == 0
    person = await Person.get(ssn=NUMBER)
    assert person.mobile == "13500135000"
    assert not await AuditEntry.filter(
        action="declaration.approved", target_id=first["declaration"]["id"]
    ).exists()


async def test_approve_conflict_on_changed_name(
    legalrep, other_legalrep, reviewer, unit
):
    first = await enroll(legalrep, ssn=NUMBER, name="孙九", identity="PART_TIME")
    second = await enroll(other_legalrep, ssn=NUMBER, name="孙八")
    approved = await review(reviewer, second["declaration"]["id"])
    assert approved["errors"] == []

    payload = await review(reviewer, first["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert await status_of(first["declaration"]["id"]) == "PENDING"
    assert await InsuranceRecord.filter(unit=unit).count() == 0


async def test_approve_conflict_active_in_unit(legalrep, reviewer, unit):
    first = await enroll(legalrep, ssn=NUMBER, name="孙八")
    # A record inserted behind the pending declaration, as a second process
    # approving an earlier declaration would.
    await insure(unit, NUMBER, name="孙八")
    payload = await review(reviewer, first["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert await status_of(first["declaration"]["id"]) == "PENDING"


async def test_approve_suspension_conflict_after_change(legalrep, reviewer, unit):
    person = await insure(unit, NUMBER)
    submitted = await suspend(legalrep, NUMBER)
    await InsuranceRecord.filter(person=person).update(status=InsuranceStatus.SUSPENDED)
    payload = await review(reviewer, submitted["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert await status_of(submitted["declaration"]["id"]) == "PENDING"


async def test_part_time_approval_with_pension_elsewhere(
    legalrep, other_legalrep, reviewer
):
    await enroll_and_approve(other_legalrep, reviewer, ssn=NUMBER, name="孙八")
    submitted = await enroll(legalrep, ssn=NUMBER, name="孙八", identity="PART_TIME")
    payload = await review(reviewer, submitted["declaration"]["id"])
    assert payload["errors"] == []
    assert (
        await InsuranceRecord.filter(
            person__ssn=NUMBER, status=InsuranceStatus.ACTIVE
        ).count()
        == 4
    )


async def test_review_forbidden_for_unit_staff(legalrep, pending):
    result = await legalrep.execute(
        REVIEW_DECLARATION, {"id": pending, "approve": True, "comment": ""}
    )
    assert result.error_codes == ["FORBIDDEN"]
    assert await status_of(pending) == "PENDING"


async def test_review_requires_login(anonymous, pending):
    result = await anonymous.execute(
        REVIEW_DECLARATION, {"id": pending, "approve": True, "comment": ""}
    )
    assert result.error_codes == ["UNAUTHENTICATED"]
    assert await status_of(pending) == "PENDING"


async def test_unit_subscription_receives_review_result(legalrep, reviewer, pending):
    import asyncio

    from graph.account.actor import authenticate
    from graph.core.context import Context
    from graph.schema import schema

    authentication = await authenticate(f"Bearer {legalrep.token}")
    stream = await schema.subscribe(
        "subscription { declarationUpdates { id status personName } }",
        context_value=Context(request=None, response=None, actor=authentication.actor),
    )
    # The first anext starts the generator, which then waits for an event.
    first = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(0.05)

    await review(reviewer, pending, approve=False, comment="材料不全")
    received = await asyncio.wait_for(first, 5)
    await stream.aclose()

    assert received.data["declarationUpdates"] == {
        "id": pending,
        "status": "REJECTED",
        "personName": "孙八",
    }

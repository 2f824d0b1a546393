"""Pension refund (养老保险退收) of a suspension dated inside paid months.

Figures: a pension line at base 6000.00 with the individual rate 8 % has an
individual part of 6000.00 × 0.08 = 480.00. The suspension is dated
2026-06-30, so July and August are refunded (480.00 + 480.00 = 960.00) and
June, the month of the suspension, is still owed.
"""

from datetime import date
from decimal import Decimal

import pytest

from graph.contribution.models import ContributionLine, Refund
from graph.contribution.refunds import plan_refunds, refund_total
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from tests.documents import (
    contribute,
    error_pairs,
    insure,
    review,
    ssn,
    suspend,
    suspend_input,
)

NUMBER = ssn(sequence=7)

SUSPENSION_PREVIEW = """
query Preview($input: SuspendPersonInput!) {
  suspensionPreview(input: $input) {
    insuranceTypes
    refunds { month base individualAmount }
    refundTotal
    errors { field code message }
  }
}
"""

SUSPEND_WITH_REFUNDS = """
mutation Suspend($input: SuspendPersonInput!) {
  suspendPerson(input: $input) {
    declaration {
      id
      suspension { refunds { month base individualAmount } refundTotal }
    }
    refunds { month base individualAmount }
    refundTotal
    errors { field code message }
  }
}
"""

JULY_AND_AUGUST = [
    {"month": "202607", "base": "6000.00", "individualAmount": "480.00"},
    {"month": "202608", "base": "6000.00", "individualAmount": "480.00"},
]


@pytest.fixture
async def employee(unit):
    """Active since 2026-03-01, with pension paid for June to August."""
    person = await insure(unit, NUMBER, name="周九")
    for month in ("202606", "202607", "202608"):
        await contribute(person, unit, month)
    return person


def _line(line_id: int, month: str, base: str, individual: str) -> ContributionLine:
    return ContributionLine(
        id=line_id,
        month=month,
        base=Decimal(base),
        individual_amount=Decimal(individual),
    )


def test_plan_refunds_takes_months_after_date():
    lines = [
        _line(3, "202608", "6000.00", "480.00"),
        _line(1, "202606", "6000.00", "480.00"),
        _line(2, "202607", "6000.00", "480.00"),
    ]
    items = plan_refunds(date(2026, 6, 30), lines)
    assert [item.line_id for item in items] == [2, 3]
    assert refund_total(items) == Decimal("960.00")


def test_plan_refunds_keeps_two_lines_of_one_month():
    # A back payment line beside the settlement line of July: 4462.00 × 0.08
    # = 356.96, so July refunds 480.00 + 356.96 = 836.96.
    lines = [
        _line(5, "202607", "4462.00", "356.96"),
        _line(4, "202607", "6000.00", "480.00"),
    ]
    items = plan_refunds(date(2026, 6, 1), lines)
    assert [item.line_id for item in items] == [4, 5]
    assert refund_total(items) == Decimal("836.96")


def test_plan_refunds_empty_when_date_after_paid():
    lines = [_line(1, "202606", "6000.00", "480.00")]
    assert plan_refunds(date(2026, 6, 1), lines) == []
    assert refund_total([]) == Decimal("0.00")


async def test_suspend_lists_refunds(legalrep, employee):
    result = await legalrep.execute(
        SUSPEND_WITH_REFUNDS, {"input": suspend_input(NUMBER)}
    )
    payload = result.data["suspendPerson"]
    assert payload["errors"] == []
    assert payload["refunds"] == JULY_AND_AUGUST
    assert payload["refundTotal"] == "960.00"
    suspension = payload["declaration"]["suspension"]
    assert suspension["refunds"] == JULY_AND_AUGUST
    assert suspension["refundTotal"] == "960.00"


async def test_suspend_refunds_skip_other_lines(legalrep, unit, other_unit, employee):
    await contribute(employee, unit, "202609", refunded=True)
    await contribute(employee, unit, "202610", paid=False)
    await contribute(
        employee,
        unit,
        "202607",
        individual_rate="0.005",
        insurance_type=InsuranceType.UNEMPLOYMENT,
    )
    await contribute(employee, other_unit, "202607")
    result = await legalrep.execute(
        SUSPEND_WITH_REFUNDS, {"input": suspend_input(NUMBER)}
    )
    payload = result.data["suspendPerson"]
    assert payload["refunds"] == JULY_AND_AUGUST
    assert payload["refundTotal"] == "960.00"


async def test_suspend_without_paid_months(legalrep, unit):
    await insure(unit, NUMBER)
    result = await legalrep.execute(
        SUSPEND_WITH_REFUNDS, {"input": suspend_input(NUMBER)}
    )
    payload = result.data["suspendPerson"]
    assert payload["errors"] == []
    assert payload["refunds"] == []
    assert payload["refundTotal"] == "0.00"


async def test_preview_lists_refunds_without_saving(legalrep, employee):
    result = await legalrep.execute(
        SUSPENSION_PREVIEW, {"input": suspend_input(NUMBER, suspendDate="2026-07-15")}
    )
    payload = result.data["suspensionPreview"]
    assert payload["errors"] == []
    assert payload["insuranceTypes"] == ["PENSION", "UNEMPLOYMENT", "WORK_INJURY"]
    assert payload["refunds"] == JULY_AND_AUGUST[1:]
    assert payload["refundTotal"] == "480.00"
    assert await Declaration.all().count() == 0


async def test_preview_reports_errors(legalrep, employee):
    result = await legalrep.execute(
        SUSPENSION_PREVIEW, {"input": suspend_input(NUMBER, suspendDate="2026-02-28")}
    )
    payload = result.data["suspensionPreview"]
    assert error_pairs(payload) == [("suspendDate", "DATE_BEFORE_ENROLLMENT")]
    assert payload["refunds"] == []


async def test_approval_records_refunds(legalrep, reviewer, employee):
    submitted = await suspend(legalrep, NUMBER)
    declaration_id = submitted["declaration"]["id"]
    payload = await review(reviewer, declaration_id)
    assert payload["errors"] == []

    refunds = await Refund.all().order_by("month")
    assert [r.month for r in refunds] == ["202607", "202608"]
    assert [r.individual_amount for r in refunds] == [Decimal("480.00")] * 2
    assert [r.base for r in refunds] == [Decimal("6000.00")] * 2
    assert {r.declaration_id for r in refunds} == {int(declaration_id)}
    assert {r.person_id for r in refunds} == {employee.id}

    flags = await ContributionLine.filter(person=employee).order_by("month")
    assert [(line.month, line.refunded) for line in flags] == [
        ("202606", False),
        ("202607", True),
        ("202608", True),
    ]


async def test_approval_conflict_when_line_refunded(legalrep, reviewer, employee):
    submitted = await suspend(legalrep, NUMBER)
    await ContributionLine.filter(person=employee, month="202608").update(refunded=True)
    payload = await review(reviewer, submitted["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert "202607、202608" in payload["errors"][0]["message"]
    assert await Refund.all().count() == 0
    assert await ContributionLine.filter(refunded=True).count() == 1
    statuses = await InsuranceRecord.filter(person=employee).values_list(
        "status", flat=True
    )
    assert set(statuses) == {InsuranceStatus.ACTIVE}


async def test_approval_conflict_when_month_paid_later(
    legalrep, reviewer, unit, employee
):
    submitted = await suspend(legalrep, NUMBER)
    await contribute(employee, unit, "202609")
    payload = await review(reviewer, submitted["declaration"]["id"])
    assert error_pairs(payload) == [(None, "CONFLICT")]
    assert await Refund.all().count() == 0
    assert await ContributionLine.filter(refunded=True).count() == 0
    declaration = await Declaration.get(id=submitted["declaration"]["id"])
    assert declaration.status.value == "PENDING"

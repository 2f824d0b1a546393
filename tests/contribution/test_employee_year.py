"""One employee's 2024 through GraphQL, every figure worked out by hand.

Enrolled on 2024-01-01 at a wage of 6000 (inside the 2024 limits 4462 to
24930) in a unit of risk class 2, grade 1. Sample rates: pension 16% unit
and 8% individual, unemployment 0.5% and 0.5%, work injury 0.4% unit only,
late fee 0.05% a day, crediting rate 3.97% for 2023 and 2.62% for 2024.
"""

from datetime import date

import pytest

from graph.contribution.models import ContributionLine, Refund
from graph.core import clock
from tests.documents import ENROLL_PERSON, REVIEW_DECLARATION, enroll_input, ssn

NUMBER = ssn(sequence=7)
GENERATE = """
mutation($month: String!) {
  generateSettlement(month: $month) {
    settlements { insuranceType personCount unitTotal individualTotal total }
    errors { code message }
  }
}
"""
PAY = """
mutation($month: String!) {
  recordPayment(month: $month, reference: "BANK-2024") {
    settlements { status } errors { code message }
  }
}
"""
SUSPEND = """
mutation($input: SuspendPersonInput!) {
  suspendPerson(input: $input) {
    declaration { id }
    refunds { month base individualAmount }
    refundTotal
    errors { field code message }
  }
}
"""
BACK_PAY = """
mutation($input: ApplyBackPaymentInput!) {
  applyBackPayment(input: $input) {
    declaration { id }
    backPayment {
      lines { month insuranceType base unitAmount individualAmount lateFee lateFeeDays }
      unitTotal individualTotal lateFeeTotal total
    }
    errors { field code message }
  }
}
"""
ACCOUNT = """
query($ssn: String!, $year: Int!) {
  pensionAccount(ssn: $ssn, year: $year) {
    account {
      statement { year openingBalance monthsPaid credits creditingRate interest
                  closingBalance }
      history { year monthsPaid credits interest closingBalance }
    }
    errors { code message }
  }
}
"""
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: date) -> None:
        monkeypatch.setattr(clock, "frozen_today", day)

    return set_day


async def approve(reviewer, declaration_id: str) -> None:
    result = await reviewer.execute(
        REVIEW_DECLARATION, {"id": declaration_id, "approve": True, "comment": ""}
    )
    assert result.data["reviewDeclaration"]["errors"] == []


async def test_employee_year_of_contributions(legalrep, reviewer, on_day):
    # Enrollment in January 2024.
    on_day(date(2024, 1, 10))
    enrolled = (
        await legalrep.execute(
            ENROLL_PERSON,
            {
                "input": enroll_input(
                    ssn=NUMBER, enrollDate="2024-01-01", declaredWage="6000"
                )
            },
        )
    ).data["enrollPerson"]
    assert enrolled["errors"] == []
    await approve(reviewer, enrolled["declaration"]["id"])

    # Settlements of January to August, each paid.
    on_day(date(2024, 8, 31))
    for month in [f"2024{m:02d}" for m in range(1, 9)]:
        generated = (await legalrep.execute(GENERATE, {"month": month})).data[
            "generateSettlement"
        ]
        assert generated["errors"] == []
        pension, unemployment, injury = generated["settlements"]
        # 6000 × 16% = 960.00 and 6000 × 8% = 480.00.
        assert (pension["unitTotal"], pension["individualTotal"]) == (
            "960.00",
            "480.00",
        )
        # 6000 × 0.5% = 30.00 each.
        assert (unemployment["unitTotal"], unemployment["individualTotal"]) == (
            "30.00",
            "30.00",
        )
        # 6000 × 0.4% = 24.00.
        assert injury["total"] == "24.00"
        paid = (await legalrep.execute(PAY, {"month": month})).data["recordPayment"]
        assert paid["errors"] == []

    # Suspension on 2024-06-15: July and August were paid after it, so their
    # individual pension parts come back, 480.00 each, 960.00 in all. June
    # itself was owed and stays.
    on_day(date(2024, 9, 5))
    suspended = (
        await legalrep.execute(
            SUSPEND,
            {
                "input": {
                    "ssn": NUMBER,
                    "reason": "RESIGNATION",
                    "suspendDate": "2024-06-15",
                }
            },
        )
    ).data["suspendPerson"]
    assert suspended["errors"] == []
    assert suspended["refunds"] == [
        {"month": "202407", "base": "6000.00", "individualAmount": "480.00"},
        {"month": "202408", "base": "6000.00", "individualAmount": "480.00"},
    ]
    assert suspended["refundTotal"] == "960.00"
    await approve(reviewer, suspended["declaration"]["id"])
    assert await Refund.all().count() == 2

    # Back payment of October to December 2023, pension only, base 6000
    # (inside the 2023 limits 3957 to 22311), applied on 2024-09-10.
    # Each month: 960.00 + 480.00 = 1440.00, due on the month's last day.
    #   202310: 2023-10-31 to 2024-09-10 is 315 days; 1440 × 0.05% × 315 = 226.80
    #   202311: 2023-11-30 to 2024-09-10 is 285 days; 1440 × 0.05% × 285 = 205.20
    #   202312: 2023-12-31 to 2024-09-10 is 254 days; 1440 × 0.05% × 254 = 182.88
    # Late fees 614.88; total 3 × 1440 + 614.88 = 4934.88.
    on_day(date(2024, 9, 10))
    variables = {
        "input": {
            "ssn": NUMBER,
            "fromMonth": "202310",
            "toMonth": "202312",
            "base": "6000",
            "insuranceTypes": ["PENSION"],
            "materials": [{"kind": "BACK_PAYMENT_FORM", "file": None}],
        }
    }
    applied = (
        await legalrep.upload_files(
            BACK_PAY, variables, {"input.materials.0.file": ("申请核定表.pdf", PDF)}
        )
    ).data["applyBackPayment"]
    assert applied["errors"] == []
    back = applied["backPayment"]
    assert [(x["month"], x["lateFeeDays"], x["lateFee"]) for x in back["lines"]] == [
        ("202310", 315, "226.80"),
        ("202311", 285, "205.20"),
        ("202312", 254, "182.88"),
    ]
    assert back["unitTotal"] == "2880.00"
    assert back["individualTotal"] == "1440.00"
    assert back["lateFeeTotal"] == "614.88"
    assert back["total"] == "4934.88"
    await approve(reviewer, applied["declaration"]["id"])
    assert await ContributionLine.filter(source="BACK_PAYMENT", paid=True).count() == 3

    # The 2024 statement.
    #   2023: 3 months, credits 3 × 480 = 1440.00; interest
    #     1440 × 3.97% × 1.083 / 2 = 30.956472 → 30.96; closing 1470.96.
    #   2024: January to June paid and kept (July and August refunded):
    #     6 months, credits 2880.00; interest 1470.96 × 2.62% = 38.539152
    #     plus 2880 × 2.62% × 1.083 / 2 = 40.859424, 79.398576 → 79.40;
    #     closing 1470.96 + 2880 + 79.40 = 4430.36.
    on_day(date(2024, 12, 31))
    account = (await legalrep.execute(ACCOUNT, {"ssn": NUMBER, "year": 2024})).data[
        "pensionAccount"
    ]
    assert account["errors"] == []
    assert account["account"]["statement"] == {
        "year": 2024,
        "openingBalance": "1470.96",
        "monthsPaid": 6,
        "credits": "2880.00",
        "creditingRate": "0.02620",
        "interest": "79.40",
        "closingBalance": "4430.36",
    }
    assert account["account"]["history"][0] == {
        "year": 2023,
        "monthsPaid": 3,
        "credits": "1440.00",
        "interest": "30.96",
        "closingBalance": "1470.96",
    }

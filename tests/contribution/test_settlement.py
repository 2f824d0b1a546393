"""Monthly settlement and payment over GraphQL, figures worked out by hand."""

from datetime import date
from decimal import Decimal

from graph.contribution.models import ContributionLine, Settlement, YearlyBase
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from tests.documents import insure, ssn

GENERATE = """
mutation Generate($month: String!) {
  generateSettlement(month: $month) {
    settlements {
      month insuranceType status personCount baseTotal unitTotal
      individualTotal total ratesAreSamples
      lines { totalCount items { ssn base unitAmount individualAmount } }
    }
    errors { field code message }
  }
}
"""
PAY = """
mutation Pay($month: String!, $reference: String!) {
  recordPayment(month: $month, reference: $reference) {
    settlements { insuranceType status paidAt paymentReference }
    errors { field code message }
  }
}
"""
SETTLEMENTS = """
query Settlements($from: String!, $to: String!, $type: InsuranceType) {
  settlements(fromMonth: $from, toMonth: $to, insuranceType: $type) {
    month insuranceType status total
  }
}
"""


async def generate(client, month: str) -> dict:
    return (await client.execute(GENERATE, {"month": month})).data["generateSettlement"]


async def set_base(person, base: str) -> None:
    await InsuranceRecord.filter(person=person).update(base=Decimal(base))


async def test_month_has_a_settlement_per_type(legalrep, unit):
    first = await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    second = await insure(unit, ssn(sequence=2), enroll_date=date(2024, 1, 15))
    await set_base(first, "6000.00")
    await set_base(second, "4000.00")  # below the 2024 floor of 4462

    payload = await generate(legalrep, "202401")

    assert payload["errors"] == []
    pension, unemployment, injury = payload["settlements"]
    assert pension["insuranceType"] == "PENSION"
    assert pension["personCount"] == 2
    # Bases 6000 and 4462 (raised to the floor): 10462.
    assert pension["baseTotal"] == "10462.00"
    # 6000 × 16% = 960 and 4462 × 16% = 713.92: 1673.92.
    assert pension["unitTotal"] == "1673.92"
    # 6000 × 8% = 480 and 4462 × 8% = 356.96: 836.96.
    assert pension["individualTotal"] == "836.96"
    assert pension["total"] == "2510.88"
    # 6000 × 0.5% = 30 and 4462 × 0.5% = 22.31 (22.31 exactly): 52.31 each.
    assert unemployment["unitTotal"] == "52.31"
    assert unemployment["individualTotal"] == "52.31"
    # Risk class 2, grade 1: 0.4%. 6000 × 0.4% = 24 and 4462 × 0.4% = 17.848
    # → 17.85: 41.85, no individual part.
    assert injury["unitTotal"] == "41.85"
    assert injury["individualTotal"] == "0.00"
    assert pension["lines"]["totalCount"] == 2
    assert pension["ratesAreSamples"]
    assert pension["lines"]["items"][0]["ssn"].count("*") > 0


async def test_regenerating_unpaid_month_is_idempotent(legalrep, unit):
    await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    first = await generate(legalrep, "202402")
    again = await generate(legalrep, "202402")

    assert first["settlements"] == again["settlements"]
    assert await Settlement.filter(month="202402").count() == 3
    assert await ContributionLine.filter(month="202402").count() == 3


async def test_paid_month_is_frozen(legalrep, unit):
    person = await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    await generate(legalrep, "202403")
    paid = (
        await legalrep.execute(PAY, {"month": "202403", "reference": "BANK-1"})
    ).data["recordPayment"]
    assert {s["status"] for s in paid["settlements"]} == {"PAID"}

    await insure(unit, ssn(sequence=2), enroll_date=date(2024, 3, 1))
    await set_base(person, "9000.00")
    again = await generate(legalrep, "202403")

    assert [s["personCount"] for s in again["settlements"]] == [1, 1, 1]
    assert {s["status"] for s in again["settlements"]} == {"PAID"}
    assert await ContributionLine.filter(month="202403", paid=True).count() == 3


async def test_suspended_before_month_owes_nothing(legalrep, unit):
    await insure(
        unit,
        ssn(sequence=1),
        enroll_date=date(2024, 1, 1),
        status=InsuranceStatus.SUSPENDED,
        suspend_date=date(2024, 5, 31),
    )
    await insure(
        unit,
        ssn(sequence=2),
        enroll_date=date(2024, 1, 1),
        status=InsuranceStatus.SUSPENDED,
        suspend_date=date(2024, 6, 1),
    )
    payload = await generate(legalrep, "202406")
    assert [s["personCount"] for s in payload["settlements"]] == [1, 1, 1]


async def test_yearly_base_replaces_record_base(legalrep, unit):
    person = await insure(
        unit, ssn(sequence=1), identity=InsuredIdentity.PART_TIME,
        enroll_date=date(2024, 1, 1),
    )  # fmt: skip
    await YearlyBase.create(
        person=person,
        unit=unit,
        insurance_type=InsuranceType.WORK_INJURY,
        year=2025,
        base=Decimal("30000.00"),
    )
    payload = await generate(legalrep, "202501")
    (injury,) = payload["settlements"]
    # 30000 is above the 2025 ceiling of 25962; 25962 × 0.4% = 103.848.
    assert injury["baseTotal"] == "25962.00"
    assert injury["unitTotal"] == "103.85"


async def test_future_month_and_bad_month_are_rejected(legalrep):
    future = await generate(legalrep, "209901")
    wrong = await generate(legalrep, "2024-01")
    assert [e["code"] for e in future["errors"]] == ["DATE_IN_FUTURE"]
    assert [(e["field"], e["code"]) for e in wrong["errors"]] == [
        ("month", "INVALID_MONTH")
    ]


async def test_paying_nothing_is_rejected(legalrep):
    result = await legalrep.execute(PAY, {"month": "202401", "reference": "X"})
    assert [e["code"] for e in result.data["recordPayment"]["errors"]] == [
        "NOTHING_TO_PAY"
    ]


async def test_settlements_query_by_range_and_type(legalrep, other_legalrep, unit):
    await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    for month in ("202401", "202402", "202403"):
        await generate(legalrep, month)

    rows = (
        await legalrep.execute(
            SETTLEMENTS, {"from": "202402", "to": "202403", "type": "PENSION"}
        )
    ).data["settlements"]
    others = (
        await other_legalrep.execute(SETTLEMENTS, {"from": "202401", "to": "202412"})
    ).data["settlements"]

    assert [(r["month"], r["insuranceType"]) for r in rows] == [
        ("202403", "PENSION"),
        ("202402", "PENSION"),
    ]
    # Base 8000: 8000 × (16% + 8%) = 1920.
    assert rows[0]["total"] == "1920.00"
    assert others == []


async def test_range_in_wrong_order_is_rejected(legalrep):
    result = await legalrep.execute(SETTLEMENTS, {"from": "202405", "to": "202401"})
    assert result.error_codes == ["BAD_USER_INPUT"]


async def test_full_width_month_is_the_same_month(legalrep, unit):
    await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    await generate(legalrep, "202401")
    await legalrep.execute(PAY, {"month": "202401", "reference": "BANK-1"})

    again = await generate(legalrep, "２０２４０１")

    assert {s["month"] for s in again["settlements"]} == {"202401"}
    assert {s["status"] for s in again["settlements"]} == {"PAID"}
    assert await Settlement.all().count() == 3


async def test_back_paid_month_is_not_settled_again(legalrep, unit):
    person = await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    await insure(unit, ssn(sequence=2), enroll_date=date(2024, 1, 1))
    await ContributionLine.create(
        person=person,
        unit=unit,
        insurance_type=InsuranceType.PENSION,
        month="202402",
        source="BACK_PAYMENT",
        base=Decimal("8000.00"),
        unit_rate=Decimal("0.16"),
        individual_rate=Decimal("0.08"),
        unit_amount=Decimal("1280.00"),
        individual_amount=Decimal("640.00"),
        paid=True,
    )
    payload = await generate(legalrep, "202402")
    assert [s["personCount"] for s in payload["settlements"]] == [1, 2, 2]


async def test_month_without_insured_persons_says_so(legalrep):
    payload = await generate(legalrep, "202401")
    assert [e["code"] for e in payload["errors"]] == ["NOTHING_TO_SETTLE"]


async def test_empty_type_list_is_rejected(legalrep, unit):
    await insure(unit, ssn(sequence=1), enroll_date=date(2024, 1, 1))
    await generate(legalrep, "202401")
    result = await legalrep.execute(
        """mutation { recordPayment(month: "202401", reference: "R",
           insuranceTypes: []) { settlements { status } errors { field code } } }"""
    )
    assert result.data["recordPayment"]["errors"] == [
        {"field": "insuranceTypes", "code": "REQUIRED"}
    ]
    assert await Settlement.filter(status="PAID").count() == 0

"""Adding insurance types to an insured person (参保险种新增登记)."""

from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from tests.documents import error_pairs, insure, review, ssn

ADD_INSURANCE_TYPE = """
mutation Add($input: AddInsuranceTypeInput!) {
  addInsuranceType(input: $input) {
    declaration { id kind addedRecords { insuranceType base firstEnrollMonth } }
    errors { field code message }
  }
}
"""


async def add(client, number: str, types: list[str]) -> dict:
    values = {
        "ssn": number,
        "insuranceTypes": types,
        "enrollDate": "2026-04-01",
        "declaredWage": "8000",
    }
    result = await client.execute(ADD_INSURANCE_TYPE, {"input": values})
    return result.data["addInsuranceType"]


async def test_add_unemployment_approved(unit, operator, reviewer):
    number = ssn()
    person = await insure(unit, number)
    await InsuranceRecord.filter(
        person=person, insurance_type=InsuranceType.UNEMPLOYMENT
    ).delete()
    submitted = await add(operator, number, ["UNEMPLOYMENT"])
    assert submitted["errors"] == []
    records = submitted["declaration"]["addedRecords"]
    assert [r["insuranceType"] for r in records] == ["UNEMPLOYMENT"]
    reviewed = await review(reviewer, submitted["declaration"]["id"])
    assert reviewed["errors"] == []
    added = await InsuranceRecord.get(
        person=person, insurance_type=InsuranceType.UNEMPLOYMENT
    )
    assert added.status is InsuranceStatus.ACTIVE


async def test_add_pension_to_part_time_rejected(unit, operator):
    number = ssn()
    await insure(unit, number, identity=InsuredIdentity.PART_TIME)
    payload = await add(operator, number, ["PENSION"])
    assert error_pairs(payload) == [("insuranceTypes", "INSURANCE_TYPE_NOT_ALLOWED")]


async def test_add_active_type_rejected(unit, operator):
    number = ssn()
    await insure(unit, number)
    payload = await add(operator, number, ["PENSION"])
    assert error_pairs(payload) == [("insuranceTypes", "ALREADY_ACTIVE_IN_UNIT")]


async def test_add_for_stranger_rejected(unit, operator):
    payload = await add(operator, ssn(), ["PENSION"])
    assert error_pairs(payload) == [("ssn", "NOT_INSURED_IN_UNIT")]

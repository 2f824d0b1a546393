"""GraphQL documents, input builders and request steps shared by the API tests."""

from datetime import date
from decimal import Decimal

from graph.contribution.codes import LineSource
from graph.contribution.models import ContributionLine
from graph.contribution.rules import round_fen
from graph.insurance.codes import (
    InsuranceStatus,
    InsuranceType,
    InsuredIdentity,
    SuspensionReason,
)
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import insurance_types_for
from graph.person.models import Person
from graph.person.resident_id import Gender, make_resident_id
from graph.unit.models import Unit

ENROLL_PERSON = """
mutation Enroll($input: EnrollPersonInput!) {
  enrollPerson(input: $input) {
    declaration { id kind status ssn personName settlementMonth }
    preview {
      reenrollment
      baseAdjusted
      records {
        regionCode regionName insuranceType base baseAdjustment
        rateGrade firstEnrollMonth parametersAreSamples
      }
    }
    errors { field code message }
  }
}
"""

SUSPEND_PERSON = """
mutation Suspend($input: SuspendPersonInput!) {
  suspendPerson(input: $input) {
    declaration { id kind status }
    insuranceTypes
    errors { field code message }
  }
}
"""

REVIEW_DECLARATION = """
mutation Review($id: ID!, $approve: Boolean!, $comment: String) {
  reviewDeclaration(id: $id, approve: $approve, comment: $comment) {
    declaration { id status reviewComment reviewerName }
    errors { field code message }
  }
}
"""

WITHDRAW_DECLARATION = """
mutation Withdraw($id: ID!) {
  withdrawDeclaration(id: $id) {
    declaration { id status canWithdraw }
    errors { field code message }
  }
}
"""

PERSONS = """
query Roster($filter: PersonFilter, $page: Int, $pageSize: Int, $full: Boolean) {
  persons(filter: $filter, page: $page, pageSize: $pageSize, fullValues: $full) {
    totalCount
    items {
      ssn name gender mobile
      records { insuranceType status base enrollDate identity firstEnrollMonth }
    }
  }
}
"""

PERSONNEL_CHANGES = """
query Changes($kind: PersonnelChangeKind!, $from: Date!, $to: Date!,
              $ssn: String, $insuranceType: InsuranceType,
              $identity: InsuredIdentity, $creditCode: String, $unitName: String) {
  personnelChanges(kind: $kind, from: $from, to: $to, ssn: $ssn,
                   insuranceType: $insuranceType, identity: $identity,
                   creditCode: $creditCode, unitName: $unitName, fullValues: true) {
    totalCount
    items {
      businessMonth creditCode unitName ssn name gender identity
      insuranceTypes base suspensionReason
    }
  }
}
"""

DECLARATIONS = """
query Declarations($filter: DeclarationFilter, $page: Int! = 1,
                   $pageSize: Int! = 20, $full: Boolean! = false) {
  declarations(filter: $filter, page: $page, pageSize: $pageSize,
               fullValues: $full) {
    totalCount
    items {
      id kind status personName ssn settlementMonth canWithdraw unit { name }
    }
  }
}
"""

ENROLLMENT_PREVIEW = """
query Preview($input: EnrollPersonInput!) {
  enrollmentPreview(input: $input) {
    preview {
      reenrollment
      baseAdjusted
      records {
        regionCode regionName insuranceType base baseAdjustment
        rateGrade firstEnrollMonth parametersAreSamples
      }
    }
    errors { field code message }
  }
}
"""

LOGIN_WITH_ME = """
mutation Login($username: String!, $password: String!, $unitId: ID) {
  login(username: $username, password: $password, unitId: $unitId) {
    token
    me { username kind role unit { id name } regionCodes }
    errors { field code message }
  }
}
"""

ME = """
query Me {
  me {
    username displayName kind role regionCodes
    unit { id name }
    units { role unit { id } }
  }
}
"""

LOGOUT = """
mutation Logout { logout { ok } }
"""


def ssn(
    birth: date = date(1990, 3, 15),
    sequence: int = 1,
    gender: Gender = Gender.MALE,
    region: str = "330302",
) -> str:
    return make_resident_id(region, birth, sequence, gender)


def enroll_input(**overrides) -> dict:
    values = {
        "ssn": ssn(),
        "name": "张三",
        "mobile": "13800138000",
        "address": "温州市鹿城区人民路1号",
        "enrollDate": "2026-03-01",
        "identity": "REGULAR",
        "declaredWage": "8000",
    }
    values.update(overrides)
    return values


def suspend_input(number: str, **overrides) -> dict:
    values = {
        "ssn": number,
        "reason": "RESIGNATION",
        "suspendDate": "2026-06-30",
        "remark": "",
    }
    values.update(overrides)
    return values


def error_pairs(payload: dict) -> list[tuple[str | None, str]]:
    """Return the ``(field, code)`` of each error in a mutation payload."""
    return [(error["field"], error["code"]) for error in payload["errors"]]


async def enroll(client, **overrides) -> dict:
    """Submit ``enroll_input(**overrides)`` and return the enrollPerson payload."""
    result = await client.execute(ENROLL_PERSON, {"input": enroll_input(**overrides)})
    return result.data["enrollPerson"]


async def suspend(client, number: str, **overrides) -> dict:
    """Submit ``suspend_input(number, **overrides)`` and return the payload."""
    result = await client.execute(
        SUSPEND_PERSON, {"input": suspend_input(number, **overrides)}
    )
    return result.data["suspendPerson"]


async def review(
    client, declaration_id: str, approve: bool = True, comment: str = "同意"
) -> dict:
    """Send reviewDeclaration and return its payload."""
    result = await client.execute(
        REVIEW_DECLARATION,
        {"id": declaration_id, "approve": approve, "comment": comment},
    )
    return result.data["reviewDeclaration"]


async def enroll_and_approve(unit_client, reviewer_client, **overrides) -> dict:
    """Enroll and approve through the API and return the approved declaration."""
    submitted = await enroll(unit_client, **overrides)
    assert submitted["errors"] == [], submitted["errors"]
    reviewed = await review(reviewer_client, submitted["declaration"]["id"])
    assert reviewed["errors"] == [], reviewed["errors"]
    return reviewed["declaration"]


async def insure(
    unit: Unit,
    number: str,
    *,
    name: str = "张三",
    identity: InsuredIdentity = InsuredIdentity.REGULAR,
    status: InsuranceStatus = InsuranceStatus.ACTIVE,
    enroll_date: date = date(2026, 3, 1),
    suspend_date: date | None = None,
    mobile: str = "13900139000",
) -> Person:
    """Insert a person with the records ``identity`` gives, bypassing review.

    A person with this ``number`` is reused, so one person can be insured in
    several units.
    """
    person = await Person.get_or_none(ssn=number)
    if person is None:
        person = await Person.create(
            ssn=number,
            name=name,
            gender=Gender.MALE if int(number[16]) % 2 else Gender.FEMALE,
            birth_date=date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            mobile=mobile,
        )
    for insurance_type in insurance_types_for(identity):
        await InsuranceRecord.create(
            person=person,
            unit=unit,
            insurance_type=insurance_type,
            status=status,
            enroll_date=enroll_date,
            first_enroll_month=f"{enroll_date:%Y%m}",
            base=Decimal("8000.00"),
            rate_grade=unit.rate_grade,
            identity=identity,
            retirement_age=60 if int(number[16]) % 2 else 50,
            suspend_date=suspend_date,
            suspension_reason=SuspensionReason.RESIGNATION if suspend_date else None,
        )
    return person


async def contribute(
    person: Person,
    unit: Unit,
    month: str,
    base: str = "6000.00",
    *,
    individual_rate: str = "0.08",
    unit_rate: str = "0.16",
    insurance_type: InsuranceType = InsuranceType.PENSION,
    paid: bool = True,
    refunded: bool = False,
) -> ContributionLine:
    """Insert one contribution line outside any settlement, paid by default.

    The parts are ``base`` times each rate rounded to the fen, as settlement
    computes them.
    """
    amount = Decimal(base)
    return await ContributionLine.create(
        person=person,
        unit=unit,
        insurance_type=insurance_type,
        month=month,
        source=LineSource.SETTLEMENT,
        base=amount,
        unit_rate=Decimal(unit_rate),
        individual_rate=Decimal(individual_rate),
        unit_amount=round_fen(amount * Decimal(unit_rate)),
        individual_amount=round_fen(amount * Decimal(individual_rate)),
        paid=paid,
        refunded=refunded,
    )

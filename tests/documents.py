"""GraphQL documents and input builders shared by the API tests."""

from datetime import date

from graph.person.resident_id import Gender, make_resident_id

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
              $ssn: String, $insuranceType: InsuranceType) {
  personnelChanges(kind: $kind, from: $from, to: $to, ssn: $ssn,
                   insuranceType: $insuranceType, fullValues: true) {
    totalCount
    items {
      businessMonth creditCode unitName ssn name gender identity
      insuranceTypes base suspensionReason
    }
  }
}
"""

DECLARATIONS = """
query Declarations($filter: DeclarationFilter) {
  declarations(filter: $filter) {
    totalCount
    items { id kind status personName ssn canWithdraw unit { name } }
  }
}
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

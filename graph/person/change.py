"""Person information change (职工参保信息变更登记).

A unit changes the basic block (证件类型, 证件号码, name, nationality,
education, ethnicity, household type and address) and the contact block
(手机号码, 联系住址) of a person insured in it. Gender and birth date follow
from a new ID number. Approval updates the person row in place, so records
and contributions stay with the person, and keeps the replaced values in
``PersonHistory``. The material 社会保险参保信息变更登记表 is required.
"""

from dataclasses import dataclass
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.core.text import normalize_code
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.field_changes import diff, optional_text
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.submission import submit_with_materials
from graph.insurance.checks import (
    age_problems,
    check_contact_text,
    check_mobile,
    parse_ssn,
)
from graph.insurance.codes import InsuranceStatus, InsuredIdentity
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import month_of
from graph.person.models import Person, PersonHistory
from graph.person.resident_id import ResidentId
from graph.person.retirement import allowed_base_ages
from graph.person.service import person_in_unit
from graph.unit.models import Unit

RESIDENT_ID = "RESIDENT_ID"
FIELD_LABELS = {
    "idType": "证件类型",
    "ssn": "证件号码",
    "name": "姓名",
    "gender": "性别",
    "birthDate": "出生日期",
    "nationality": "国籍",
    "education": "学历",
    "ethnicity": "民族",
    "householdType": "户口性质",
    "householdAddress": "户籍地址",
    "mobile": "手机号码",
    "address": "联系住址",
}
# Model attribute of each data key.
_ATTRIBUTES = {
    "idType": "id_type",
    "ssn": "ssn",
    "name": "name",
    "gender": "gender",
    "birthDate": "birth_date",
    "nationality": "nationality",
    "education": "education",
    "ethnicity": "ethnicity",
    "householdType": "household_type",
    "householdAddress": "household_address",
    "mobile": "mobile",
    "address": "address",
}
# Maximum lengths of the free-text fields, as the person table stores them.
_TEXT_LIMITS = {
    "name": 50,
    "nationality": 40,
    "education": 20,
    "ethnicity": 20,
    "householdType": 20,
    "householdAddress": 200,
    "address": 200,
}


@dataclass(frozen=True)
class PersonChangeRequest:
    """The requested values. None keeps the current value of an optional field."""

    ssn: str
    id_type: str
    id_number: str
    mobile: str
    name: str | None = None
    nationality: str | None = None
    education: str | None = None
    ethnicity: str | None = None
    household_type: str | None = None
    household_address: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class PersonChangePlan:
    person: Person
    before: dict[str, str]
    after: dict[str, str]


def current_values(person: Person) -> dict[str, str]:
    values = {key: getattr(person, attribute) for key, attribute in _ATTRIBUTES.items()}
    values["gender"] = person.gender.value
    values["birthDate"] = person.birth_date.isoformat()
    return values


async def plan_person_change(
    unit: Unit, request: PersonChangeRequest, today: date
) -> PersonChangePlan:
    """Check the request against the person's current values, or raise."""
    person = await person_in_unit(unit.id, request.ssn)
    if person is None:
        number = normalize_code(request.ssn)
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssn",
                    "NOT_INSURED_IN_UNIT",
                    f"社会保障号码{number}在本单位没有参保记录",
                )
            ]
        )
    current = current_values(person)
    problems: list[FieldProblem] = []
    requested: dict[str, str] = {}

    id_type = normalize_code(request.id_type) or RESIDENT_ID
    if id_type != RESIDENT_ID:
        problems.append(
            FieldProblem(
                "idType",
                "INVALID_CHOICE",
                f"证件类型“{id_type}”不支持，网上只能办理居民身份证（RESIDENT_ID）",
            )
        )
    requested["idType"] = id_type
    try:
        resident_id = parse_ssn(request.id_number, today)
    except InvalidValue as exc:
        problems.append(FieldProblem("idNumber", exc.code, exc.message))
    else:
        requested["ssn"] = resident_id.number
        requested["gender"] = resident_id.gender.value
        requested["birthDate"] = resident_id.birth_date.isoformat()
        if resident_id.number != person.ssn:
            problems += await _age_problems_after_change(person, resident_id)
        if resident_id.number != person.ssn and await Person.exists(
            ssn=resident_id.number
        ):
            problems.append(
                FieldProblem(
                    "idNumber",
                    "CONFLICT",
                    f"证件号码{resident_id.number}已登记为另一名人员，请核对",
                )
            )

    texts = {
        "name": request.name,
        "nationality": request.nationality,
        "education": request.education,
        "ethnicity": request.ethnicity,
        "householdType": request.household_type,
        "householdAddress": request.household_address,
        "address": request.address,
    }
    for field, raw in texts.items():
        value = optional_text(raw, current[field])
        if raw is not None:
            problems += check_contact_text(
                field, FIELD_LABELS[field], value, _TEXT_LIMITS[field]
            )
        requested[field] = value
    if not requested["name"]:
        problems.append(FieldProblem("name", "REQUIRED", "姓名不能为空"))
    mobile, mobile_problems = check_mobile(request.mobile)
    problems += mobile_problems
    requested["mobile"] = mobile

    if problems:
        raise ValidationFailed(problems)
    before, after = diff(current, requested)
    if not after:
        raise ValidationFailed(
            [
                FieldProblem(
                    None, "NO_CHANGE", "填写的信息与现有信息相同，没有需要变更的内容"
                )
            ]
        )
    return PersonChangePlan(person=person, before=before, after=after)


async def _age_problems_after_change(
    person: Person, resident_id: ResidentId
) -> list[FieldProblem]:
    """Check the person's active records against the new birth date and gender."""
    records = await InsuranceRecord.filter(
        person_id=person.id, status=InsuranceStatus.ACTIVE
    )
    problems = []
    seen = set()
    for record in records:
        base_age = record.retirement_age
        if base_age not in allowed_base_ages(resident_id.gender):
            base_age = None
        for problem in age_problems(
            resident_id, InsuredIdentity(record.identity), base_age, record.enroll_date
        ):
            if problem.code in seen:
                continue
            seen.add(problem.code)
            problems.append(
                FieldProblem(
                    "idNumber",
                    problem.code,
                    f"按新证件号码{resident_id.number}（出生日期"
                    f"{resident_id.birth_date.isoformat()}）："
                    f"{problem.message}",
                )
            )
    return problems


def person_change_declaration(
    actor: Actor, unit: Unit, plan: PersonChangePlan, today: date
) -> Declaration:
    """Build the pending declaration for ``plan``, not yet saved.

    It is filed under the current ID number, so a pending change blocks other
    declarations of the person until it is reviewed.
    """
    return Declaration(
        kind=DeclarationKind.PERSON_CHANGE,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=plan.person.id,
        ssn=plan.person.ssn,
        person_name=plan.person.name,
        business_date=today,
        settlement_month=month_of(today),
        data={"before": plan.before, "after": plan.after},
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_person_change(
    actor: Actor,
    unit: Unit,
    request: PersonChangeRequest,
    materials: list[MaterialUpload],
    material_ids: list[int],
    today: date,
) -> tuple[Declaration, PersonChangePlan]:
    return await submit_with_materials(
        actor,
        unit,
        DeclarationKind.PERSON_CHANGE,
        materials,
        material_ids,
        lambda: plan_person_change(unit, request, today),
        lambda plan: person_change_declaration(actor, unit, plan, today),
    )


async def apply_person_change(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Write the new values and keep the old ones, inside the approval transaction.

    Rejects the approval when a field changed since submission or when the
    new ID number was registered for someone else in between.
    """
    before = declaration.data["before"]
    after = declaration.data["after"]
    person = await (
        Person.filter(id=declaration.person_id)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    current = current_values(person)
    if any(current[field] != value for field, value in before.items()):
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "该人员信息在提交后已被修改，与申报时不一致，请驳回后重新申报",
            )
        ]
    new_ssn = after.get("ssn")
    if (
        new_ssn
        and await Person.filter(ssn=new_ssn)
        .exclude(id=person.id)
        .using_db(connection)
        .exists()
    ):
        return [
            FieldProblem(
                None,
                "CONFLICT",
                f"证件号码{new_ssn}在提交后已登记为另一名人员，请驳回",
            )
        ]
    for field, value in after.items():
        attribute = _ATTRIBUTES[field]
        if field == "birthDate":
            value = date.fromisoformat(value)
        setattr(person, attribute, value)
    await person.save(using_db=connection)
    await PersonHistory.create(
        person_id=person.id,
        declaration_id=declaration.id,
        before=before,
        after=after,
        using_db=connection,
    )
    return []


def label_of(field: str) -> str:
    return FIELD_LABELS.get(field, field)

"""Adding insurance types to an insured person (参保险种新增登记).

A person paying in the unit gets further insurance types under the rules of
enrollment. The insured identity decides which types are open: work injury
only for 非全日制用工 and the other identities of ``WORK_INJURY_ONLY``. A
person past the statutory retirement age can only be 超龄人员, and a person
has at most one active pension record across units. Approval creates the records,
or reactivates a suspended record of the same type.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.account.actor import Actor
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.text import normalize_code
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.materials import MaterialUpload
from graph.declaration.models import Declaration
from graph.declaration.submission import submit_with_materials
from graph.insurance.checks import check_wage
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.enrollment import PlannedRecord
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import (
    clamp_base,
    insurance_types_for,
    last_day_of_month,
    month_of,
)
from graph.person.models import Person, could_be_ssn
from graph.person.retirement import format_age, is_past_retirement
from graph.person.retirement import retirement_age_months as statutory_months
from graph.policy.service import parameters_on
from graph.unit.models import Unit


@dataclass(frozen=True)
class AdditionRequest:
    ssn: str
    insurance_types: tuple[InsuranceType, ...]
    enroll_date: date
    declared_wage: Decimal


@dataclass(frozen=True)
class AdditionPlan:
    person: Person
    identity: InsuredIdentity
    request: AdditionRequest
    records: list[PlannedRecord]


def _type_problems(
    request: AdditionRequest,
    identity: InsuredIdentity,
    records: list[InsuranceRecord],
    unit: Unit,
) -> list[FieldProblem]:
    problems = []
    open_types = insurance_types_for(identity)
    for insurance_type in request.insurance_types:
        here = [
            r
            for r in records
            if r.unit_id == unit.id and r.insurance_type == insurance_type
        ]
        if insurance_type not in open_types:
            allowed = "、".join(t.label for t in open_types)
            problems.append(
                FieldProblem(
                    "insuranceTypes",
                    "INSURANCE_TYPE_NOT_ALLOWED",
                    f"参保身份为{identity.label}的人员只能参加{allowed}，"
                    f"不能新增{insurance_type.label}",
                )
            )
        elif any(r.status is InsuranceStatus.ACTIVE for r in here):
            problems.append(
                FieldProblem(
                    "insuranceTypes",
                    "ALREADY_ACTIVE_IN_UNIT",
                    f"社会保障号码{request.ssn}已在本单位参加{insurance_type.label}",
                )
            )
        elif insurance_type is InsuranceType.PENSION and any(
            r.insurance_type == InsuranceType.PENSION
            and r.status is InsuranceStatus.ACTIVE
            for r in records
        ):
            problems.append(
                FieldProblem(
                    "insuranceTypes",
                    "ACTIVE_IN_OTHER_UNIT",
                    f"社会保障号码{request.ssn}在其他单位有正在缴费的"
                    "企业职工基本养老保险，须由原单位办理暂停参保后才能新增",
                )
            )
        suspended = [r.suspend_date for r in here if r.suspend_date]
        if suspended and request.enroll_date <= max(suspended):
            problems.append(
                FieldProblem(
                    "enrollDate",
                    "DATE_BEFORE_SUSPENSION",
                    f"本次参保时间{request.enroll_date.isoformat()}应晚于"
                    f"{insurance_type.label}上次停保时间{max(suspended).isoformat()}",
                )
            )
    return problems


def _age_problems(
    person: Person, identity: InsuredIdentity, base_age: int, on: date
) -> list[FieldProblem]:
    if identity is InsuredIdentity.OVER_AGE:
        return []
    if not is_past_retirement(person.birth_date, base_age, on):
        return []
    age = format_age(statutory_months(person.birth_date, base_age))
    return [
        FieldProblem(
            "enrollDate",
            "OVER_RETIREMENT_AGE",
            f"该人员法定退休年龄为{age}，{on.isoformat()}已达到，"
            f"参保身份只能为超龄人员，不能以{identity.label}新增险种",
        )
    ]


async def plan_addition(
    unit: Unit, request: AdditionRequest, today: date
) -> AdditionPlan:
    """Work out the records approval would create, or raise with every problem."""
    number = normalize_code(request.ssn)
    request = AdditionRequest(
        ssn=number,
        insurance_types=tuple(dict.fromkeys(request.insurance_types)),
        enroll_date=request.enroll_date,
        declared_wage=request.declared_wage,
    )
    person = await Person.get_or_none(ssn=number) if could_be_ssn(number) else None
    records = await InsuranceRecord.filter(person_id=person.id) if person else []
    active_here = [
        r
        for r in records
        if r.unit_id == unit.id and r.status is InsuranceStatus.ACTIVE
    ]
    if not active_here:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssn",
                    "NOT_INSURED_IN_UNIT",
                    f"社会保障号码{number}在本单位没有参保缴费的记录，请先办理职工参保登记",
                )
            ]
        )
    identity = InsuredIdentity(active_here[0].identity)
    problems: list[FieldProblem] = []
    if not request.insurance_types:
        problems.append(
            FieldProblem("insuranceTypes", "REQUIRED", "请选择至少一个新增险种")
        )
    latest = last_day_of_month(today)
    if request.enroll_date > latest:
        problems.append(
            FieldProblem(
                "enrollDate",
                "DATE_IN_FUTURE",
                f"本次参保时间{request.enroll_date.isoformat()}不能晚于本月末"
                f"（{latest.isoformat()}）",
            )
        )
    wage, wage_problems = check_wage(request.declared_wage)
    problems += wage_problems
    problems += _age_problems(
        person, identity, active_here[0].retirement_age, request.enroll_date
    )
    problems += _type_problems(request, identity, records, unit)
    parameters = await parameters_on(
        unit.region_id, request.insurance_types, request.enroll_date
    )
    missing = [t for t in request.insurance_types if t not in parameters]
    if missing:
        labels = "、".join(t.label for t in missing)
        problems.append(
            FieldProblem(
                "enrollDate",
                "NO_POLICY_PARAMETERS",
                f"统筹区{unit.region_id}在{request.enroll_date.isoformat()}没有"
                f"{labels}的缴费基数上下限，请联系经办机构",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    planned = []
    for insurance_type in request.insurance_types:
        parameter = parameters[insurance_type]
        clamped = clamp_base(wage, parameter.base_floor, parameter.base_ceiling)
        earlier = [
            r.first_enroll_month for r in records if r.insurance_type == insurance_type
        ]
        planned.append(
            PlannedRecord(
                insurance_type=insurance_type,
                region_code=unit.region_id,
                base=clamped.base,
                base_floor=parameter.base_floor,
                base_ceiling=parameter.base_ceiling,
                base_adjustment=clamped.adjustment,
                rate_grade=unit.rate_grade,
                first_enroll_month=min([*earlier, month_of(request.enroll_date)]),
                parameters_are_samples=parameter.is_sample,
            )
        )
    return AdditionPlan(
        person=person, identity=identity, request=request, records=planned
    )


def _record_data(record: PlannedRecord) -> dict:
    return {
        **asdict(record),
        "insurance_type": record.insurance_type.value,
        "base": str(record.base),
        "base_floor": str(record.base_floor),
        "base_ceiling": str(record.base_ceiling),
        "base_adjustment": (
            record.base_adjustment.value if record.base_adjustment else None
        ),
    }


def addition_declaration(actor: Actor, unit: Unit, plan: AdditionPlan) -> Declaration:
    request = plan.request
    return Declaration(
        kind=DeclarationKind.INSURANCE_TYPE_ADD,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=plan.person.id,
        ssn=request.ssn,
        person_name=plan.person.name,
        business_date=request.enroll_date,
        settlement_month=month_of(request.enroll_date),
        insurance_types=",".join(r.insurance_type.value for r in plan.records),
        identity=plan.identity.value,
        data={
            "enrollDate": request.enroll_date.isoformat(),
            "declaredWage": str(request.declared_wage),
            "records": [_record_data(record) for record in plan.records],
        },
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_addition(
    actor: Actor,
    unit: Unit,
    request: AdditionRequest,
    materials: list[MaterialUpload],
    material_ids: list[int],
    today: date,
) -> tuple[Declaration, AdditionPlan]:
    return await submit_with_materials(
        actor,
        unit,
        DeclarationKind.INSURANCE_TYPE_ADD,
        materials,
        material_ids,
        lambda: plan_addition(unit, request, today),
        lambda plan: addition_declaration(actor, unit, plan),
    )


async def apply_addition(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Create or reactivate the added records, inside the approval transaction.

    Checks again that the person still pays in the unit and that none of the
    types became active since submission.
    """
    data = declaration.data
    await (
        Person.filter(id=declaration.person_id)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    records = await InsuranceRecord.filter(person_id=declaration.person_id).using_db(
        connection
    )
    here = {r.insurance_type: r for r in records if r.unit_id == declaration.unit_id}
    active_here = [r for r in here.values() if r.status is InsuranceStatus.ACTIVE]
    if not active_here:
        return [
            FieldProblem(
                None, "CONFLICT", "该人员在提交后已暂停参保，本申报不能再通过，请驳回"
            )
        ]
    template = active_here[0]
    for planned in data["records"]:
        insurance_type = InsuranceType(planned["insurance_type"])
        active = [
            r
            for r in records
            if r.insurance_type == insurance_type
            and r.status is InsuranceStatus.ACTIVE
            and (
                r.unit_id == declaration.unit_id
                or insurance_type is InsuranceType.PENSION
            )
        ]
        if active:
            return [
                FieldProblem(
                    None,
                    "CONFLICT",
                    f"该人员在提交后已参加{insurance_type.label}，本申报不能再通过，请驳回",
                )
            ]
        values = {
            "status": InsuranceStatus.ACTIVE,
            "enroll_date": date.fromisoformat(data["enrollDate"]),
            "base": Decimal(planned["base"]),
            "rate_grade": planned["rate_grade"],
            "identity": template.identity,
            "job_type": template.job_type,
            "retirement_age": template.retirement_age,
            "employment_form": template.employment_form,
            "suspension_reason": None,
            "suspend_date": None,
            "suspension_remark": "",
        }
        record = here.get(insurance_type)
        if record is None:
            await InsuranceRecord.create(
                person_id=declaration.person_id,
                unit_id=declaration.unit_id,
                insurance_type=insurance_type,
                first_enroll_month=planned["first_enroll_month"],
                using_db=connection,
                **values,
            )
        else:
            record.update_from_dict(values)
            await record.save(using_db=connection)
    return []

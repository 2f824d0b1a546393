"""Employee enrollment (职工参保登记) and re-enrollment (续保).

One action covers both: a person with only suspended records in the unit is
re-enrolled, anyone else is newly enrolled. Submitting writes a pending
declaration, and approval creates or reactivates the insurance records.
"""

import logging
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.core.errors import FieldProblem, ValidationFailed
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.declaration.repository import ensure_no_pending
from graph.insurance.checks import EnrollmentRequest, check_enrollment
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import (
    BaseAdjustment,
    clamp_base,
    insurance_types_for,
    month_of,
)
from graph.person.models import Person
from graph.person.resident_id import ResidentId
from graph.policy.models import PolicyParameter
from graph.policy.service import parameters_on
from graph.unit.models import Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedRecord:
    """One insurance record as it will be after approval."""

    insurance_type: InsuranceType
    region_code: str
    base: Decimal
    base_floor: Decimal
    base_ceiling: Decimal
    base_adjustment: BaseAdjustment | None
    rate_grade: int
    first_enroll_month: str
    parameters_are_samples: bool


@dataclass(frozen=True)
class EnrollmentPlan:
    request: EnrollmentRequest
    resident_id: ResidentId
    reenrollment: bool
    records: list[PlannedRecord]

    @property
    def base_adjusted(self) -> bool:
        return any(record.base_adjustment for record in self.records)


@dataclass(frozen=True)
class EnrollmentState:
    """Database state of one person, as the enrollment rules need it."""

    person: Person | None
    records: list[InsuranceRecord]
    has_pending: bool
    parameters: dict[InsuranceType, PolicyParameter]


async def plan_enrollment(
    unit: Unit, request: EnrollmentRequest, today: date
) -> EnrollmentPlan:
    """Work out what approval would do, or raise with every problem found."""
    clean, resident_id, problems = check_enrollment(request, today)
    if resident_id is None:
        raise ValidationFailed(problems)

    types = insurance_types_for(clean.identity)
    person = await Person.get_or_none(ssn=clean.ssn)
    state = EnrollmentState(
        person=person,
        records=(await InsuranceRecord.filter(person_id=person.id) if person else []),
        has_pending=await Declaration.exists(
            unit_id=unit.id, ssn=clean.ssn, status=DeclarationStatus.PENDING
        ),
        parameters=await parameters_on(unit.region_id, types, clean.enroll_date),
    )
    return plan_with_state(unit, clean, resident_id, problems, state)


def plan_with_state(
    unit: Unit,
    clean: EnrollmentRequest,
    resident_id: ResidentId,
    problems: list[FieldProblem],
    state: EnrollmentState,
) -> EnrollmentPlan:
    """Apply the enrollment rules to a checked request and the person's state.

    Raises ValidationFailed with ``problems`` and every rule broken. Single
    and batch enrollment both come here, so they cannot disagree.
    """
    problems = list(problems)
    types = insurance_types_for(clean.identity)
    records = state.records
    problems += _check_person_state(unit, clean, state.person, records, types)
    if state.has_pending:
        problems.append(
            FieldProblem(
                "ssn",
                "DECLARATION_PENDING",
                f"社会保障号码{clean.ssn}已有待审核的申报，请等待审核或撤回后再办理",
            )
        )

    parameters = state.parameters
    missing = [t for t in types if t not in parameters]
    if missing:
        labels = "、".join(t.label for t in missing)
        problems.append(
            FieldProblem(
                "enrollDate",
                "NO_POLICY_PARAMETERS",
                f"统筹区{unit.region_id}在{clean.enroll_date.isoformat()}"
                f"没有{labels}的缴费基数上下限，请联系经办机构",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    planned = []
    for insurance_type in types:
        parameter = parameters[insurance_type]
        clamped = clamp_base(
            clean.declared_wage, parameter.base_floor, parameter.base_ceiling
        )
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
                first_enroll_month=min([*earlier, month_of(clean.enroll_date)]),
                parameters_are_samples=parameter.is_sample,
            )
        )
    in_unit = [r for r in records if r.unit_id == unit.id]
    return EnrollmentPlan(
        request=clean,
        resident_id=resident_id,
        reenrollment=bool(in_unit),
        records=planned,
    )


def _check_person_state(
    unit: Unit,
    request: EnrollmentRequest,
    person: Person | None,
    records: list[InsuranceRecord],
    types: tuple[InsuranceType, ...],
) -> list[FieldProblem]:
    problems = []
    if person is not None and person.name != request.name:
        problems.append(
            FieldProblem(
                "name",
                "NAME_MISMATCH",
                f"姓名“{request.name}”与社会保障号码{request.ssn}登记的姓名不一致",
            )
        )

    active_here = [
        r
        for r in records
        if r.unit_id == unit.id and r.status is InsuranceStatus.ACTIVE
    ]
    if active_here:
        labels = "、".join(InsuranceType(r.insurance_type).label for r in active_here)
        problems.append(
            FieldProblem(
                "ssn",
                "ALREADY_ACTIVE_IN_UNIT",
                f"社会保障号码{request.ssn}已在本单位参保缴费（{labels}），不能重复参保",
            )
        )
        return problems

    if InsuranceType.PENSION in types and any(
        r.unit_id != unit.id
        and r.insurance_type == InsuranceType.PENSION
        and r.status is InsuranceStatus.ACTIVE
        for r in records
    ):
        problems.append(
            FieldProblem(
                "ssn",
                "ACTIVE_IN_OTHER_UNIT",
                f"社会保障号码{request.ssn}在其他单位有正在缴费的企业职工基本养老保险，"
                "须由原单位办理暂停参保后才能在本单位参保",
            )
        )

    suspended_here = [
        r.suspend_date for r in records if r.unit_id == unit.id and r.suspend_date
    ]
    if suspended_here and request.enroll_date <= max(suspended_here):
        problems.append(
            FieldProblem(
                "enrollDate",
                "DATE_BEFORE_SUSPENSION",
                f"本次参保时间{request.enroll_date.isoformat()}应晚于上次停保时间"
                f"{max(suspended_here).isoformat()}",
            )
        )
    return problems


def declaration_data(plan: EnrollmentPlan) -> dict:
    """Turn a plan into the JSON kept on the declaration."""
    request = plan.request
    resident_id = plan.resident_id
    return {
        "ssn": request.ssn,
        "name": request.name,
        "gender": resident_id.gender.value,
        "birthDate": resident_id.birth_date.isoformat(),
        "mobile": request.mobile,
        "phone": request.phone,
        "email": request.email,
        "postcode": request.postcode,
        "address": request.address,
        "enrollDate": request.enroll_date.isoformat(),
        "identity": request.identity.value,
        "declaredWage": str(request.declared_wage),
        "jobType": request.job_type,
        "retirementAge": request.retirement_age,
        "employmentForm": (
            request.employment_form.value if request.employment_form else None
        ),
        "reenrollment": plan.reenrollment,
        "records": [
            {
                **asdict(record),
                "insurance_type": record.insurance_type.value,
                "base": str(record.base),
                "base_floor": str(record.base_floor),
                "base_ceiling": str(record.base_ceiling),
                "base_adjustment": (
                    record.base_adjustment.value if record.base_adjustment else None
                ),
            }
            for record in plan.records
        ],
    }


def enrollment_declaration(
    actor: Actor, unit: Unit, plan: EnrollmentPlan, person_id: int | None
) -> Declaration:
    """Build the pending declaration for ``plan``, not yet saved."""
    return Declaration(
        kind=(
            DeclarationKind.REENROLLMENT
            if plan.reenrollment
            else DeclarationKind.ENROLLMENT
        ),
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=person_id,
        ssn=plan.request.ssn,
        person_name=plan.request.name,
        business_date=plan.request.enroll_date,
        settlement_month=month_of(plan.request.enroll_date),
        insurance_types=",".join(r.insurance_type.value for r in plan.records),
        identity=plan.request.identity.value,
        data=declaration_data(plan),
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_enrollment(
    actor: Actor, unit: Unit, request: EnrollmentRequest, today: date
) -> tuple[Declaration, EnrollmentPlan]:
    plan = await plan_enrollment(unit, request, today)
    person = await Person.get_or_none(ssn=plan.request.ssn)
    async with in_transaction() as connection:
        await ensure_no_pending(unit, plan.request.ssn, connection)
        declaration = enrollment_declaration(
            actor, unit, plan, person.id if person else None
        )
        await declaration.save(using_db=connection)
        await audit.record(
            "declaration.submitted",
            actor=actor,
            target_type="declaration",
            target_id=declaration.id,
            detail={"kind": declaration.kind.value},
            using=connection,
        )
    return declaration, plan


async def apply_enrollment(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Create or reactivate the records of an approved enrollment.

    Runs inside the approval transaction and checks the person's state again,
    because other declarations may have been approved since submission.
    """
    data = declaration.data
    enroll_date = date.fromisoformat(data["enrollDate"])
    person = await (
        Person.filter(ssn=declaration.ssn)
        .using_db(connection)
        .select_for_update()
        .first()
    )
    if person is not None and person.name != data["name"]:
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "该社会保障号码登记的姓名在提交后已变更，与申报姓名不一致，请驳回",
            )
        ]
    if person is None:
        try:
            person = await Person.create(
                ssn=declaration.ssn,
                name=data["name"],
                gender=data["gender"],
                birth_date=date.fromisoformat(data["birthDate"]),
                using_db=connection,
            )
        except IntegrityError:
            # Another approval created the same person a moment ago.
            return [
                FieldProblem(
                    None,
                    "CONFLICT",
                    "该人员正被另一笔申报同时办理，请稍后重试审核",
                )
            ]
    person.mobile = data["mobile"]
    person.phone = data["phone"]
    person.email = data["email"]
    person.postcode = data["postcode"]
    person.address = data["address"]
    await person.save(using_db=connection)

    records = await InsuranceRecord.filter(person_id=person.id).using_db(connection)
    conflict = _approval_conflict(declaration, records)
    if conflict:
        return [FieldProblem(None, "CONFLICT", conflict)]

    existing = {
        r.insurance_type: r for r in records if r.unit_id == declaration.unit_id
    }
    for planned in data["records"]:
        insurance_type = InsuranceType(planned["insurance_type"])
        values = {
            "status": InsuranceStatus.ACTIVE,
            "enroll_date": enroll_date,
            "base": Decimal(planned["base"]),
            "rate_grade": planned["rate_grade"],
            "identity": data["identity"],
            "job_type": data["jobType"],
            "retirement_age": data["retirementAge"],
            "employment_form": data["employmentForm"],
            "suspension_reason": None,
            "suspend_date": None,
            "suspension_remark": "",
        }
        record = existing.get(insurance_type)
        if record is None:
            await InsuranceRecord.create(
                person_id=person.id,
                unit_id=declaration.unit_id,
                insurance_type=insurance_type,
                first_enroll_month=planned["first_enroll_month"],
                using_db=connection,
                **values,
            )
        else:
            record.update_from_dict(values)
            await record.save(using_db=connection)

    declaration.person_id = person.id
    return []


def _approval_conflict(
    declaration: Declaration, records: list[InsuranceRecord]
) -> str | None:
    active = [r for r in records if r.status is InsuranceStatus.ACTIVE]
    if any(r.unit_id == declaration.unit_id for r in active):
        return "该人员已在本单位参保缴费，本申报不能再通过，请驳回"
    wants_pension = InsuranceType.PENSION.value in declaration.insurance_types
    if wants_pension and any(r.insurance_type == InsuranceType.PENSION for r in active):
        return "该人员已在其他单位参加企业职工基本养老保险，本申报不能再通过，请驳回"
    return None

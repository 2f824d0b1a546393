"""Employee suspension (职工暂停参保, 停保) of every active record in the unit."""

from dataclasses import dataclass, field
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.contribution.models import ContributionLine
from graph.contribution.refunds import (
    RefundItem,
    paid_pension_lines,
    plan_refunds,
    record_refunds,
)
from graph.core.errors import FieldProblem, ValidationFailed
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.declaration.repository import ensure_no_pending
from graph.insurance.checks import SuspensionRequest, check_suspension
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import month_of
from graph.person.models import Person
from graph.unit.models import Unit


@dataclass(frozen=True)
class SuspensionPlan:
    request: SuspensionRequest
    person: Person
    records: list[InsuranceRecord]
    # 养老保险退收: paid pension months after the suspension date.
    refunds: list[RefundItem] = field(default_factory=list)

    @property
    def insurance_types(self) -> list[InsuranceType]:
        return sorted(InsuranceType(r.insurance_type) for r in self.records)


@dataclass(frozen=True)
class SuspensionState:
    """The person and their active records in the unit, as suspension needs."""

    person: Person | None
    records: list[InsuranceRecord]
    has_pending: bool
    # Paid, not yet refunded pension lines of the person in the unit.
    paid_pension_lines: list[ContributionLine] = field(default_factory=list)


async def plan_suspension(
    unit: Unit, request: SuspensionRequest, today: date
) -> SuspensionPlan:
    clean, problems = check_suspension(request, today)
    if problems and any(p.field == "ssn" for p in problems):
        raise ValidationFailed(problems)

    person = await Person.get_or_none(ssn=clean.ssn)
    state = SuspensionState(
        paid_pension_lines=(
            await paid_pension_lines(unit.id, [person.id]) if person else []
        ),
        person=person,
        records=(
            await InsuranceRecord.filter(
                person_id=person.id, unit_id=unit.id, status=InsuranceStatus.ACTIVE
            )
            if person
            else []
        ),
        has_pending=await Declaration.exists(
            unit_id=unit.id, ssn=clean.ssn, status=DeclarationStatus.PENDING
        ),
    )
    return plan_suspension_with_state(clean, problems, state)


def plan_suspension_with_state(
    clean: SuspensionRequest, problems: list[FieldProblem], state: SuspensionState
) -> SuspensionPlan:
    """Apply the suspension rules to a checked request and the person's state.

    Raises ValidationFailed with ``problems`` and every rule broken; single
    and batch suspension both come here.
    """
    problems = list(problems)
    person, records = state.person, state.records
    if person is None or not records:
        problems.append(
            FieldProblem(
                "ssn",
                "NOT_INSURED_IN_UNIT",
                f"社会保障号码{clean.ssn}在本单位没有参保缴费的险种，无需暂停",
            )
        )
        raise ValidationFailed(problems)

    enrolled_on = max(r.enroll_date for r in records)
    if clean.suspend_date < enrolled_on:
        problems.append(
            FieldProblem(
                "suspendDate",
                "DATE_BEFORE_ENROLLMENT",
                f"停保时间{clean.suspend_date.isoformat()}不能早于本次参保时间"
                f"{enrolled_on.isoformat()}",
            )
        )
    if state.has_pending:
        problems.append(
            FieldProblem(
                "ssn",
                "DECLARATION_PENDING",
                f"社会保障号码{clean.ssn}已有待审核的申报，请等待审核或撤回后再办理",
            )
        )
    if problems:
        raise ValidationFailed(problems)
    return SuspensionPlan(
        request=clean,
        person=person,
        records=records,
        refunds=plan_refunds(clean.suspend_date, state.paid_pension_lines),
    )


def suspension_declaration(
    actor: Actor, unit: Unit, plan: SuspensionPlan
) -> Declaration:
    """Build the pending declaration for ``plan``, not yet saved."""
    clean = plan.request
    return Declaration(
        kind=DeclarationKind.SUSPENSION,
        status=DeclarationStatus.PENDING,
        unit_id=unit.id,
        region_id=unit.region_id,
        person_id=plan.person.id,
        ssn=clean.ssn,
        person_name=plan.person.name,
        business_date=clean.suspend_date,
        settlement_month=month_of(clean.suspend_date),
        insurance_types=",".join(t.value for t in plan.insurance_types),
        identity=plan.records[0].identity,
        data={
            "ssn": clean.ssn,
            "name": plan.person.name,
            "gender": plan.person.gender,
            "reason": clean.reason.value,
            "suspendDate": clean.suspend_date.isoformat(),
            "remark": clean.remark,
            "records": [
                {
                    "insurance_type": r.insurance_type,
                    "base": str(r.base),
                    "enroll_date": r.enroll_date.isoformat(),
                }
                for r in plan.records
            ],
            "refunds": [item.to_data() for item in plan.refunds],
        },
        submitted_by_id=actor.account_id,
        submitted_as=actor.authorization,
    )


async def submit_suspension(
    actor: Actor, unit: Unit, request: SuspensionRequest, today: date
) -> tuple[Declaration, SuspensionPlan]:
    plan = await plan_suspension(unit, request, today)
    async with in_transaction() as connection:
        await ensure_no_pending(unit, plan.request.ssn, connection)
        declaration = suspension_declaration(actor, unit, plan)
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


async def apply_suspension(
    declaration: Declaration, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    data = declaration.data
    types = [r["insurance_type"] for r in data["records"]]
    records = await (
        InsuranceRecord.filter(
            person_id=declaration.person_id,
            unit_id=declaration.unit_id,
            insurance_type__in=types,
            status=InsuranceStatus.ACTIVE,
        )
        .using_db(connection)
        .select_for_update()
    )
    if len(records) != len(types):
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "该人员的参保状态在提交后已变化，本申报不能再通过，请驳回",
            )
        ]
    suspend_date = date.fromisoformat(data["suspendDate"])
    problems = await record_refunds(declaration, suspend_date, connection)
    if problems:
        return problems
    for record in records:
        record.status = InsuranceStatus.SUSPENDED
        record.suspension_reason = data["reason"]
        record.suspend_date = suspend_date
        record.suspension_remark = data["remark"]
        await record.save(using_db=connection)
    return []

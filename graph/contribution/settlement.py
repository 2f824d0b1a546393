"""Monthly settlement (结算) and payment of a unit's contributions.

Generating a month reads the unit's records, the policy rows and the
yearly bases once each and computes every line in memory. The lines go to
the database in one multi-row insert, so the number of SQL statements does
not grow with the number of employees.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.contribution.codes import LineSource, SettlementStatus
from graph.contribution.models import ContributionLine, Settlement, YearlyBase
from graph.contribution.rules import (
    contribution,
    first_day,
    is_active_in,
    last_day,
    month_of,
)
from graph.contribution.terms import MonthTerms, terms_on
from graph.core.clock import now
from graph.core.errors import FieldProblem, ValidationFailed
from graph.insurance.codes import InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.insurance.rules import clamp_base
from graph.policy.models import PolicyParameter, WorkInjuryRate
from graph.unit.models import Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlannedLine:
    person_id: int
    insurance_type: InsuranceType
    base: Decimal
    terms: MonthTerms
    unit_amount: Decimal
    individual_amount: Decimal


def plan_lines(
    month: str,
    records: list[InsuranceRecord],
    yearly_bases: dict[tuple[int, InsuranceType], Decimal],
    terms: dict[InsuranceType, MonthTerms],
) -> list[PlannedLine]:
    """Return one line per record owing ``month``, base clamped to the month.

    A yearly base set by an approved wage declaration replaces the base on
    the record for that year.
    """
    lines = []
    for record in records:
        insurance_type = InsuranceType(record.insurance_type)
        if not is_active_in(record.enroll_date, record.suspend_date, month):
            continue
        month_terms = terms[insurance_type]
        declared = yearly_bases.get((record.person_id, insurance_type), record.base)
        base = clamp_base(
            declared, month_terms.base_floor, month_terms.base_ceiling
        ).base
        amounts = contribution(base, month_terms.rates)
        lines.append(
            PlannedLine(
                person_id=record.person_id,
                insurance_type=insurance_type,
                base=base,
                terms=month_terms,
                unit_amount=amounts.unit_amount,
                individual_amount=amounts.individual_amount,
            )
        )
    return lines


async def generate_settlement(
    actor: Actor, unit: Unit, month: str, today: date
) -> list[Settlement]:
    """Create or replace the unpaid settlements of ``month``; keep paid ones.

    Raises ValidationFailed for a future month or missing policy rows.
    """
    if first_day(month) > today:
        raise ValidationFailed(
            [
                FieldProblem(
                    "month",
                    "DATE_IN_FUTURE",
                    f"结算年月{month}还未到，最晚可结算本月（{month_of(today)}）",
                )
            ]
        )
    records = await InsuranceRecord.filter(
        Q(suspend_date__isnull=True) | Q(suspend_date__gte=first_day(month)),
        unit_id=unit.id,
        enroll_date__lte=last_day(month),
    )
    # Months already paid by an approved back payment are not owed again.
    back_paid = set(
        await ContributionLine.filter(
            person_id__in={r.person_id for r in records},
            month=month,
            source=LineSource.BACK_PAYMENT,
            paid=True,
            refunded=False,
        ).values_list("person_id", "insurance_type")
    )
    records = [
        r
        for r in records
        if (r.person_id, InsuranceType(r.insurance_type)) not in back_paid
    ]
    if not records:
        raise ValidationFailed(
            [
                FieldProblem(
                    "month",
                    "NOTHING_TO_SETTLE",
                    f"本单位在{month}没有应缴费的参保人员，无需结算",
                )
            ]
        )
    types = sorted({InsuranceType(r.insurance_type) for r in records})
    terms = await _month_terms(unit, types, month)
    yearly = {
        (row.person_id, InsuranceType(row.insurance_type)): row.base
        for row in await YearlyBase.filter(unit_id=unit.id, year=int(month[:4]))
    }
    planned = plan_lines(month, records, yearly, terms)

    async with in_transaction() as connection:
        # The unit's row orders two clerks generating the same month at once.
        await Unit.filter(id=unit.id).using_db(connection).select_for_update().first()
        existing = {
            InsuranceType(s.insurance_type): s
            for s in await Settlement.filter(unit_id=unit.id, month=month)
            .using_db(connection)
            .select_for_update()
        }
        paid = {t for t, s in existing.items() if s.status is SettlementStatus.PAID}
        replaced = [s.id for t, s in existing.items() if t not in paid]
        if replaced:
            await (
                ContributionLine.filter(settlement_id__in=replaced)
                .using_db(connection)
                .delete()
            )

        by_type: dict[InsuranceType, list[PlannedLine]] = defaultdict(list)
        for line in planned:
            if line.insurance_type not in paid:
                by_type[line.insurance_type].append(line)
        stale = [existing[t].id for t in existing if t not in paid and t not in by_type]
        if stale:
            await Settlement.filter(id__in=stale).using_db(connection).delete()

        settlements = [existing[t] for t in sorted(paid)]
        rows = []
        for insurance_type, lines in sorted(by_type.items()):
            settlement = existing.get(insurance_type) or Settlement(
                unit_id=unit.id, month=month, insurance_type=insurance_type
            )
            settlement.status = SettlementStatus.UNPAID
            settlement.person_count = len(lines)
            settlement.base_total = sum((x.base for x in lines), Decimal(0))
            settlement.unit_total = sum((x.unit_amount for x in lines), Decimal(0))
            settlement.individual_total = sum(
                (x.individual_amount for x in lines), Decimal(0)
            )
            settlement.total = settlement.unit_total + settlement.individual_total
            settlement.rates_are_samples = terms[insurance_type].is_sample
            settlement.generated_at = now()
            settlement.generated_by_id = actor.account_id
            await settlement.save(using_db=connection)
            settlements.append(settlement)
            rows += [
                ContributionLine(
                    settlement_id=settlement.id,
                    person_id=line.person_id,
                    unit_id=unit.id,
                    insurance_type=insurance_type,
                    month=month,
                    source=LineSource.SETTLEMENT,
                    base=line.base,
                    unit_rate=line.terms.rates.unit_rate,
                    individual_rate=line.terms.rates.individual_rate,
                    unit_amount=line.unit_amount,
                    individual_amount=line.individual_amount,
                )
                for line in lines
            ]
        if rows:
            await ContributionLine.bulk_create(rows, using_db=connection)
        await audit.record(
            "settlement.generated",
            actor=actor,
            target_type="settlement",
            target_id=month,
            detail={"lines": len(rows), "kept_paid": sorted(t.value for t in paid)},
            using=connection,
        )
    return sorted(settlements, key=lambda s: s.insurance_type)


async def _month_terms(
    unit: Unit, types: list[InsuranceType], month: str
) -> dict[InsuranceType, MonthTerms]:
    on = first_day(month)
    parameters = await PolicyParameter.filter(region_id=unit.region_id)
    injury_rates = await WorkInjuryRate.filter(
        region_id=unit.region_id,
        risk_class=unit.risk_class,
        rate_grade=unit.rate_grade,
    )
    terms = {}
    missing = []
    for insurance_type in types:
        found = terms_on(
            parameters,
            injury_rates,
            insurance_type,
            unit.risk_class,
            unit.rate_grade,
            on,
        )
        if found is None:
            missing.append(insurance_type.label)
        else:
            terms[insurance_type] = found
    if missing:
        raise ValidationFailed(
            [
                FieldProblem(
                    "month",
                    "NO_POLICY_PARAMETERS",
                    f"统筹区{unit.region_id}在{month}没有{'、'.join(missing)}的"
                    f"缴费基数或费率（行业风险类别{unit.risk_class}、"
                    f"费率档次{unit.rate_grade}），请联系经办机构",
                )
            ]
        )
    return terms


async def record_payment(
    actor: Actor,
    unit: Unit,
    month: str,
    insurance_types: list[InsuranceType] | None,
    reference: str,
) -> list[Settlement]:
    """Mark the unpaid settlements of ``month`` paid, with their lines.

    Raises ValidationFailed when there is nothing unpaid to record.
    """
    async with in_transaction() as connection:
        query = Settlement.filter(
            unit_id=unit.id, month=month, status=SettlementStatus.UNPAID
        )
        if insurance_types:
            query = query.filter(insurance_type__in=insurance_types)
        settlements = await query.using_db(connection).select_for_update()
        if not settlements:
            raise ValidationFailed(
                [
                    FieldProblem(
                        "month",
                        "NOTHING_TO_PAY",
                        f"{month}没有未缴费的结算，请先生成结算或核对年月和险种",
                    )
                ]
            )
        ids = [s.id for s in settlements]
        paid_at = now()
        await (
            Settlement.filter(id__in=ids)
            .using_db(connection)
            .update(
                status=SettlementStatus.PAID,
                paid_at=paid_at,
                payment_reference=reference,
            )
        )
        await (
            ContributionLine.filter(settlement_id__in=ids)
            .using_db(connection)
            .update(paid=True)
        )
        await audit.record(
            "settlement.paid",
            actor=actor,
            target_type="settlement",
            target_id=month,
            detail={"settlements": ids},
            using=connection,
        )
        for settlement in settlements:
            settlement.status = SettlementStatus.PAID
            settlement.paid_at = paid_at
            settlement.payment_reference = reference
    return settlements

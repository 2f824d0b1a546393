"""Adding policy periods to regions, from the API or the command line."""

from dataclasses import dataclass
from datetime import date

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.contribution.models import Settlement
from graph.core.errors import FieldProblem, ValidationFailed
from graph.policy.models import FundParameter, PolicyParameter, WorkInjuryRate
from graph.policy.periods import (
    PolicyPeriod,
    Span,
    check_period,
    closing_date,
    conflict_message,
    place_period,
)
from graph.region.models import Region

PERIOD_TABLES = (PolicyParameter, WorkInjuryRate, FundParameter)


@dataclass(frozen=True)
class ClosedPeriod:
    region_code: str
    span: Span
    # The new last day of the formerly open-ended period.
    closed_on: date


@dataclass(frozen=True)
class LoadResult:
    region_codes: list[str]
    periods: list[PolicyPeriod]
    closed: list[ClosedPeriod]
    rows_inserted: int


async def _region_spans(region_code: str, connection: BaseDBAsyncClient) -> set[Span]:
    """Return the distinct periods of a region across the three policy tables."""
    spans = set()
    for table in PERIOD_TABLES:
        rows = await (
            table.filter(region_id=region_code)
            .using_db(connection)
            .distinct()
            .values_list("valid_from", "valid_to")
        )
        spans.update(Span(valid_from, valid_to) for valid_from, valid_to in rows)
    return spans


async def _close(
    region_code: str, span: Span, new: Span, connection: BaseDBAsyncClient
) -> ClosedPeriod:
    closed_on = closing_date(new)
    for table in PERIOD_TABLES:
        await (
            table.filter(
                region_id=region_code, valid_from=span.valid_from, valid_to__isnull=True
            )
            .using_db(connection)
            .update(valid_to=closed_on)
        )
    return ClosedPeriod(region_code=region_code, span=span, closed_on=closed_on)


async def _insert(
    region_code: str, period: PolicyPeriod, connection: BaseDBAsyncClient
) -> int:
    span = {
        "region_id": region_code,
        "valid_from": period.span.valid_from,
        "valid_to": period.span.valid_to,
        "is_sample": period.is_sample,
    }
    parameters = [
        PolicyParameter(
            insurance_type=terms.insurance_type,
            base_floor=terms.base_floor,
            base_ceiling=terms.base_ceiling,
            unit_rate=terms.unit_rate,
            individual_rate=terms.individual_rate,
            **span,
        )
        for terms in period.insurance_terms
    ]
    injury_rates = [
        WorkInjuryRate(
            risk_class=rate.risk_class,
            rate_grade=rate.rate_grade,
            rate=rate.rate,
            **span,
        )
        for rate in period.work_injury_rates
    ]
    fund = FundParameter(
        crediting_rate=period.crediting_rate,
        late_fee_daily_rate=period.late_fee_daily_rate,
        **span,
    )
    await PolicyParameter.bulk_create(parameters, using_db=connection)
    await WorkInjuryRate.bulk_create(injury_rates, using_db=connection)
    await fund.save(using_db=connection)
    return len(parameters) + len(injury_rates) + 1


def _check_values(periods: list[PolicyPeriod]) -> list[FieldProblem]:
    if not periods:
        return [FieldProblem(None, "REQUIRED", "没有要加载的政策期间")]
    problems = []
    for index, period in enumerate(periods):
        for problem in check_period(period):
            # A file with several periods names the period in each message.
            prefix = f"第{index + 1}个政策期间：" if len(periods) > 1 else ""
            problems.append(
                FieldProblem(problem.field, problem.code, prefix + problem.message)
            )
    return problems


async def _check_regions(region_codes: list[str]) -> list[FieldProblem]:
    if not region_codes:
        return [FieldProblem("regionCodes", "REQUIRED", "请至少选择一个统筹区")]
    known = set(
        await Region.filter(code__in=region_codes).values_list("code", flat=True)
    )
    return [
        FieldProblem("regionCodes", "NOT_FOUND", f"统筹区代码{code}不存在")
        for code in region_codes
        if code not in known
    ]


async def _check_settled(
    region_codes: list[str], periods: list[PolicyPeriod]
) -> list[FieldProblem]:
    """Reject a period that starts under months already settled.

    Settlements, refunds and accounts of those months were worked out with
    the rates then in force, and changing the rates beneath them would
    leave the figures disagreeing with the policy.
    """
    if not periods:
        return []
    earliest = min(period.span.valid_from for period in periods)
    month = f"{earliest.year:04d}{earliest.month:02d}"
    settled = (
        await Settlement.filter(unit__region_id__in=region_codes, month__gte=month)
        .order_by("-month")
        .first()
        .values_list("unit__region_id", "month")
    )
    if settled is None:
        return []
    region_code, last = settled
    return [
        FieldProblem(
            "validFrom",
            "PERIOD_OVERLAP",
            f"统筹区{region_code}已结算到{last}，新期间的生效日期"
            f"{earliest.isoformat()}应晚于已结算的月份",
        )
    ]


async def add_policy_periods(
    region_codes: list[str],
    periods: list[PolicyPeriod],
    *,
    close_open_ended: bool,
    actor: Actor | None,
    source: str,
) -> LoadResult:
    """Add ``periods`` to every region of ``region_codes`` in one transaction.

    A period may not overlap another of the same region, counting the
    periods added before it in this call. With ``close_open_ended``, an
    open-ended period that starts earlier is closed the day before the new
    one starts. Raises ValidationFailed with every problem, writing nothing.
    """
    region_codes = sorted(set(region_codes))
    problems = _check_values(periods) + await _check_regions(region_codes)
    problems += await _check_settled(region_codes, periods)
    if problems:
        raise ValidationFailed(problems)

    closed: list[ClosedPeriod] = []
    inserted = 0
    async with in_transaction() as connection:
        # Locking the region rows makes a concurrent load of the same regions
        # wait, so both cannot pass the overlap check (SQLite serializes
        # writers anyway).
        await (
            Region.filter(code__in=region_codes)
            .using_db(connection)
            .select_for_update()
        )
        for region_code in region_codes:
            spans = await _region_spans(region_code, connection)
            for period in periods:
                placement = place_period(spans, period.span, close_open_ended)
                problems.extend(
                    FieldProblem(
                        "validFrom",
                        "PERIOD_OVERLAP",
                        conflict_message(region_code, span, period.span),
                    )
                    for span in placement.conflicts
                )
                if placement.conflicts:
                    continue
                for span in placement.to_close:
                    closed.append(
                        await _close(region_code, span, period.span, connection)
                    )
                    spans.discard(span)
                    spans.add(Span(span.valid_from, closing_date(period.span)))
                inserted += await _insert(region_code, period, connection)
                spans.add(period.span)
        if problems:
            # Raising inside the block rolls back every row written above.
            raise ValidationFailed(problems)
        await audit.record(
            "policy.period_loaded",
            actor=actor,
            target_type="policy_period",
            target_id=periods[0].span.valid_from.isoformat() if periods else "",
            detail={
                "source": source,
                "regions": region_codes,
                "periods": [
                    [p.span.valid_from.isoformat(), _iso(p.span.valid_to)]
                    for p in periods
                ],
                "closed": [
                    [
                        c.region_code,
                        c.span.valid_from.isoformat(),
                        c.closed_on.isoformat(),
                    ]
                    for c in closed
                ],
                "is_sample": any(p.is_sample for p in periods),
                "rows": inserted,
            },
            using=connection,
        )
    return LoadResult(
        region_codes=region_codes,
        periods=periods,
        closed=closed,
        rows_inserted=inserted,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

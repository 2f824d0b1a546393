"""Pension refunds (养老保险退收) when a suspension reaches back into paid months.

A suspension dated inside months already settled and paid gives back the
individual pension part of every paid month that begins after the date.
The unit part is not refunded.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.contribution.models import ContributionLine, Refund
from graph.contribution.rules import refunded_months
from graph.core.errors import FieldProblem
from graph.declaration.models import Declaration
from graph.insurance.codes import InsuranceType

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RefundItem:
    """One row of the refund table: 对应费款所属期, 缴费基数, 个人部分金额."""

    line_id: int
    month: str
    base: Decimal
    individual_amount: Decimal

    def to_data(self) -> dict[str, str | int]:
        return {
            "line_id": self.line_id,
            "month": self.month,
            "base": str(self.base),
            "individual_amount": str(self.individual_amount),
        }

    @classmethod
    def from_data(cls, data: dict) -> "RefundItem":
        return cls(
            line_id=int(data["line_id"]),
            month=data["month"],
            base=Decimal(data["base"]),
            individual_amount=Decimal(data["individual_amount"]),
        )


def plan_refunds(
    suspend_date: date, paid_lines: Iterable[ContributionLine]
) -> list[RefundItem]:
    """List the paid pension lines that a suspension on ``suspend_date`` refunds.

    ``paid_lines`` are the person's paid, not yet refunded pension lines in
    the unit. A month with two lines (a settlement and a back payment)
    gives two rows. Rows are ordered by month, then by line id.
    """
    lines = list(paid_lines)
    months = set(refunded_months(suspend_date, (line.month for line in lines)))
    return [
        RefundItem(
            line_id=line.id,
            month=line.month,
            base=line.base,
            individual_amount=line.individual_amount,
        )
        for line in sorted(lines, key=lambda line: (line.month, line.id))
        if line.month in months
    ]


def refund_total(items: Iterable[RefundItem]) -> Decimal:
    """Add up the individual parts, which were rounded when their lines were made."""
    return sum((item.individual_amount for item in items), Decimal("0.00"))


def paid_pension_lines(unit_id: int, person_ids: list[int]):
    """Return the query for the paid, not refunded pension lines of ``person_ids``."""
    return ContributionLine.filter(
        person_id__in=person_ids,
        unit_id=unit_id,
        insurance_type=InsuranceType.PENSION,
        paid=True,
        refunded=False,
    )


def declared_refunds(declaration: Declaration) -> list[RefundItem]:
    """Return the refund rows stored with a suspension declaration."""
    return [RefundItem.from_data(row) for row in declaration.data.get("refunds", [])]


def _changed_problem(declared: list[RefundItem], current: list[RefundItem]):
    declared_months = "、".join(item.month for item in declared) or "无"
    current_months = "、".join(item.month for item in current) or "无"
    return FieldProblem(
        None,
        "CONFLICT",
        f"申报时应退收的费款所属期为{declared_months}，现在为{current_months}，"
        "缴费记录在提交后已变化，本申报不能再通过，请驳回后重新申报",
    )


async def record_refunds(
    declaration: Declaration, suspend_date: date, connection: BaseDBAsyncClient
) -> list[FieldProblem]:
    """Write the Refund rows of an approved suspension and mark its lines refunded.

    The lines are read again under lock: when the refundable lines are no
    longer those stored with the declaration (a line was refunded or a new
    month was paid meanwhile), nothing is written and a CONFLICT is returned.
    """
    declared = declared_refunds(declaration)
    lines = (
        await paid_pension_lines(declaration.unit_id, [declaration.person_id])
        .using_db(connection)
        .select_for_update()
    )
    current = plan_refunds(suspend_date, lines)
    if [item.line_id for item in current] != [item.line_id for item in declared]:
        logger.info(
            "suspension.refund_conflict declaration_id=%s declared_lines=%s "
            "current_lines=%s",
            declaration.id,
            len(declared),
            len(current),
        )
        return [_changed_problem(declared, current)]
    if not current:
        return []

    line_ids = [item.line_id for item in current]
    # The conditional update keeps two approvals from refunding a line twice
    # where the database ignores the row lock (SQLite).
    changed = await (
        ContributionLine.filter(id__in=line_ids, paid=True, refunded=False)
        .using_db(connection)
        .update(refunded=True)
    )
    if changed != len(line_ids):
        return [
            FieldProblem(
                None,
                "CONFLICT",
                "应退收的缴费记录已被其他申报退收，本申报不能再通过，请驳回",
            )
        ]
    await Refund.bulk_create(
        [
            Refund(
                declaration_id=declaration.id,
                line_id=item.line_id,
                person_id=declaration.person_id,
                unit_id=declaration.unit_id,
                month=item.month,
                base=item.base,
                individual_amount=item.individual_amount,
            )
            for item in current
        ],
        using_db=connection,
    )
    logger.info(
        "suspension.refunds_recorded declaration_id=%s person_id=%s unit_id=%s "
        "lines=%s total=%s",
        declaration.id,
        declaration.person_id,
        declaration.unit_id,
        len(current),
        refund_total(current),
    )
    return []

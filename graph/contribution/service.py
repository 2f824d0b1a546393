"""Reading a person's pension individual account for the caller."""

from dataclasses import dataclass
from datetime import date

from graph.account.actor import Actor
from graph.contribution.account import (
    AccountHistory,
    MissingCreditingRate,
    account_history,
)
from graph.contribution.models import ContributionLine
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.text import normalize_code
from graph.insurance.codes import InsuranceStatus, InsuranceType
from graph.insurance.models import InsuranceRecord
from graph.person.models import Person, could_be_ssn
from graph.policy.models import FundParameter
from graph.region.models import Region

FIRST_YEAR = 1900


@dataclass(frozen=True)
class PensionAccountStatement:
    person: Person
    year: int
    # The region of the person's current pension record, whose rates apply.
    region: Region | None
    history: AccountHistory


def _check_year(year: int, today: date) -> None:
    if year < FIRST_YEAR:
        raise ValidationFailed(
            [FieldProblem("year", "INVALID_FORMAT", f"年度{year}应为四位年份，如2024")]
        )
    if year > today.year:
        raise ValidationFailed(
            [
                FieldProblem(
                    "year",
                    "DATE_IN_FUTURE",
                    f"年度{year}不能晚于本年度{today.year}",
                )
            ]
        )


async def _visible_person(actor: Actor, ssn: str) -> Person:
    """Return the person when the caller may see them, else raise NOT_FOUND.

    Unit staff see persons with a record in their unit, reviewers persons
    with a record in a unit of their regions. Both get the same error for a
    person that does not exist, so ID numbers cannot be probed.
    """
    records = InsuranceRecord.filter(person__ssn=ssn if could_be_ssn(ssn) else "")
    if actor.is_reviewer:
        records = records.filter(unit__region_id__in=list(actor.region_codes))
        where = "您负责的统筹区"
    else:
        records = records.filter(unit_id=actor.unit_id)
        where = "本单位"
    person = await Person.get_or_none(ssn=ssn) if await records.exists() else None
    if person is None:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ssn", "NOT_FOUND", f"社会保障号码{ssn}在{where}没有参保记录"
                )
            ]
        )
    return person


async def _current_region(person: Person, lines: list[ContributionLine]):
    """Return the region of the person's current pension unit, or None.

    That is the unit of the active pension record, else of the latest
    pension record, else of the latest paid pension line.
    """
    records = await (
        InsuranceRecord.filter(
            person_id=person.id, insurance_type=InsuranceType.PENSION
        )
        .order_by("-enroll_date", "-id")
        .select_related("unit__region")
    )
    active = [r for r in records if r.status is InsuranceStatus.ACTIVE]
    if active:
        return active[0].unit.region
    if records:
        return records[0].unit.region
    if lines:
        latest = max(lines, key=lambda line: (line.month, line.id))
        await latest.fetch_related("unit__region")
        return latest.unit.region
    return None


async def pension_account(
    actor: Actor, ssn: str, year: int, today: date
) -> PensionAccountStatement:
    """Build the account statement of ``year`` with every year before it.

    Raises ValidationFailed for an invalid year, a person the caller may not
    see, or a year without a crediting rate in the person's region.
    """
    ssn = normalize_code(ssn)
    _check_year(year, today)
    person = await _visible_person(actor, ssn)

    lines = await ContributionLine.filter(
        person_id=person.id,
        insurance_type=InsuranceType.PENSION,
        paid=True,
        refunded=False,
        month__lte=f"{year:04d}12",
    )
    region = await _current_region(person, lines)
    funds = await FundParameter.filter(region_id=region.code) if region else []
    try:
        history = account_history(lines, funds, year)
    except MissingCreditingRate as missing:
        raise ValidationFailed(
            [
                FieldProblem(
                    "year",
                    "NO_POLICY_PARAMETERS",
                    f"统筹区{region.name}（{region.code}）没有{missing.year}年12月31日"
                    f"适用的记账利率，无法计算{missing.year}年度的个人账户，"
                    "请联系经办机构补充政策参数",
                )
            ]
        ) from None
    return PensionAccountStatement(
        person=person, year=year, region=region, history=history
    )

"""Roster export (单位人员信息查询 导出): the filtered roster as an .xlsx file.

The download link carries the filter, and the download runs the persons
query's filter again for the unit of the session that made the link.
"""

from collections.abc import AsyncIterator
from typing import Any

from graph.account.actor import Actor
from graph.core.api_errors import BadUserInput, Forbidden
from graph.core.clock import today
from graph.core.masking import mask_mobile, mask_resident_id
from graph.core.permissions import require_full_values
from graph.files.exports import (
    DATE_FORMAT,
    MONEY_FORMAT,
    TEXT_FORMAT,
    Column,
    ExportSheet,
    Row,
    export_workbook,
)
from graph.files.links import download_url
from graph.files.responses import Workbook
from graph.files.types import ExportFile
from graph.insurance.codes import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.person import service
from graph.person.models import Person
from graph.person.resident_id import Gender
from graph.person.service import RosterCriteria

PURPOSE = "roster"
SHEET_TITLE = "单位人员信息"
# Persons read per database round trip while the workbook is written.
CHUNK_SIZE = 500
INVALID_LINK = "下载链接无效，请重新生成"

# One row per person. The record columns (identity, dates, base) come from
# the person's first record in insurance-type order, which is the pension
# record whenever the person has one.
COLUMNS = (
    Column("序号", 8),
    Column("社会保障号码", 22, TEXT_FORMAT),
    Column("姓名", 12),
    Column("性别", 6),
    Column("出生日期", 12, DATE_FORMAT),
    Column("手机号码", 15, TEXT_FORMAT),
    Column("参保身份", 18),
    *(Column(insurance_type.label, 14) for insurance_type in InsuranceType),
    Column("本次参保时间", 14, DATE_FORMAT),
    Column("首次参保年月", 14, TEXT_FORMAT),
    Column("缴费基数", 12, MONEY_FORMAT),
)

# Filter fields as they travel in the link, with the type each must parse to.
_FILTER_FIELDS = {
    "name": str,
    "ssn": str,
    "status": InsuranceStatus,
    "insurance_type": InsuranceType,
    "identity": InsuredIdentity,
}


def roster_file_name() -> str:
    return f"单位人员信息_{today():%Y%m%d}.xlsx"


def roster_export_file(
    actor: Actor, criteria: RosterCriteria, full: bool
) -> ExportFile:
    """Make the signed link that downloads the roster filtered by ``criteria``."""
    filters = {
        field: str(getattr(criteria, field))
        for field in _FILTER_FIELDS
        if getattr(criteria, field) is not None
    }
    file_name = roster_file_name()
    url = download_url(
        actor, PURPOSE, {"filter": filters, "fullValues": full}, file_name
    )
    return ExportFile(url=url, file_name=file_name)


def _criteria_from_params(params: dict[str, Any]) -> RosterCriteria:
    filters = params.get("filter", {})
    if not isinstance(filters, dict) or not set(filters) <= set(_FILTER_FIELDS):
        raise BadUserInput(INVALID_LINK)
    try:
        values = {
            field: _FILTER_FIELDS[field](value) for field, value in filters.items()
        }
    except ValueError:
        raise BadUserInput(INVALID_LINK) from None
    return RosterCriteria(**values)


async def roster_workbook(actor: Actor, params: dict[str, Any]) -> Workbook:
    """Build the roster workbook of the actor's unit from a download link."""
    if actor.is_reviewer:
        raise Forbidden("审核员不能导出单位人员信息")
    if actor.unit_id is None:
        raise Forbidden("当前登录未选择单位，请选择要办理业务的单位后重新登录")
    criteria = _criteria_from_params(params)
    # The grant may have changed since the link was made, so check it again.
    full = require_full_values(actor, params.get("fullValues") is True)
    unit_id = actor.unit_id

    async def chunks() -> AsyncIterator[list[Row]]:
        number = 0
        async for persons in service.roster_chunks(unit_id, criteria, CHUNK_SIZE):
            rows = []
            for person in persons:
                number += 1
                rows.append(_person_row(number, person, full))
            yield rows

    sheet = ExportSheet(title=SHEET_TITLE, columns=COLUMNS, chunks=chunks)
    return export_workbook(roster_file_name(), [sheet])


def _person_row(number: int, person: Person, full: bool) -> Row:
    records = list(person.records)
    statuses = {record.insurance_type: record.status for record in records}
    first = records[0] if records else None
    return (
        number,
        person.ssn if full else mask_resident_id(person.ssn),
        person.name,
        Gender(person.gender).label,
        person.birth_date,
        person.mobile if full or not person.mobile else mask_mobile(person.mobile),
        InsuredIdentity(first.identity).label if first else None,
        *(
            InsuranceStatus(statuses[insurance_type]).label
            if insurance_type in statuses
            else None
            for insurance_type in InsuranceType
        ),
        first.enroll_date if first else None,
        first.first_enroll_month if first else None,
        first.base if first else None,
    )

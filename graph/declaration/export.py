"""Personnel changes export (单位人员增减变动查询 导出).

One workbook with both tabs of the query, 人员新增 and 人员暂停. The download
link carries the query's arguments, and the download runs the query's filter
again with the rights of the session that made the link.
"""

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

from graph.account.actor import Actor
from graph.core.api_errors import BadUserInput, Forbidden
from graph.core.masking import mask_resident_id
from graph.core.permissions import require_full_values
from graph.declaration import repository
from graph.declaration.changes import business_month, change_base
from graph.declaration.models import Declaration
from graph.declaration.repository import ChangeCriteria, check_change_range
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
from graph.insurance.codes import InsuranceType, InsuredIdentity, SuspensionReason
from graph.person.resident_id import Gender

PURPOSE = "personnel-changes"
INCREASE_SHEET = "人员新增"
SUSPENSION_SHEET = "人员暂停"
# Declarations read per database round trip while the workbook is written.
CHUNK_SIZE = 500
INVALID_LINK = "下载链接无效，请重新生成"

# The Zhejiang employer operation manual (2020) shows 序号 to 性别 in the
# result table of 单位人员增减变动查询. The insurance details of each change follow.
COMMON_COLUMNS = (
    Column("序号", 8),
    Column("业务年月", 10, TEXT_FORMAT),
    Column("统一社会信用代码", 22, TEXT_FORMAT),
    Column("单位名称", 28),
    Column("社会保障号码", 22, TEXT_FORMAT),
    Column("姓名", 12),
    Column("性别", 6),
    Column("参保身份", 18),
    Column("险种类型", 44),
    Column("缴费基数", 12, MONEY_FORMAT),
)
INCREASE_COLUMNS = (*COMMON_COLUMNS, Column("本次参保时间", 14, DATE_FORMAT))
SUSPENSION_COLUMNS = (
    *COMMON_COLUMNS,
    Column("停保时间", 14, DATE_FORMAT),
    Column("中断原因", 16),
    Column("备注", 30),
)

# Optional filters as they travel in the link, with the type each parses to.
_FILTER_FIELDS = {
    "credit_code": str,
    "unit_name": str,
    "ssn": str,
    "name": str,
    "identity": InsuredIdentity,
    "insurance_type": InsuranceType,
}


def changes_file_name(date_from: date, date_to: date) -> str:
    return f"单位人员增减变动_{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"


def personnel_changes_export_file(
    actor: Actor, criteria: ChangeCriteria, full: bool
) -> ExportFile:
    """Make the signed link that downloads the changes that match ``criteria``."""
    params: dict[str, Any] = {
        "from": criteria.date_from.isoformat(),
        "to": criteria.date_to.isoformat(),
        "filter": {
            field: str(getattr(criteria, field))
            for field in _FILTER_FIELDS
            if getattr(criteria, field) is not None
        },
        "fullValues": full,
    }
    file_name = changes_file_name(criteria.date_from, criteria.date_to)
    url = download_url(actor, PURPOSE, params, file_name)
    return ExportFile(url=url, file_name=file_name)


def _criteria_from_params(params: dict[str, Any]) -> ChangeCriteria:
    filters = params.get("filter", {})
    if not isinstance(filters, dict) or not set(filters) <= set(_FILTER_FIELDS):
        raise BadUserInput(INVALID_LINK)
    try:
        date_from = date.fromisoformat(params["from"])
        date_to = date.fromisoformat(params["to"])
        values = {
            field: _FILTER_FIELDS[field](value) for field, value in filters.items()
        }
    except (KeyError, TypeError, ValueError):
        raise BadUserInput(INVALID_LINK) from None
    check_change_range(date_from, date_to)
    return ChangeCriteria(date_from=date_from, date_to=date_to, **values)


async def personnel_changes_workbook(actor: Actor, params: dict[str, Any]) -> Workbook:
    """Build the two-sheet personnel changes workbook from a download link."""
    if not actor.is_reviewer and actor.unit_id is None:
        raise Forbidden("当前登录未选择单位，请选择要办理业务的单位后重新登录")
    criteria = _criteria_from_params(params)
    # The grant may have changed since the link was made, so check it again.
    full = require_full_values(actor, params.get("fullValues") is True)

    def sheet(title: str, columns: tuple[Column, ...], increase: bool):
        async def chunks() -> AsyncIterator[list[Row]]:
            number = 0
            async for items in repository.personnel_change_chunks(
                actor, increase, criteria, CHUNK_SIZE
            ):
                rows = []
                for item in items:
                    number += 1
                    rows.append(_change_row(number, item, increase, full))
                yield rows

        return ExportSheet(title=title, columns=columns, chunks=chunks)

    return export_workbook(
        changes_file_name(criteria.date_from, criteria.date_to),
        [
            sheet(INCREASE_SHEET, INCREASE_COLUMNS, increase=True),
            sheet(SUSPENSION_SHEET, SUSPENSION_COLUMNS, increase=False),
        ],
    )


def _change_row(number: int, item: Declaration, increase: bool, full: bool) -> Row:
    identity = InsuredIdentity(item.identity).label if item.identity else None
    types = "、".join(
        InsuranceType(code).label for code in item.insurance_types.split(",") if code
    )
    common = (
        number,
        business_month(item),
        item.unit.credit_code,
        item.unit.name,
        item.ssn if full else mask_resident_id(item.ssn),
        item.person_name,
        Gender(item.data["gender"]).label,
        identity,
        types,
        change_base(item),
        item.business_date,
    )
    if increase:
        return common
    reason = item.data.get("reason")
    return (
        *common,
        SuspensionReason(reason).label if reason else None,
        item.data.get("remark") or None,
    )

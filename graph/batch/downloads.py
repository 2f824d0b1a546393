"""Download handlers of the batch functions: templates and error workbooks."""

import uuid
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from graph.account.actor import Actor
from graph.batch.codes import ImportKind
from graph.batch.models import ImportBatch
from graph.batch.schema import BUSINESS_TYPES, template_file_name
from graph.batch.workbooks import write_error_workbook, write_template
from graph.core.api_errors import BadUserInput, Forbidden
from graph.core.clock import today
from graph.core.permissions import require_business
from graph.files.responses import Workbook, error_response, send_workbook


async def template(request: Request) -> Response:
    """Send the template of a batch kind, which contains no unit data."""
    try:
        kind = ImportKind(request.path_params["kind"])
    except ValueError:
        return error_response(404, "没有这种批量导入模板，应为ENROLL或SUSPEND")
    return await send_workbook(
        Workbook(
            filename=template_file_name(kind),
            write=partial(write_template, kind, today=today()),
        )
    )


async def error_workbook(actor: Actor, params: dict[str, Any]) -> Workbook:
    """Build the error workbook of one of the caller's unit's imports."""
    try:
        batch_id = uuid.UUID(str(params.get("batch")))
    except ValueError:
        raise BadUserInput("下载链接无效，请重新生成") from None
    if actor.unit_id is None:
        raise Forbidden("请先选择要办理业务的单位")
    batch = await ImportBatch.get_or_none(id=batch_id, unit_id=actor.unit_id)
    if batch is None:
        raise BadUserInput("导入批次不存在或不属于本单位")
    require_business(actor, BUSINESS_TYPES[batch.kind])
    invalid = [row for row in batch.rows if row["errors"]]
    return Workbook(
        filename=f"{batch.kind.label}错误清单.xlsx",
        write=partial(
            write_error_workbook,
            headers=batch.headers,
            rows=invalid,
            sheet_title=batch.kind.label,
        ),
    )

"""Audit log rows, written in the same transaction as the change they record."""

import logging
from typing import TYPE_CHECKING, Any

from tortoise.backends.base.client import BaseDBAsyncClient

from graph.audit.models import AuditEntry

if TYPE_CHECKING:
    from graph.account.actor import Actor

logger = logging.getLogger(__name__)


async def record(
    action: str,
    *,
    actor: "Actor | None",
    unit_id: int | None = None,
    target_type: str = "",
    target_id: int | str = "",
    detail: dict[str, Any] | None = None,
    username: str = "",
    account_id: int | None = None,
    using: BaseDBAsyncClient | None = None,
) -> None:
    """Write one audit row and the matching one-line log event.

    ``detail`` must hold ids and codes only: never names, ID numbers or phones.
    """
    if actor is not None:
        account_id = actor.account_id
        username = actor.username
        if unit_id is None:
            unit_id = actor.unit_id

    await AuditEntry.create(
        action=action,
        account_id=account_id,
        username=username,
        unit_id=unit_id,
        authorization=actor.authorization if actor else "",
        target_type=target_type,
        target_id=str(target_id),
        detail=detail or {},
        using_db=using,
    )
    logger.info(
        "%s account_id=%s unit_id=%s target=%s:%s",
        action,
        account_id,
        unit_id,
        target_type,
        target_id,
    )

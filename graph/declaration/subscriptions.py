"""Review results pushed to the unit's pages as they happen."""

import logging
from collections.abc import AsyncGenerator

import strawberry

from graph.core.api_errors import INTERNAL_MESSAGE, ApiError, InternalError
from graph.core.broadcast import broadcast
from graph.core.context import Info
from graph.core.permissions import require_unit_actor
from graph.declaration.repository import readable_declaration
from graph.declaration.service import unit_channel
from graph.declaration.types import DeclarationType

logger = logging.getLogger(__name__)


@strawberry.type
class DeclarationSubscription:
    @strawberry.subscription(
        description="申报状态推送 (each declaration of the caller's unit whose status "
        "changes: approved, rejected or withdrawn; runs until the client stops "
        "it. Events cross processes through Redis when REDIS_URL is set, "
        "so clients without it should also poll declarations)"
    )
    async def declaration_updates(
        self, info: Info
    ) -> AsyncGenerator[DeclarationType, None]:
        actor = require_unit_actor(info)
        async with broadcast().listen(unit_channel(actor.unit_id)) as events:
            while True:
                event = await events.get()
                # Errors sent over websockets skip the HTTP view's masking, so
                # faults are masked here.
                try:
                    declaration = await readable_declaration(actor, int(event["id"]))
                except ApiError:
                    raise
                except Exception as exc:
                    logger.exception(
                        "declaration.subscription_failed unit_id=%s", actor.unit_id
                    )
                    raise InternalError(INTERNAL_MESSAGE) from exc
                if declaration is not None:
                    yield DeclarationType(model=declaration, masked=True)

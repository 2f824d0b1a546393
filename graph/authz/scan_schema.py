"""GraphQL side of scan login: the portal's ticket and the app's scan."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator
from datetime import datetime
from typing import Annotated

import strawberry

from graph.account.models import UnitMembership
from graph.account.types import MembershipRole
from graph.authz import codes, scan_login
from graph.authz.types import CredentialKind
from graph.core.api_errors import INTERNAL_MESSAGE, ApiError, InternalError
from graph.core.broadcast import broadcast
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import require_row_id
from graph.core.permissions import IsAuthenticated
from graph.core.types import FieldError, enum_labels, field_errors
from graph.settings import get_settings
from graph.unit.types import UnitSummary

logger = logging.getLogger(__name__)

TicketStatus = strawberry.enum(
    codes.TicketStatus,
    name="LoginTicketStatus",
    description="扫码状态 (scan login status): " + enum_labels(codes.TicketStatus),
)

# How often a subscription reads the ticket again. Reading the row (not a
# process-local queue) lets a scan confirmed on one server process reach a
# portal connected to another.

TicketArgument = Annotated[
    str, strawberry.argument(description="登录票据 (ticket, or the QR content)")
]
SecretArgument = Annotated[
    str, strawberry.argument(description="门户密钥 (the portal's secret)")
]


@strawberry.type(description="扫码登录票据 (a new login ticket for the portal)")
class LoginTicketCreated:
    ticket: str = strawberry.field(description="登录票据 (ticket)")
    secret: str = strawberry.field(
        description="门户密钥 (secret kept by the portal; never put it in the QR code)"
    )
    qr_content: str = strawberry.field(description="二维码内容 (QR code content)")
    expires_at: datetime = strawberry.field(description="过期时间 (expires at)")

    @strawberry.field(description="二维码图片 (the QR code of qrContent as SVG)")
    def qr_svg(self) -> str:
        return scan_login.qr_svg(self.qr_content)


@strawberry.type(description="扫码登录状态 (ticket status seen by the portal)")
class LoginTicketState:
    status: TicketStatus = strawberry.field(description="状态 (status)")
    token: str | None = strawberry.field(
        description="访问令牌 (token, given once after confirmation)"
    )


@strawberry.type(description="可登录的单位 (a unit the holder may log in to)")
class ScanUnitChoice:
    unit: UnitSummary = strawberry.field(description="单位 (unit)")
    role: MembershipRole = strawberry.field(description="角色 (role)")


@strawberry.type(description="扫码结果 (what the app shows after a scan)")
class ScanLoginTicketPayload:
    system_name: str | None = strawberry.field(description="请求登录的系统 (system)")
    expires_at: datetime | None = strawberry.field(description="过期时间 (expires)")
    units: list[ScanUnitChoice] = strawberry.field(
        description="可选单位 (units to confirm for)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type(description="确认或取消结果 (confirm or cancel payload)")
class LoginTicketActionPayload:
    status: TicketStatus | None = strawberry.field(description="状态 (status)")
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


async def _state(ticket: str, secret: str) -> LoginTicketState:
    status, token = await scan_login.collect(ticket, secret)
    return LoginTicketState(status=status, token=token)


async def _subscription_state(ticket: str, secret: str) -> LoginTicketState:
    # Errors sent over websockets skip the HTTP view's masking, so faults are
    # masked here.
    try:
        return await _state(ticket, secret)
    except ApiError:
        raise
    except Exception as exc:
        logger.exception("scan_login.subscription_failed")
        raise InternalError(INTERNAL_MESSAGE) from exc


@strawberry.type
class ScanLoginQuery:
    @strawberry.field(
        description="扫码登录状态 (poll a ticket; the token comes once after "
        "confirmation; fallback for clients without websockets)"
    )
    async def login_ticket(
        self, ticket: TicketArgument, secret: SecretArgument
    ) -> LoginTicketState:
        return await _state(ticket, secret)


@strawberry.type
class ScanLoginMutation:
    @strawberry.mutation(
        description="创建扫码登录票据 (portal; the ticket lives 5 minutes)"
    )
    async def create_login_ticket(self) -> LoginTicketCreated:
        created = await scan_login.create_ticket()
        return LoginTicketCreated(
            ticket=created.ticket,
            secret=created.secret,
            qr_content=created.qr_content,
            expires_at=created.expires_at,
        )

    @strawberry.mutation(
        description="扫描登录二维码 (app; shows the system and the units)",
        permission_classes=[IsAuthenticated],
    )
    async def scan_login_ticket(
        self, info: Info, ticket: TicketArgument
    ) -> ScanLoginTicketPayload:
        actor = info.context.actor
        try:
            row = await scan_login.scan(actor, ticket)
        except ValidationFailed as failed:
            return ScanLoginTicketPayload(
                system_name=None,
                expires_at=None,
                units=[],
                errors=field_errors(failed.problems),
            )
        memberships = await UnitMembership.filter(
            account_id=actor.account_id, is_active=True
        ).select_related("unit")
        return ScanLoginTicketPayload(
            system_name=row.system_name,
            expires_at=row.expires_at,
            units=[
                ScanUnitChoice(unit=UnitSummary.from_model(m.unit), role=m.role)
                for m in memberships
            ],
            errors=[],
        )

    @strawberry.mutation(
        description="确认扫码登录 (app; confirm with the licence PIN for one unit)",
        permission_classes=[IsAuthenticated],
    )
    async def confirm_login_ticket(
        self,
        info: Info,
        ticket: TicketArgument,
        unit_id: Annotated[strawberry.ID, strawberry.argument(description="单位ID")],
        pin: Annotated[str, strawberry.argument(description="执照密码 (licence PIN)")],
        credential_kind: Annotated[
            CredentialKind,
            strawberry.argument(description="证照类型 (licence or certificate)"),
        ] = codes.CredentialKind.BUSINESS_LICENCE,
    ) -> LoginTicketActionPayload:
        try:
            row = await scan_login.confirm(
                info.context.actor,
                ticket,
                require_row_id(unit_id, "unitId", "单位"),
                pin,
                credential_kind,
            )
        except ValidationFailed as failed:
            return LoginTicketActionPayload(
                status=None, errors=field_errors(failed.problems)
            )
        return LoginTicketActionPayload(status=row.status, errors=[])

    @strawberry.mutation(
        description="取消扫码登录 (app; the portal sees CANCELLED)",
        permission_classes=[IsAuthenticated],
    )
    async def cancel_login_ticket(
        self, info: Info, ticket: TicketArgument
    ) -> LoginTicketActionPayload:
        try:
            row = await scan_login.cancel(info.context.actor, ticket)
        except ValidationFailed as failed:
            return LoginTicketActionPayload(
                status=None, errors=field_errors(failed.problems)
            )
        return LoginTicketActionPayload(status=row.status, errors=[])


@strawberry.type
class ScanLoginSubscription:
    @strawberry.subscription(
        description="扫码登录状态推送 (sends each status change until the ticket is "
        "confirmed with its token, cancelled or expired)"
    )
    async def login_ticket_status(
        self, ticket: TicketArgument, secret: SecretArgument
    ) -> AsyncGenerator[LoginTicketState, None]:
        last = None
        async with broadcast().listen(scan_login.ticket_channel(ticket)) as events:
            while True:
                state = await _subscription_state(ticket, secret)
                if state.status != last or state.token:
                    yield state
                    last = state.status
                if state.status in (
                    codes.TicketStatus.CONFIRMED,
                    codes.TicketStatus.CANCELLED,
                    codes.TicketStatus.EXPIRED,
                ):
                    return
                # A change made by any process arrives as an event. The
                # database is read again after a while anyway, which notices
                # expiry and covers a lost event.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        events.get(), get_settings().subscription_poll_seconds
                    )

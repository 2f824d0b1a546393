"""Scan login (电子营业执照扫码登录).

The portal creates a ticket and shows it as a QR code; it keeps a secret that
the QR code does not carry. The holder scans the code in the mini-program,
which shows the requesting system, then confirms with the PIN for one unit
or cancels.
The portal then collects the token once, with the ticket and the secret.
"""

import hashlib
import hmac
import io
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import segno
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.account.models import Account, LoginSession, UnitMembership
from graph.account.passwords import check_password
from graph.account.roles import MembershipRole
from graph.account.tokens import TokenClaims, issue_token
from graph.audit import service as audit
from graph.authz.codes import CredentialKind, TicketStatus
from graph.authz.models import Licence, LoginTicket
from graph.authz.service import active_grant
from graph.core.api_errors import BadUserInput
from graph.core.broadcast import publish_quietly
from graph.core.clock import now
from graph.core.errors import FieldProblem, ValidationFailed
from graph.settings import get_settings

logger = logging.getLogger(__name__)

TICKET_LIFETIME = timedelta(minutes=5)
SYSTEM_NAME = "社会保险网上服务系统"
QR_PREFIX = "sbfw-login:"


@dataclass(frozen=True)
class NewTicket:
    ticket: str
    secret: str
    qr_content: str
    expires_at: datetime


def qr_svg(content: str) -> str:
    """Render ``content`` as an SVG QR code, drawn by the server (no CDN)."""
    buffer = io.BytesIO()
    segno.make(content, error="m").save(
        buffer, kind="svg", scale=6, border=2, xmldecl=False, omitsize=True
    )
    return buffer.getvalue().decode()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def ticket_from_qr(content: str) -> str:
    """Accept either the QR content or the bare ticket."""
    content = content.strip()
    return content.removeprefix(QR_PREFIX)


def current_status(ticket: LoginTicket) -> TicketStatus:
    """Return the status, counting an open ticket past its expiry as expired."""
    status = TicketStatus(ticket.status)
    open_states = (TicketStatus.WAITING, TicketStatus.SCANNED)
    if status in open_states and ticket.expires_at <= now():
        return TicketStatus.EXPIRED
    return status


async def create_ticket() -> NewTicket:
    ticket = secrets.token_urlsafe(24)
    secret = secrets.token_urlsafe(32)
    expires_at = now() + TICKET_LIFETIME
    await LoginTicket.create(
        ticket=ticket,
        secret_hash=_digest(secret),
        status=TicketStatus.WAITING,
        system_name=SYSTEM_NAME,
        expires_at=expires_at,
    )
    return NewTicket(ticket, secret, QR_PREFIX + ticket, expires_at)


async def portal_ticket(ticket: str, secret: str) -> LoginTicket:
    """Return the portal's ticket, or raise when the ticket or secret is wrong."""
    row = await LoginTicket.get_or_none(ticket=ticket_from_qr(ticket))
    if row is None or not hmac.compare_digest(row.secret_hash, _digest(secret)):
        raise BadUserInput("登录二维码无效，请刷新二维码后重试")
    return row


async def collect(ticket: str, secret: str) -> tuple[TicketStatus, str | None]:
    """Return the status and, on the first poll after confirmation, the token.

    A conditional update on ``collected_at`` lets one poll claim the token, and
    later polls raise.
    """
    row = await portal_ticket(ticket, secret)
    status = current_status(row)
    if status is not TicketStatus.CONFIRMED:
        return status, None
    if row.collected_at is not None:
        raise BadUserInput("该登录二维码已使用，请刷新二维码后重新扫码")

    async with in_transaction() as connection:
        # The conditional update lets only one poll collect the token.
        claimed = await (
            LoginTicket.filter(id=row.id, collected_at=None)
            .using_db(connection)
            .update(collected_at=now())
        )
        if claimed != 1:
            raise BadUserInput("该登录二维码已使用，请刷新二维码后重新扫码")
        issued_at = now()
        lifetime = timedelta(seconds=get_settings().token_lifetime_seconds)
        session = await LoginSession.create(
            id=uuid.uuid4(),
            account_id=row.scanned_by_id,
            unit_id=row.unit_id,
            expires_at=issued_at + lifetime,
            method=row.credential_kind,
            using_db=connection,
        )
        await audit.record(
            "login.succeeded",
            actor=None,
            account_id=row.scanned_by_id,
            unit_id=row.unit_id,
            target_type="login_ticket",
            target_id=row.id,
            detail={"method": row.credential_kind, "session": str(session.id)[:8]},
            using=connection,
        )
    token = issue_token(
        TokenClaims(session.id, row.scanned_by_id, row.unit_id), issued_at, lifetime
    )
    return status, token


async def _open_ticket(actor: Actor, ticket: str) -> LoginTicket:
    row = await LoginTicket.get_or_none(ticket=ticket_from_qr(ticket))
    if row is None:
        raise ValidationFailed(
            [FieldProblem("ticket", "NOT_FOUND", "登录二维码无效，请重新扫码")]
        )
    status = current_status(row)
    if status is TicketStatus.EXPIRED:
        raise ValidationFailed(
            [
                FieldProblem(
                    "ticket", "TICKET_EXPIRED", "登录二维码已过期，请刷新后重新扫码"
                )
            ]
        )
    if status not in (TicketStatus.WAITING, TicketStatus.SCANNED) or (
        row.scanned_by_id not in (None, actor.account_id)
    ):
        raise ValidationFailed(
            [
                FieldProblem(
                    "ticket", "TICKET_USED", "该登录二维码已被使用，请刷新后重新扫码"
                )
            ]
        )
    return row


def ticket_channel(ticket: str) -> str:
    """Name the broadcast channel of a ticket's status changes."""
    return f"login-ticket:{ticket}"


async def _announce(row: LoginTicket) -> None:
    await publish_quietly(ticket_channel(row.ticket), {"status": row.status.value})


async def scan(actor: Actor, ticket: str) -> LoginTicket:
    row = await _open_ticket(actor, ticket)
    await LoginTicket.filter(id=row.id).update(
        status=TicketStatus.SCANNED, scanned_by_id=actor.account_id
    )
    await row.refresh_from_db()
    await _announce(row)
    return row


async def confirm(
    actor: Actor, ticket: str, unit_id: int, pin: str, kind: CredentialKind
) -> LoginTicket:
    row = await _open_ticket(actor, ticket)
    if row.scanned_by_id != actor.account_id:
        raise ValidationFailed(
            [FieldProblem("ticket", "TICKET_USED", "请先扫描该登录二维码")]
        )
    if not await _pin_matches(actor.account_id, unit_id, pin, kind):
        logger.warning(
            "scan_login.rejected account_id=%s unit_id=%s reason=pin",
            actor.account_id,
            unit_id,
        )
        raise ValidationFailed(
            [FieldProblem("pin", "INVALID_PIN", "执照密码错误，或您无权代表该单位登录")]
        )
    changed = await LoginTicket.filter(
        id=row.id, status=TicketStatus.SCANNED, scanned_by_id=actor.account_id
    ).update(status=TicketStatus.CONFIRMED, unit_id=unit_id, credential_kind=kind)
    if changed != 1:
        raise ValidationFailed(
            [FieldProblem("ticket", "TICKET_USED", "该登录二维码已被使用")]
        )
    await row.refresh_from_db()
    await _announce(row)
    return row


async def _pin_matches(
    account_id: int, unit_id: int, pin: str, kind: CredentialKind
) -> bool:
    membership = await UnitMembership.get_or_none(
        account_id=account_id, unit_id=unit_id, is_active=True
    )
    if membership is None:
        return False
    if membership.role is MembershipRole.LEGAL_REPRESENTATIVE:
        licence = await Licence.get_or_none(unit_id=unit_id, kind=kind)
        return licence is not None and await check_password(licence.pin_hash, pin)
    operator = membership.role is MembershipRole.OPERATOR
    if operator and await active_grant(unit_id, account_id) is None:
        return False
    account = await Account.get(id=account_id)
    return await check_password(account.pin_hash or None, pin)


async def cancel(actor: Actor, ticket: str) -> LoginTicket:
    row = await _open_ticket(actor, ticket)
    await LoginTicket.filter(id=row.id).update(
        status=TicketStatus.CANCELLED, scanned_by_id=actor.account_id
    )
    await row.refresh_from_db()
    await _announce(row)
    return row

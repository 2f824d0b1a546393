"""Password login (用户名密码登录) and logout."""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from graph.account.actor import Actor
from graph.account.models import Account, LoginSession, UnitMembership
from graph.account.passwords import check_password
from graph.account.roles import AccountKind
from graph.account.tokens import TokenClaims, issue_token
from graph.audit import service as audit
from graph.core.clock import BUSINESS_TIMEZONE, now
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.limits import counters
from graph.core.text import normalize_text
from graph.settings import get_settings

# Failed logins allowed per account and per client address within the lock
# window. One more locks logins until the window that began with the first
# failure ends.
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 30
LOCK_SECONDS = 15 * 60

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoginResult:
    token: str
    account: Account
    unit_id: int | None
    memberships: list[UnitMembership]


async def login(
    username: str, password: str, unit_id: int | None, client_address: str
) -> LoginResult:
    """Check the password and open a session acting for ``unit_id``.

    A unit account that acts for exactly one unit may leave ``unit_id`` out.
    """
    username = normalize_text(username)
    keys = _failure_keys(username, client_address)
    await _reject_if_locked(username, keys, client_address)
    account = await Account.get_or_none(username=username)
    if not await check_password(account.password_hash if account else None, password):
        logger.warning(
            "login.rejected reason=bad_credentials address=%s", client_address
        )
        for key, _ in keys:
            await counters().hit(key, LOCK_SECONDS)
        await audit.record(
            "login.rejected",
            actor=None,
            username=username[:50],
            account_id=account.id if account else None,
            target_type="account",
            target_id=account.id if account else "",
            detail={"reason": "bad_credentials"},
        )
        raise ValidationFailed(
            [FieldProblem("password", "INVALID_CREDENTIALS", "用户名或密码错误")]
        )
    if not account.is_active:
        await _record_rejection(account, "disabled")
        raise ValidationFailed(
            [FieldProblem("username", "ACCOUNT_DISABLED", f"账号{username}已停用")]
        )

    memberships = await UnitMembership.filter(
        account_id=account.id, is_active=True
    ).select_related("unit")
    if account.kind is AccountKind.REVIEWER:
        unit_id = None
    elif unit_id is None and len(memberships) == 1:
        unit_id = memberships[0].unit_id
    elif unit_id is not None and unit_id not in {m.unit_id for m in memberships}:
        await _record_rejection(account, "not_a_member", unit_id)
        raise ValidationFailed(
            [
                FieldProblem(
                    "unitId",
                    "NOT_A_MEMBER",
                    f"账号{username}不能代表单位{unit_id}办理业务",
                )
            ]
        )

    issued_at = now()
    lifetime = timedelta(seconds=get_settings().token_lifetime_seconds)
    session = await LoginSession.create(
        id=uuid.uuid4(),
        account_id=account.id,
        unit_id=unit_id,
        expires_at=issued_at + lifetime,
    )
    token = issue_token(
        TokenClaims(session_id=session.id, account_id=account.id, unit_id=unit_id),
        issued_at,
        lifetime,
    )
    await audit.record(
        "login.succeeded",
        actor=None,
        username=account.username,
        account_id=account.id,
        unit_id=unit_id,
        target_type="account",
        target_id=account.id,
        detail={"session": str(session.id)[:8], "method": "password"},
    )
    await counters().reset(keys[0][0])
    return LoginResult(
        token=token, account=account, unit_id=unit_id, memberships=memberships
    )


def _failure_keys(username: str, client_address: str) -> list[tuple[str, int]]:
    """Return the failure counters a login attempt touches, with their limits."""
    return [
        (f"login:account:{username[:50]}", MAX_FAILURES_PER_ACCOUNT),
        (f"login:address:{client_address}", MAX_FAILURES_PER_ADDRESS),
    ]


async def _reject_if_locked(
    username: str, keys: list[tuple[str, int]], client_address: str
) -> None:
    for key, limit in keys:
        failures, seconds_left = await counters().count(key)
        if failures < limit:
            continue
        until = (now() + timedelta(seconds=seconds_left)).astimezone(BUSINESS_TIMEZONE)
        by_account = key.startswith("login:account:")
        logger.warning(
            "login.locked by=%s address=%s seconds_left=%s",
            "account" if by_account else "address",
            client_address,
            seconds_left,
        )
        subject = f"账号{username}" if by_account else "本机地址"
        raise ValidationFailed(
            [
                FieldProblem(
                    "username" if by_account else None,
                    "LOGIN_LOCKED",
                    f"{subject}登录失败次数过多，已暂停登录，"
                    f"请于{until:%H:%M}（北京时间）后再试",
                )
            ]
        )


async def _record_rejection(
    account: Account, reason: str, unit_id: int | None = None
) -> None:
    logger.warning(
        "login.rejected account_id=%s unit_id=%s reason=%s", account.id, unit_id, reason
    )
    await audit.record(
        "login.rejected",
        actor=None,
        username=account.username,
        account_id=account.id,
        target_type="account",
        target_id=account.id,
        # The unit may not exist, so it goes in the detail, not the unit column.
        detail={"reason": reason, "requested_unit_id": unit_id},
    )


async def logout(actor: Actor) -> None:
    await LoginSession.filter(id=actor.session_id, ended_at=None).update(ended_at=now())
    await audit.record(
        "logout", actor=actor, target_type="account", target_id=actor.account_id
    )

"""The caller of a request, resolved from the bearer token on every request."""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph.account.models import LoginSession, ReviewerRegion, UnitMembership
from graph.account.roles import AccountKind, MembershipRole
from graph.account.tokens import InvalidToken, read_token
from graph.authz.codes import BusinessType
from graph.authz.service import active_grant

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Actor:
    account_id: int
    username: str
    display_name: str
    kind: AccountKind
    session_id: str
    unit_id: int | None = None
    unit_region_code: str | None = None
    role: MembershipRole | None = None
    region_codes: frozenset[str] = field(default_factory=frozenset)
    grant_id: int | None = None
    # None means every business type: the legal representative or a full grant.
    business_types: frozenset[BusinessType] | None = None

    @property
    def is_reviewer(self) -> bool:
        return self.kind is AccountKind.REVIEWER

    @property
    def is_legal_representative(self) -> bool:
        return self.role is MembershipRole.LEGAL_REPRESENTATIVE

    @property
    def holds_licence(self) -> bool:
        """Tell whether the caller may authorize operators for the unit."""
        return self.role in (
            MembershipRole.LEGAL_REPRESENTATIVE,
            MembershipRole.LICENCE_ADMINISTRATOR,
        )

    @property
    def authorization(self) -> str:
        """Name of the right the caller acts under, as written to the audit log."""
        if self.is_reviewer:
            return "REVIEWER"
        if self.grant_id is not None:
            return f"GRANT:{self.grant_id}"
        return self.role.value if self.role else ""

    def may_handle(self, business_type: BusinessType) -> bool:
        if self.role is None:
            return False
        return self.business_types is None or business_type in self.business_types


@dataclass(frozen=True)
class Authentication:
    actor: Actor | None
    error: str | None = None


async def authenticate(authorization_header: str | None) -> Authentication:
    """Resolve ``Authorization: Bearer …`` to an actor, or give the reason why not."""
    if not authorization_header:
        return Authentication(actor=None)

    scheme, _, token = authorization_header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return Authentication(None, "Authorization 请求头应为“Bearer <令牌>”")

    try:
        claims = read_token(token.strip())
    except InvalidToken as exc:
        return Authentication(None, str(exc))
    return await authenticate_session(claims.session_id, claims.account_id)


async def authenticate_session(
    session_id: uuid.UUID | str, account_id: int
) -> Authentication:
    """Resolve a login session to an actor, checking every right afresh."""
    session = (
        await LoginSession.filter(id=session_id, account_id=account_id)
        .select_related("account")
        .first()
    )
    now = datetime.now(UTC)
    if session is None or session.ended_at is not None or session.expires_at <= now:
        return Authentication(None, "登录已失效，请重新登录")
    account = session.account
    if not account.is_active:
        logger.warning("auth.rejected account_id=%s reason=disabled", account.id)
        return Authentication(None, "账号已停用")

    if account.kind is AccountKind.REVIEWER:
        codes = await ReviewerRegion.filter(account_id=account.id).values_list(
            "region_id", flat=True
        )
        return Authentication(
            Actor(
                account_id=account.id,
                username=account.username,
                display_name=account.display_name,
                kind=account.kind,
                session_id=str(session.id),
                region_codes=frozenset(codes),
            )
        )

    role = None
    region_code = None
    grant_id = None
    business_types = None
    if session.unit_id is not None:
        membership = (
            await UnitMembership.filter(
                account_id=account.id, unit_id=session.unit_id, is_active=True
            )
            .select_related("unit")
            .first()
        )
        if membership is None:
            logger.warning(
                "auth.rejected account_id=%s unit_id=%s reason=not_a_member",
                account.id,
                session.unit_id,
            )
            return Authentication(None, "您已不是该单位的经办人员，请重新登录")
        role = membership.role
        region_code = membership.unit.region_id
        if role is MembershipRole.OPERATOR:
            grant = await active_grant(session.unit_id, account.id)
            if grant is None:
                logger.warning(
                    "auth.rejected account_id=%s unit_id=%s reason=no_valid_grant",
                    account.id,
                    session.unit_id,
                )
                return Authentication(
                    None, "您在该单位的授权已撤销或已过期，请联系法定代表人"
                )
            grant_id = grant.id
            business_types = grant.business_type_set

    return Authentication(
        Actor(
            account_id=account.id,
            username=account.username,
            display_name=account.display_name,
            kind=account.kind,
            session_id=str(session.id),
            unit_id=session.unit_id,
            unit_region_code=region_code,
            role=role,
            grant_id=grant_id,
            business_types=business_types,
        )
    )

"""Operator authorization (授权他人使用执照): grant, change and revoke.

A grant is checked on every request (see ``graph.account.actor``), so a
revocation or an expiry stops the operator's next request.
"""

import logging
from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from graph.account.models import Account, UnitMembership
from graph.account.roles import MembershipRole
from graph.audit import service as audit
from graph.authz.codes import AuthorizationScope, BusinessType, GrantStatus
from graph.authz.models import Grant
from graph.core.clock import now, today
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.core.text import normalize_code, normalize_text
from graph.person.resident_id import parse_resident_id

logger = logging.getLogger(__name__)

# A grant longer than this is almost always a typing error in the year.
MAX_VALIDITY_DAYS = 5 * 366


async def active_grant(unit_id: int, account_id: int) -> Grant | None:
    """Return the grant in force today for the account in the unit, if any."""
    day = today()
    return await Grant.filter(
        unit_id=unit_id,
        grantee_id=account_id,
        status=GrantStatus.ACTIVE,
        valid_from__lte=day,
        valid_to__gte=day,
    ).first()


@dataclass(frozen=True)
class GrantRequest:
    name: str
    id_number: str
    mobile: str
    scope: AuthorizationScope
    business_types: list[BusinessType]
    valid_from: date
    valid_to: date


def check_grant_request(
    request: GrantRequest,
) -> tuple[GrantRequest, list[FieldProblem]]:
    problems: list[FieldProblem] = []
    name = normalize_text(request.name)
    if not name:
        problems.append(FieldProblem("name", "REQUIRED", "经办人姓名不能为空"))
    id_number = normalize_code(request.id_number)
    try:
        id_number = parse_resident_id(request.id_number, today=today()).number
    except InvalidValue as exc:
        problems.append(FieldProblem("idNumber", exc.code, exc.message))
    mobile = normalize_code(request.mobile)
    if not (len(mobile) == 11 and mobile.isdigit() and mobile.startswith("1")):
        problems.append(
            FieldProblem(
                "mobile",
                "INVALID_MOBILE",
                f"手机号码“{mobile}”格式不正确，应为11位手机号码",
            )
        )
    types = sorted(set(request.business_types))
    if request.scope is AuthorizationScope.PRECISE and not types:
        problems.append(
            FieldProblem("businessTypes", "REQUIRED", "精准授权须至少选择一项业务类型")
        )
    if request.valid_to < request.valid_from:
        problems.append(
            FieldProblem(
                "validTo",
                "INVALID_PERIOD",
                f"授权截止日期{request.valid_to.isoformat()}不能早于起始日期"
                f"{request.valid_from.isoformat()}",
            )
        )
    elif (request.valid_to - request.valid_from).days > MAX_VALIDITY_DAYS:
        problems.append(
            FieldProblem(
                "validTo",
                "INVALID_PERIOD",
                f"授权期限不能超过5年（{request.valid_from.isoformat()}至"
                f"{request.valid_to.isoformat()}）",
            )
        )
    elif request.valid_to < today():
        problems.append(
            FieldProblem(
                "validTo",
                "INVALID_PERIOD",
                f"授权截止日期{request.valid_to.isoformat()}已过",
            )
        )
    clean = GrantRequest(
        name=name,
        id_number=id_number,
        mobile=mobile,
        scope=request.scope,
        business_types=[] if request.scope is AuthorizationScope.FULL else types,
        valid_from=request.valid_from,
        valid_to=request.valid_to,
    )
    return clean, problems


async def link_grantee(grant: Grant, connection) -> None:
    """Attach the operator's account and its membership, once the account exists."""
    account = (
        await Account.filter(id_number=grant.grantee_id_number)
        .using_db(connection)
        .first()
    )
    if account is None:
        return
    grant.grantee_id = account.id
    membership = (
        await UnitMembership.filter(account_id=account.id, unit_id=grant.unit_id)
        .using_db(connection)
        .first()
    )
    if membership is None:
        await UnitMembership.create(
            account_id=account.id,
            unit_id=grant.unit_id,
            role=MembershipRole.OPERATOR,
            using_db=connection,
        )
    elif not membership.is_active:
        membership.is_active = True
        await membership.save(using_db=connection)


def grant_terms(clean: GrantRequest) -> dict:
    """Return the columns of a grant that come from a checked request."""
    return {
        "grantee_name": clean.name,
        "grantee_id_number": clean.id_number,
        "grantee_mobile": clean.mobile,
        "scope": clean.scope,
        "business_types": ",".join(t.value for t in clean.business_types),
        "valid_from": clean.valid_from,
        "valid_to": clean.valid_to,
    }


async def grant(actor, request: GrantRequest) -> Grant:
    """Grant an operator an authorization for the legal representative's unit."""
    clean, problems = check_grant_request(request)
    if not problems and await Grant.exists(
        unit_id=actor.unit_id,
        grantee_id_number=clean.id_number,
        status=GrantStatus.ACTIVE,
    ):
        problems.append(
            FieldProblem(
                "idNumber",
                "ALREADY_GRANTED",
                f"证件号码{clean.id_number}已有有效授权，请修改或撤销原授权",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    async with in_transaction() as connection:
        created = await Grant.create(
            unit_id=actor.unit_id,
            **grant_terms(clean),
            status=GrantStatus.ACTIVE,
            granted_by_id=actor.account_id,
            decided_at=now(),
            using_db=connection,
        )
        await link_grantee(created, connection)
        await created.save(using_db=connection)
        await audit.record(
            "authorization.granted",
            actor=actor,
            target_type="grant",
            target_id=created.id,
            detail={
                "scope": created.scope.value,
                "business_types": created.business_types,
                "valid_to": created.valid_to.isoformat(),
            },
            using=connection,
        )
    return created


async def change(actor, grant_id: int, request: GrantRequest) -> Grant:
    """Change scope, business types or validity of an active grant."""
    existing = await Grant.get_or_none(
        id=grant_id, unit_id=actor.unit_id, status=GrantStatus.ACTIVE
    )
    if existing is None:
        raise ValidationFailed(
            [FieldProblem("id", "NOT_FOUND", f"授权{grant_id}不存在或已撤销")]
        )
    request = GrantRequest(
        name=existing.grantee_name,
        id_number=existing.grantee_id_number,
        mobile=request.mobile or existing.grantee_mobile,
        scope=request.scope,
        business_types=request.business_types,
        valid_from=request.valid_from,
        valid_to=request.valid_to,
    )
    clean, problems = check_grant_request(request)
    if problems:
        raise ValidationFailed(problems)

    async with in_transaction() as connection:
        existing.grantee_mobile = clean.mobile
        existing.scope = clean.scope
        existing.business_types = ",".join(t.value for t in clean.business_types)
        existing.valid_from = clean.valid_from
        existing.valid_to = clean.valid_to
        await existing.save(using_db=connection)
        await audit.record(
            "authorization.changed",
            actor=actor,
            target_type="grant",
            target_id=existing.id,
            detail={
                "scope": existing.scope.value,
                "business_types": existing.business_types,
                "valid_to": existing.valid_to.isoformat(),
            },
            using=connection,
        )
    return existing


async def revoke(actor, grant_id: int) -> Grant:
    async with in_transaction() as connection:
        changed = (
            await Grant.filter(
                id=grant_id, unit_id=actor.unit_id, status=GrantStatus.ACTIVE
            )
            .using_db(connection)
            .update(status=GrantStatus.REVOKED, revoked_at=now())
        )
        if changed != 1:
            raise ValidationFailed(
                [FieldProblem("id", "NOT_FOUND", f"授权{grant_id}不存在或已撤销")]
            )
        await audit.record(
            "authorization.revoked",
            actor=actor,
            target_type="grant",
            target_id=grant_id,
            using=connection,
        )
    return await Grant.get(id=grant_id)

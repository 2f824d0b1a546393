"""Authorization requests (申请授权) and licence administrators (证照管理员).

An operator asks a unit for a grant with one tap; the legal representative or
a licence administrator approves or rejects it. The legal representative
appoints at most five licence administrators, who may grant operators too.
"""

from datetime import date

from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.account.models import Account, UnitMembership
from graph.account.roles import MembershipRole
from graph.audit import service as audit
from graph.authz.codes import AuthorizationScope, BusinessType, GrantStatus
from graph.authz.models import Grant
from graph.authz.service import (
    GrantRequest,
    check_grant_request,
    grant_terms,
    link_grantee,
)
from graph.core.clock import now
from graph.core.errors import FieldProblem, InvalidValue, ValidationFailed
from graph.person.resident_id import parse_resident_id
from graph.unit.credit_code import parse_credit_code
from graph.unit.models import Unit

MAX_LICENCE_ADMINISTRATORS = 5


async def request_grant(
    actor: Actor,
    credit_code: str,
    scope: AuthorizationScope,
    business_types: list[BusinessType],
    valid_from: date,
    valid_to: date,
) -> Grant:
    """Ask the unit with ``credit_code`` to authorize the caller."""
    try:
        code = parse_credit_code(credit_code)
    except InvalidValue as exc:
        problem = FieldProblem("creditCode", exc.code, exc.message)
        raise ValidationFailed([problem]) from None
    unit = await Unit.get_or_none(credit_code=code)
    if unit is None:
        raise ValidationFailed(
            [
                FieldProblem(
                    "creditCode",
                    "NOT_FOUND",
                    f"统一社会信用代码{code}没有对应的参保单位",
                )
            ]
        )
    account = await Account.get(id=actor.account_id)
    if not account.id_number:
        raise ValidationFailed(
            [
                FieldProblem(
                    None, "REQUIRED", "账号未完成实名认证（缺少证件号码），不能申请授权"
                )
            ]
        )
    clean, problems = check_grant_request(
        GrantRequest(
            name=account.display_name,
            id_number=account.id_number,
            mobile=account.mobile,
            scope=scope,
            business_types=business_types,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )
    open_states = (GrantStatus.ACTIVE, GrantStatus.REQUESTED)
    if await Grant.exists(
        unit_id=unit.id, grantee_id_number=clean.id_number, status__in=open_states
    ):
        problems.append(
            FieldProblem(
                "creditCode",
                "ALREADY_GRANTED",
                f"您在单位“{unit.name}”已有有效授权或待审批的申请",
            )
        )
    if problems:
        raise ValidationFailed(problems)

    async with in_transaction() as connection:
        created = await Grant.create(
            unit_id=unit.id,
            grantee_id=account.id,
            **grant_terms(clean),
            status=GrantStatus.REQUESTED,
            using_db=connection,
        )
        await audit.record(
            "authorization.requested",
            actor=actor,
            unit_id=unit.id,
            target_type="grant",
            target_id=created.id,
            using=connection,
        )
    return created


async def decide_request(actor: Actor, grant_id: int, approve: bool) -> Grant:
    """Approve or reject a pending request to the caller's unit."""
    async with in_transaction() as connection:
        status = GrantStatus.ACTIVE if approve else GrantStatus.REJECTED
        changed = await (
            Grant.filter(
                id=grant_id, unit_id=actor.unit_id, status=GrantStatus.REQUESTED
            )
            .using_db(connection)
            .update(status=status, granted_by_id=actor.account_id, decided_at=now())
        )
        if changed != 1:
            raise ValidationFailed(
                [FieldProblem("id", "NOT_FOUND", f"授权申请{grant_id}不存在或已处理")]
            )
        decided = await Grant.get(id=grant_id).using_db(connection)
        if approve:
            await link_grantee(decided, connection)
        await audit.record(
            "authorization.approved" if approve else "authorization.rejected",
            actor=actor,
            target_type="grant",
            target_id=grant_id,
            using=connection,
        )
    return decided


async def appoint_administrator(actor: Actor, id_number: str) -> UnitMembership:
    """Make the account with ``id_number`` a licence administrator of the unit."""
    try:
        number = parse_resident_id(id_number).number
    except InvalidValue as exc:
        problem = FieldProblem("idNumber", exc.code, exc.message)
        raise ValidationFailed([problem]) from None
    account = await Account.get_or_none(id_number=number, is_active=True)
    if account is None:
        raise ValidationFailed(
            [
                FieldProblem(
                    "idNumber",
                    "NOT_FOUND",
                    f"证件号码{number}没有对应的实名账号，请对方先注册",
                )
            ]
        )

    async with in_transaction() as connection:
        await Unit.filter(id=actor.unit_id).using_db(connection).select_for_update()
        count = (
            await UnitMembership.filter(
                unit_id=actor.unit_id,
                role=MembershipRole.LICENCE_ADMINISTRATOR,
                is_active=True,
            )
            .using_db(connection)
            .count()
        )
        if count >= MAX_LICENCE_ADMINISTRATORS:
            raise ValidationFailed(
                [
                    FieldProblem(
                        "idNumber",
                        "LIMIT_REACHED",
                        f"每个单位最多设置{MAX_LICENCE_ADMINISTRATORS}名证照管理员，"
                        "请先移除一名",
                    )
                ]
            )
        membership = (
            await UnitMembership.filter(account_id=account.id, unit_id=actor.unit_id)
            .using_db(connection)
            .first()
        )
        if (
            membership is not None
            and membership.role is MembershipRole.LEGAL_REPRESENTATIVE
        ):
            raise ValidationFailed(
                [FieldProblem("idNumber", "CONFLICT", "法定代表人不能设为证照管理员")]
            )
        if membership is None:
            membership = await UnitMembership.create(
                account_id=account.id,
                unit_id=actor.unit_id,
                role=MembershipRole.LICENCE_ADMINISTRATOR,
                using_db=connection,
            )
        else:
            membership.role = MembershipRole.LICENCE_ADMINISTRATOR
            membership.is_active = True
            await membership.save(using_db=connection)
        await audit.record(
            "licence_administrator.appointed",
            actor=actor,
            target_type="membership",
            target_id=membership.id,
            using=connection,
        )
    return membership


async def list_administrators(actor: Actor) -> list[UnitMembership]:
    """Return the unit's active licence administrators, oldest membership first."""
    return (
        await UnitMembership.filter(
            unit_id=actor.unit_id,
            role=MembershipRole.LICENCE_ADMINISTRATOR,
            is_active=True,
        )
        .select_related("account")
        .order_by("created_at", "id")
    )


async def remove_administrator(actor: Actor, membership_id: int) -> UnitMembership:
    """End a licence administrator's membership of the actor's unit.

    The account loses the unit at once: the actor check of every request
    needs an active membership. Appointing the same ID number again restores it.
    """
    membership = await UnitMembership.get_or_none(
        id=membership_id,
        unit_id=actor.unit_id,
        role=MembershipRole.LICENCE_ADMINISTRATOR,
        is_active=True,
    )
    if membership is None:
        raise ValidationFailed(
            [
                FieldProblem(
                    "id", "NOT_FOUND", f"证照管理员“{membership_id}”不存在或已移除"
                )
            ]
        )

    async with in_transaction() as connection:
        membership.is_active = False
        await membership.save(using_db=connection, update_fields=["is_active"])
        await audit.record(
            "licence_administrator.removed",
            actor=actor,
            target_type="membership",
            target_id=membership.id,
            using=connection,
        )
    return membership

"""Review (审核) and withdrawal (撤回) of declarations."""

import logging
from collections.abc import Awaitable, Callable

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from graph.account.actor import Actor
from graph.audit import service as audit
from graph.authz.codes import BusinessType
from graph.contribution.back_payment import apply_back_payment
from graph.contribution.wage_declaration import apply_annual_wage
from graph.core.broadcast import publish_quietly
from graph.core.clock import now
from graph.core.errors import FieldProblem, ValidationFailed
from graph.core.permissions import require_business
from graph.core.text import (
    has_control_character,
    normalize_text,
    shorten_for_message,
)
from graph.declaration.codes import DeclarationKind, DeclarationStatus
from graph.declaration.models import Declaration
from graph.insurance.addition import apply_addition
from graph.insurance.enrollment import apply_enrollment
from graph.insurance.suspension import apply_suspension
from graph.person.change import apply_person_change
from graph.unit.change import apply_unit_change

logger = logging.getLogger(__name__)

Applier = Callable[[Declaration, BaseDBAsyncClient], Awaitable[list[FieldProblem]]]

APPLIERS: dict[DeclarationKind, Applier] = {
    DeclarationKind.ENROLLMENT: apply_enrollment,
    DeclarationKind.REENROLLMENT: apply_enrollment,
    DeclarationKind.SUSPENSION: apply_suspension,
    DeclarationKind.BACK_PAYMENT: apply_back_payment,
    DeclarationKind.ANNUAL_WAGE: apply_annual_wage,
    DeclarationKind.PERSON_CHANGE: apply_person_change,
    DeclarationKind.UNIT_CHANGE: apply_unit_change,
    DeclarationKind.INSURANCE_TYPE_ADD: apply_addition,
}

# The business type an operator's grant must cover to act on a declaration.
BUSINESS_TYPES: dict[DeclarationKind, BusinessType] = {
    DeclarationKind.ENROLLMENT: BusinessType.ENROLLMENT,
    DeclarationKind.REENROLLMENT: BusinessType.ENROLLMENT,
    DeclarationKind.SUSPENSION: BusinessType.SUSPENSION,
    DeclarationKind.BACK_PAYMENT: BusinessType.BACK_PAYMENT,
    DeclarationKind.ANNUAL_WAGE: BusinessType.WAGE_DECLARATION,
    DeclarationKind.PERSON_CHANGE: BusinessType.PERSON_CHANGE,
    DeclarationKind.UNIT_CHANGE: BusinessType.UNIT_CHANGE,
    DeclarationKind.INSURANCE_TYPE_ADD: BusinessType.INSURANCE_TYPE_ADD,
}

MAX_COMMENT_LENGTH = 500


class _Rollback(Exception):
    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = problems


def _not_found(declaration_id: int) -> ValidationFailed:
    # The same error for another unit's or region's declaration, so ids
    # cannot be probed.
    return ValidationFailed(
        [FieldProblem("id", "NOT_FOUND", f"申报{declaration_id}不存在")]
    )


def _not_pending(declaration: Declaration) -> ValidationFailed:
    return ValidationFailed(
        [
            FieldProblem(
                "id",
                "NOT_PENDING",
                f"申报{declaration.id}的状态为{declaration.status.label}，"
                "只有待审核的申报可以办理",
            )
        ]
    )


async def review(
    actor: Actor, declaration_id: int, approve: bool, comment: str
) -> Declaration:
    """Approve (and apply) or reject a pending declaration of the reviewer's regions."""
    comment = normalize_text(comment)
    # Line breaks and tabs are fine in a comment; other control characters
    # (terminal escapes and the like) are not text.
    if has_control_character(comment.translate({10: None, 13: None, 9: None})):
        raise ValidationFailed(
            [
                FieldProblem(
                    "comment",
                    "INVALID_CHARACTER",
                    f"审核意见“{shorten_for_message(comment)!r}”含有控制字符，"
                    "请删除后重试",
                )
            ]
        )
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ValidationFailed(
            [
                FieldProblem(
                    "comment", "TOO_LONG", f"审核意见超过{MAX_COMMENT_LENGTH}个字"
                )
            ]
        )
    if not approve and not comment:
        raise ValidationFailed(
            [FieldProblem("comment", "COMMENT_REQUIRED", "审核不通过时请填写审核意见")]
        )

    declaration = await Declaration.get_or_none(
        id=declaration_id, region_id__in=list(actor.region_codes)
    )
    if declaration is None:
        raise _not_found(declaration_id)
    if declaration.status is not DeclarationStatus.PENDING:
        raise _not_pending(declaration)

    status = DeclarationStatus.APPROVED if approve else DeclarationStatus.REJECTED
    try:
        async with in_transaction() as connection:
            # The conditional update makes two reviewers (or two processes)
            # racing on one declaration apply it at most once.
            changed = await (
                Declaration.filter(id=declaration.id, status=DeclarationStatus.PENDING)
                .using_db(connection)
                .update(
                    status=status,
                    reviewer_id=actor.account_id,
                    reviewed_at=now(),
                    review_comment=comment,
                )
            )
            if changed != 1:
                raise _Rollback(
                    [FieldProblem("id", "NOT_PENDING", f"申报{declaration.id}已被处理")]
                )
            if approve:
                problems = await APPLIERS[declaration.kind](declaration, connection)
                if problems:
                    raise _Rollback(problems)
                if declaration.person_id is not None:
                    await (
                        Declaration.filter(id=declaration.id)
                        .using_db(connection)
                        .update(person_id=declaration.person_id)
                    )
            await audit.record(
                "declaration.approved" if approve else "declaration.rejected",
                actor=actor,
                unit_id=declaration.unit_id,
                target_type="declaration",
                target_id=declaration.id,
                detail={"kind": declaration.kind.value},
                using=connection,
            )
    except _Rollback as rollback:
        raise ValidationFailed(rollback.problems) from None

    await declaration.refresh_from_db()
    await announce(declaration)
    return declaration


def unit_channel(unit_id: int) -> str:
    """Name the broadcast channel of a unit's declaration status changes."""
    return f"unit-declarations:{unit_id}"


async def announce(declaration: Declaration) -> None:
    """Tell the unit's subscribers, in any process, that a status changed."""
    await publish_quietly(
        unit_channel(declaration.unit_id),
        {"id": declaration.id, "status": declaration.status.value},
    )


async def withdraw(actor: Actor, declaration_id: int) -> Declaration:
    """Void a pending declaration of the caller's unit."""
    declaration = await Declaration.get_or_none(
        id=declaration_id, unit_id=actor.unit_id
    )
    if declaration is None:
        raise _not_found(declaration_id)
    require_business(actor, BUSINESS_TYPES[declaration.kind])
    if declaration.status is not DeclarationStatus.PENDING:
        raise _not_pending(declaration)

    async with in_transaction() as connection:
        changed = await (
            Declaration.filter(id=declaration.id, status=DeclarationStatus.PENDING)
            .using_db(connection)
            .update(status=DeclarationStatus.WITHDRAWN)
        )
        if changed == 1:
            await audit.record(
                "declaration.withdrawn",
                actor=actor,
                target_type="declaration",
                target_id=declaration.id,
                using=connection,
            )
    await declaration.refresh_from_db()
    if declaration.status is not DeclarationStatus.WITHDRAWN:
        raise _not_pending(declaration)
    await announce(declaration)
    return declaration

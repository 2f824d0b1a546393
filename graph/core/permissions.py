"""Permission classes that sit on fields, so a denial is never silent."""

from typing import Any

from strawberry.permission import BasePermission

from graph.account.actor import Actor
from graph.authz.codes import BusinessType
from graph.core.api_errors import Forbidden, Unauthenticated
from graph.core.context import Info


def require_actor(info: Info) -> Actor:
    """Return the caller, or raise ``UNAUTHENTICATED`` with the reason."""
    actor = info.context.actor
    if actor is None:
        raise Unauthenticated(info.context.auth_error or "请先登录")
    return actor


def require_unit_actor(info: Info) -> Actor:
    actor = require_actor(info)
    if actor.unit_id is None:
        raise Forbidden("当前登录未选择单位，请选择要办理业务的单位后重新登录")
    return actor


def require_reviewer(info: Info) -> Actor:
    actor = require_actor(info)
    if not actor.is_reviewer:
        raise Forbidden("仅经办机构审核员可以执行此操作")
    return actor


def may_see_full_values(actor: Actor) -> bool:
    """Tell whether the caller may ask for unmasked ID, phone and bank numbers.

    Legal representatives, the unit's operators and reviewers handle these
    numbers in their work; anonymous callers never reach this check.
    """
    return actor.is_reviewer or actor.role is not None


def require_full_values(actor: Actor, requested: bool) -> bool:
    if requested and not may_see_full_values(actor):
        raise Forbidden("您无权查看完整的证件号码和联系电话")
    return requested


class IsAuthenticated(BasePermission):
    message = "请先登录"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        require_actor(info)
        return True


class ActsForUnit(BasePermission):
    """The caller acts for a unit (legal representative or operator)."""

    message = "请选择单位"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        actor = require_actor(info)
        if actor.is_reviewer:
            raise Forbidden("审核员不能办理单位业务")
        require_unit_actor(info)
        return True


class IsReviewer(BasePermission):
    message = "仅经办机构审核员可以执行此操作"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        require_reviewer(info)
        return True


class ActsForUnitOrReviews(BasePermission):
    """Unit staff see their unit; reviewers see their regions."""

    message = "请先登录"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        actor = require_actor(info)
        if not actor.is_reviewer:
            require_unit_actor(info)
        return True


def require_business(actor: Actor, business_type: BusinessType) -> None:
    if not actor.may_handle(business_type):
        raise Forbidden(f"您的授权不包含“{business_type.label}”业务")


def may_handle(business_type: BusinessType) -> type[BasePermission]:
    """Build the permission for one business type: unit actor with a grant for it."""

    class MayHandle(ActsForUnit):
        message = f"您的授权不包含“{business_type.label}”业务"

        def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
            super().has_permission(source, info, **kwargs)
            require_business(info.context.actor, business_type)
            return True

    MayHandle.__name__ = f"MayHandle{business_type.value.title()}"
    return MayHandle


class IsLegalRepresentative(ActsForUnit):
    """The caller is the legal representative of the acting unit."""

    message = "仅法定代表人可以管理授权"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        super().has_permission(source, info, **kwargs)
        if not info.context.actor.is_legal_representative:
            raise Forbidden(self.message)
        return True


class HoldsLicence(ActsForUnit):
    """The caller is the legal representative or a licence administrator."""

    message = "仅法定代表人或证照管理员可以管理授权"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        super().has_permission(source, info, **kwargs)
        if not info.context.actor.holds_licence:
            raise Forbidden(self.message)
        return True

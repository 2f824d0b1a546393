from collections import defaultdict

import strawberry

from graph.account.actor import Actor
from graph.account.models import LoginSession, UnitMembership
from graph.account.types import Me, UnitMembershipType
from graph.authz.models import Licence
from graph.core.context import Info
from graph.core.permissions import IsAuthenticated
from graph.unit.models import Unit
from graph.unit.types import UnitSummary


async def describe(actor: Actor, login_method: str | None = None) -> Me:
    """Describe the caller; `login_method` spares the session lookup when known."""
    memberships = await UnitMembership.filter(
        account_id=actor.account_id, is_active=True
    ).select_related("unit")
    unit = await Unit.get_or_none(id=actor.unit_id) if actor.unit_id else None
    if login_method is None:
        session = await LoginSession.get(id=actor.session_id)
        login_method = session.method
    licences_by_unit: dict[int, list[Licence]] = defaultdict(list)
    unit_ids = [membership.unit_id for membership in memberships]
    # Sorting by kind puts BUSINESS_LICENCE before DIGITAL_CERTIFICATE.
    licences = Licence.filter(unit_id__in=unit_ids).select_related("holder")
    for licence in await licences.order_by("unit_id", "kind"):
        licences_by_unit[licence.unit_id].append(licence)
    return Me(
        username=actor.username,
        display_name=actor.display_name,
        kind=actor.kind,
        unit=UnitSummary.from_model(unit) if unit else None,
        role=actor.role,
        region_codes=sorted(actor.region_codes),
        login_method=login_method,
        units=[
            UnitMembershipType.from_model(m, licences_by_unit[m.unit_id])
            for m in memberships
        ],
    )


@strawberry.type
class AccountQuery:
    @strawberry.field(
        description="当前登录信息 (the caller, the acting unit and selectable units)",
        permission_classes=[IsAuthenticated],
    )
    async def me(self, info: Info) -> Me:
        return await describe(info.context.actor)

from typing import Annotated

import strawberry

from graph.account import service
from graph.account.actor import Actor
from graph.account.queries import describe
from graph.account.types import LoginPayload, LogoutPayload
from graph.core.context import Info
from graph.core.errors import ValidationFailed
from graph.core.ids import require_row_id
from graph.core.permissions import IsAuthenticated
from graph.core.types import field_errors


@strawberry.type
class LoginMutation:
    @strawberry.mutation(
        description="用户名密码登录 (password login; the token acts for unitId, which "
        "may be left out by an account of exactly one unit and by reviewers)"
    )
    async def login(
        self,
        info: Info,
        username: Annotated[str, strawberry.argument(description="用户名 (username)")],
        password: Annotated[str, strawberry.argument(description="密码 (password)")],
        unit_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="单位ID (unit to act for)"),
        ] = None,
    ) -> LoginPayload:
        try:
            result = await service.login(
                username,
                password,
                require_row_id(unit_id, "unitId", "单位")
                if unit_id is not None
                else None,
                info.context.client_address,
            )
        except ValidationFailed as failed:
            return LoginPayload(
                token=None, me=None, errors=field_errors(failed.problems)
            )

        account = result.account
        actor = Actor(
            account_id=account.id,
            username=account.username,
            display_name=account.display_name,
            kind=account.kind,
            session_id="",
            unit_id=result.unit_id,
            role=next(
                (m.role for m in result.memberships if m.unit_id == result.unit_id),
                None,
            ),
            region_codes=frozenset(
                await account.review_regions.all().values_list("region_id", flat=True)
            ),
        )
        return LoginPayload(
            token=result.token, me=await describe(actor, "PASSWORD"), errors=[]
        )

    @strawberry.mutation(
        description="退出登录 (end this token's session at once)",
        permission_classes=[IsAuthenticated],
    )
    async def logout(self, info: Info) -> LogoutPayload:
        await service.logout(info.context.actor)
        return LogoutPayload(ok=True)

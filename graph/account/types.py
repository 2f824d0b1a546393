import strawberry

from graph.account.models import UnitMembership
from graph.account.roles import AccountKind as AccountKindCode
from graph.account.roles import MembershipRole as MembershipRoleCode
from graph.authz.codes import CredentialKind as CredentialKindCode
from graph.authz.models import Licence
from graph.authz.types import CredentialKind
from graph.core.types import FieldError
from graph.unit.types import UnitSummary

AccountKind = strawberry.enum(
    AccountKindCode,
    name="AccountKind",
    description="账号类型 (account kind): UNIT_STAFF 单位经办, REVIEWER 经办机构审核员",
)
MembershipRole = strawberry.enum(
    MembershipRoleCode,
    name="MembershipRole",
    description="单位角色 (role in a unit): LEGAL_REPRESENTATIVE 法定代表人, "
    "OPERATOR 经办人, LICENCE_ADMINISTRATOR 证照管理员",
)


@strawberry.type(
    description="单位证照 (a credential of the unit: 电子营业执照 or 数字法人证书)"
)
class Credential:
    kind: CredentialKind = strawberry.field(description="证照类型 (credential kind)")
    holder_name: str = strawberry.field(
        description="持证人 (holder, the legal representative)"
    )

    @classmethod
    def from_model(cls, licence: Licence) -> "Credential":
        return cls(
            kind=CredentialKindCode(licence.kind),
            holder_name=licence.holder.display_name,
        )


@strawberry.type(description="可代办的单位 (a unit the account may act for)")
class UnitMembershipType:
    unit: UnitSummary = strawberry.field(description="单位 (unit)")
    role: MembershipRole = strawberry.field(description="角色 (role)")
    credentials: list[Credential] = strawberry.field(
        description="单位证照 (the unit's licence and certificate, licence first)"
    )

    @classmethod
    def from_model(
        cls, membership: UnitMembership, licences: list[Licence]
    ) -> "UnitMembershipType":
        return cls(
            unit=UnitSummary.from_model(membership.unit),
            role=MembershipRoleCode(membership.role),
            credentials=[Credential.from_model(licence) for licence in licences],
        )


@strawberry.type(description="当前登录 (the caller)")
class Me:
    username: str = strawberry.field(description="用户名 (username)")
    display_name: str = strawberry.field(description="姓名 (display name)")
    kind: AccountKind = strawberry.field(description="账号类型 (account kind)")
    unit: UnitSummary | None = strawberry.field(
        description="当前操作单位 (the unit this login acts for)"
    )
    role: MembershipRole | None = strawberry.field(
        description="在当前单位的角色 (role in the acting unit)"
    )
    region_codes: list[str] = strawberry.field(
        description="审核的统筹区 (regions a reviewer reviews)"
    )
    login_method: str = strawberry.field(
        description="登录方式 (how this session logged in: PASSWORD 密码, "
        "BUSINESS_LICENCE 电子营业执照, DIGITAL_CERTIFICATE 数字法人证书)"
    )
    units: list[UnitMembershipType] = strawberry.field(
        description="可代办的单位 (units the account may act for)"
    )


@strawberry.type(description="登录结果 (login payload)")
class LoginPayload:
    token: str | None = strawberry.field(
        description="访问令牌 (bearer token for the Authorization header)"
    )
    me: Me | None = strawberry.field(description="当前登录 (the logged-in account)")
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type(description="退出结果 (logout payload)")
class LogoutPayload:
    ok: bool = strawberry.field(description="已退出 (session ended)")

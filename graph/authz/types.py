from datetime import date, datetime

import strawberry

from graph.account.models import UnitMembership
from graph.authz import codes
from graph.authz.models import Grant
from graph.authz.service import GrantRequest
from graph.core.clock import today
from graph.core.masking import mask_mobile, mask_resident_id
from graph.core.types import FieldError, enum_labels

BusinessType = strawberry.enum(
    codes.BusinessType,
    name="BusinessType",
    description="业务类型 (business type): " + enum_labels(codes.BusinessType),
)
AuthorizationScope = strawberry.enum(
    codes.AuthorizationScope,
    name="AuthorizationScope",
    description="授权方式 (authorization scope): "
    + enum_labels(codes.AuthorizationScope),
)
GrantStatus = strawberry.enum(
    codes.GrantStatus,
    name="GrantStatus",
    description="授权状态 (grant status): " + enum_labels(codes.GrantStatus),
)
CredentialKind = strawberry.enum(
    codes.CredentialKind,
    name="CredentialKind",
    description="证照类型 (credential kind): " + enum_labels(codes.CredentialKind),
)


@strawberry.type(name="Authorization", description="授权 (operator authorization)")
class AuthorizationType:
    model: strawberry.Private[Grant]
    masked: strawberry.Private[bool]

    @strawberry.field(description="授权ID (authorization id)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="经办人姓名 (operator name)")
    def name(self) -> str:
        return self.model.grantee_name

    @strawberry.field(description="经办人证件号码 (ID number; masked in lists)")
    def id_number(self) -> str:
        value = self.model.grantee_id_number
        return mask_resident_id(value) if self.masked else value

    @strawberry.field(description="经办人手机 (mobile; masked in lists)")
    def mobile(self) -> str:
        value = self.model.grantee_mobile
        return mask_mobile(value) if self.masked else value

    @strawberry.field(description="授权方式 (scope)")
    def scope(self) -> AuthorizationScope:
        return codes.AuthorizationScope(self.model.scope)

    @strawberry.field(description="授权业务 (business types; empty for full scope)")
    def business_types(self) -> list[BusinessType]:
        return sorted(self.model.business_type_set or [])

    @strawberry.field(description="授权起始日期 (valid from)")
    def valid_from(self) -> date:
        return self.model.valid_from

    @strawberry.field(description="授权截止日期 (valid to, inclusive)")
    def valid_to(self) -> date:
        return self.model.valid_to

    @strawberry.field(description="证照类型 (credential used)")
    def credential_kind(self) -> CredentialKind:
        return codes.CredentialKind(self.model.credential_kind)

    @strawberry.field(description="授权状态 (status)")
    def status(self) -> GrantStatus:
        return codes.GrantStatus(self.model.status)

    @strawberry.field(description="是否在有效期内 (active and valid today)")
    def in_force(self) -> bool:
        day = today()
        return (
            self.model.status is codes.GrantStatus.ACTIVE
            and self.model.valid_from <= day <= self.model.valid_to
        )

    @strawberry.field(description="已关联账号 (true once the operator has an account)")
    def linked(self) -> bool:
        return self.model.grantee_id is not None

    @strawberry.field(description="授权时间 (created at)")
    def created_at(self) -> datetime:
        return self.model.created_at


@strawberry.input(description="授权经办人 (grant an operator)")
class GrantAuthorizationInput:
    name: str = strawberry.field(description="经办人姓名* (operator name)")
    id_number: str = strawberry.field(description="经办人证件号码* (resident ID)")
    mobile: str = strawberry.field(description="经办人手机* (11-digit mobile)")
    scope: AuthorizationScope = strawberry.field(description="授权方式* (scope)")
    business_types: list[BusinessType] = strawberry.field(
        default_factory=list,
        description="授权业务 (business types; required for PRECISE)",
    )
    valid_from: date = strawberry.field(description="授权起始日期* (valid from)")
    valid_to: date = strawberry.field(
        description="授权截止日期* (valid to, inclusive, at most 5 years later)"
    )

    def to_request(self) -> GrantRequest:
        return GrantRequest(
            name=self.name,
            id_number=self.id_number,
            mobile=self.mobile,
            scope=self.scope,
            business_types=list(self.business_types),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


@strawberry.input(description="修改授权 (change an authorization)")
class ChangeAuthorizationInput:
    scope: AuthorizationScope = strawberry.field(description="授权方式* (scope)")
    business_types: list[BusinessType] = strawberry.field(
        default_factory=list, description="授权业务 (required for PRECISE)"
    )
    valid_from: date = strawberry.field(description="授权起始日期* (valid from)")
    valid_to: date = strawberry.field(description="授权截止日期* (valid to)")
    mobile: str = strawberry.field(
        default="", description="经办人手机 (mobile; empty keeps the current one)"
    )

    def to_request(self) -> GrantRequest:
        return GrantRequest(
            name="",
            id_number="",
            mobile=self.mobile,
            scope=self.scope,
            business_types=list(self.business_types),
            valid_from=self.valid_from,
            valid_to=self.valid_to,
        )


@strawberry.type(description="授权结果 (authorization payload)")
class AuthorizationPayload:
    authorization: AuthorizationType | None = strawberry.field(
        description="授权 (the authorization after the change)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.input(description="申请授权 (an operator's authorization request)")
class RequestAuthorizationInput:
    credit_code: str = strawberry.field(
        description="单位统一社会信用代码* (credit code of the unit asked)"
    )
    scope: AuthorizationScope = strawberry.field(description="授权方式* (scope)")
    business_types: list[BusinessType] = strawberry.field(
        default_factory=list, description="授权业务 (required for PRECISE)"
    )
    valid_from: date = strawberry.field(description="授权起始日期* (valid from)")
    valid_to: date = strawberry.field(description="授权截止日期* (valid to)")


@strawberry.type(description="设置证照管理员结果 (appoint payload)")
class AppointLicenceAdministratorPayload:
    ok: bool = strawberry.field(description="已设置 (appointed)")
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type(description="证照管理员 (licence administrator of the acting unit)")
class LicenceAdministrator:
    model: strawberry.Private[UnitMembership]

    @strawberry.field(description="证照管理员ID (membership id, used to remove)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="姓名 (name)")
    def name(self) -> str:
        return self.model.account.display_name

    @strawberry.field(description="证件号码 (ID number; masked)")
    def id_number(self) -> str:
        return mask_resident_id(self.model.account.id_number)


@strawberry.type(description="移除证照管理员结果 (remove payload)")
class RemoveLicenceAdministratorPayload:
    ok: bool = strawberry.field(description="已移除 (removed)")
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")

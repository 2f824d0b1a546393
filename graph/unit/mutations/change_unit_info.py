from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.core.context import Info
from graph.core.permissions import may_handle
from graph.core.types import FieldError
from graph.declaration.material_types import MATERIAL_IDS_DESCRIPTION, MaterialInput
from graph.declaration.mutations.filing import file_declaration
from graph.declaration.types import DeclarationType
from graph.unit.change import UnitChangeRequest, submit_unit_change

KEEP = "; omitted keeps the current value"
LOCKED = "; changes only at the market regulator, so a different value is rejected"


@strawberry.input(description="单位参保信息变更 (unit information change input)")
class ChangeUnitInfoInput:
    contact_name: str | None = strawberry.field(
        default=None, description="社保经办人姓名* (contact name" + KEEP + ")"
    )
    contact_phone: str | None = strawberry.field(
        default=None, description="社保经办人固定电话 (contact phone" + KEEP + ")"
    )
    contact_mobile: str | None = strawberry.field(
        default=None, description="社保经办人手机* (contact mobile" + KEEP + ")"
    )
    contact_id_type: str | None = strawberry.field(
        default=None, description="经办人证件类型 (contact ID type" + KEEP + ")"
    )
    contact_id_number: str | None = strawberry.field(
        default=None, description="经办人证件号码* (contact ID number" + KEEP + ")"
    )
    email: str | None = strawberry.field(
        default=None, description="单位电子邮箱 (unit email" + KEEP + ")"
    )
    postcode: str | None = strawberry.field(
        default=None, description="通讯地址邮编 (postcode" + KEEP + ")"
    )
    address: str | None = strawberry.field(
        default=None, description="通讯地址 (postal address" + KEEP + ")"
    )
    bank_code: str | None = strawberry.field(
        default=None, description="开户行行号* (12-digit bank code" + KEEP + ")"
    )
    bank_name: str | None = strawberry.field(
        default=None, description="开户行名称 (bank branch name" + KEEP + ")"
    )
    bank_kind: str | None = strawberry.field(
        default=None, description="银行行别* (bank" + KEEP + ")"
    )
    bank_account: str | None = strawberry.field(
        default=None, description="银行账号* (pension payout account" + KEEP + ")"
    )
    bank_account_name: str | None = strawberry.field(
        default=None, description="银行开户名* (account holder name" + KEEP + ")"
    )
    name: str | None = strawberry.field(
        default=None, description="单位名称 (unit name" + LOCKED + ")"
    )
    credit_code: str | None = strawberry.field(
        default=None, description="统一社会信用代码 (credit code" + LOCKED + ")"
    )
    legal_representative: str | None = strawberry.field(
        default=None, description="法定代表人 (legal representative" + LOCKED + ")"
    )
    materials: list[MaterialInput] = strawberry.field(
        default_factory=list,
        description="申报材料 (uploaded documents: UNIT_CHANGE_FORM optional)",
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=MATERIAL_IDS_DESCRIPTION
    )

    def to_request(self) -> UnitChangeRequest:
        attributes = {
            "contactName": self.contact_name,
            "contactPhone": self.contact_phone,
            "contactMobile": self.contact_mobile,
            "contactIdType": self.contact_id_type,
            "contactIdNumber": self.contact_id_number,
            "email": self.email,
            "postcode": self.postcode,
            "address": self.address,
            "bankCode": self.bank_code,
            "bankName": self.bank_name,
            "bankKind": self.bank_kind,
            "bankAccount": self.bank_account,
            "bankAccountName": self.bank_account_name,
        }
        return UnitChangeRequest(
            values=attributes,
            key_fields={
                "name": self.name,
                "creditCode": self.credit_code,
                "legalRepresentative": self.legal_representative,
            },
        )


@strawberry.type(description="单位参保信息变更结果 (unit change payload)")
class ChangeUnitInfoPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="待审核的申报 (the pending declaration with old and new values)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class ChangeUnitInfoMutation:
    @strawberry.mutation(
        description="单位参保信息变更登记 (change the unit's contact block and "
        "pension payout account; creates a pending declaration, which "
        "withdrawDeclaration voids)",
        permission_classes=[may_handle(BusinessType.UNIT_CHANGE)],
    )
    async def change_unit_info(
        self,
        info: Info,
        input: Annotated[
            ChangeUnitInfoInput, strawberry.argument(description="变更信息")
        ],
    ) -> ChangeUnitInfoPayload:
        filed = await file_declaration(info, submit_unit_change, input)
        return ChangeUnitInfoPayload(declaration=filed.declaration, errors=filed.errors)

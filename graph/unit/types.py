import strawberry

from graph.core.masking import mask_bank_account, mask_mobile, mask_resident_id
from graph.region.types import RegionType
from graph.unit.models import Unit


@strawberry.type(name="UnitSummary", description="单位概要 (unit in lists)")
class UnitSummary:
    id: strawberry.ID = strawberry.field(description="单位ID (unit id)")
    number: str = strawberry.field(description="单位编号 (unit number)")
    credit_code: str = strawberry.field(
        description="统一社会信用代码 (unified social credit code)"
    )
    name: str = strawberry.field(description="单位名称 (unit name)")

    @classmethod
    def from_model(cls, unit: Unit) -> "UnitSummary":
        return cls(
            id=strawberry.ID(str(unit.id)),
            number=unit.number,
            credit_code=unit.credit_code,
            name=unit.name,
        )


@strawberry.type(name="Unit", description="参保单位 (insured unit)")
class UnitType:
    model: strawberry.Private[Unit]
    masked: strawberry.Private[bool]

    @strawberry.field(description="单位ID (unit id, used by login)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="单位编号 (unit number)")
    def number(self) -> str:
        return self.model.number

    @strawberry.field(description="统一社会信用代码 (unified social credit code)")
    def credit_code(self) -> str:
        return self.model.credit_code

    @strawberry.field(description="单位名称 (unit name)")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="单位性质 (unit nature)")
    def nature(self) -> str:
        return self.model.nature

    @strawberry.field(description="所属统筹区 (pooling region)")
    def region(self) -> RegionType:
        return RegionType.from_model(self.model.region)

    @strawberry.field(description="行业风险类别 (work-injury industry risk class, 1-8)")
    def risk_class(self) -> int:
        return self.model.risk_class

    @strawberry.field(description="费率档次 (rate grade)")
    def rate_grade(self) -> int:
        return self.model.rate_grade

    @strawberry.field(description="法定代表人 (legal representative)")
    def legal_representative(self) -> str:
        return self.model.legal_representative

    @strawberry.field(description="社保经办人姓名 (contact name)")
    def contact_name(self) -> str:
        return self.model.contact_name

    @strawberry.field(description="社保经办人固定电话 (contact landline)")
    def contact_phone(self) -> str:
        return self.model.contact_phone

    @strawberry.field(
        description="社保经办人手机 (contact mobile; masked unless fullValues)"
    )
    def contact_mobile(self) -> str:
        value = self.model.contact_mobile
        return mask_mobile(value) if self.masked and value else value

    @strawberry.field(description="经办人证件类型 (contact ID type)")
    def contact_id_type(self) -> str:
        return self.model.contact_id_type

    @strawberry.field(
        description="经办人证件号码 (contact ID number; masked unless fullValues)"
    )
    def contact_id_number(self) -> str:
        value = self.model.contact_id_number
        return mask_resident_id(value) if self.masked and value else value

    @strawberry.field(description="单位电子邮箱 (unit email)")
    def email(self) -> str:
        return self.model.email

    @strawberry.field(description="通讯地址邮编 (postcode)")
    def postcode(self) -> str:
        return self.model.postcode

    @strawberry.field(description="通讯地址 (postal address)")
    def address(self) -> str:
        return self.model.address

    @strawberry.field(description="开户行行号 (payout bank code)")
    def bank_code(self) -> str:
        return self.model.bank_code

    @strawberry.field(description="开户行名称 (payout bank name)")
    def bank_name(self) -> str:
        return self.model.bank_name

    @strawberry.field(description="银行行别 (bank kind)")
    def bank_kind(self) -> str:
        return self.model.bank_kind

    @strawberry.field(description="银行账号 (payout account; masked unless fullValues)")
    def bank_account(self) -> str:
        value = self.model.bank_account
        return mask_bank_account(value) if self.masked and value else value

    @strawberry.field(description="银行开户名 (account holder name)")
    def bank_account_name(self) -> str:
        return self.model.bank_account_name

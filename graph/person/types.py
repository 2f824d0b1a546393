from datetime import date

import strawberry

from graph.core.masking import mask_mobile, mask_resident_id
from graph.insurance.enums import InsuranceStatus, InsuranceType, InsuredIdentity
from graph.insurance.types import InsuranceRecordType
from graph.person.models import Person
from graph.person.resident_id import Gender
from graph.person.service import RosterCriteria

GenderEnum = strawberry.enum(
    Gender, name="Gender", description="性别 (gender): MALE 男, FEMALE 女"
)


@strawberry.type(name="Person", description="人员 (insured person)")
class PersonType:
    model: strawberry.Private[Person]
    masked: strawberry.Private[bool]

    @strawberry.field(
        description="社会保障号码 (social security number; masked in lists unless "
        "fullValues is true)"
    )
    def ssn(self) -> str:
        return mask_resident_id(self.model.ssn) if self.masked else self.model.ssn

    @strawberry.field(description="证件类型 (ID type)")
    def id_type(self) -> str:
        return self.model.id_type

    @strawberry.field(description="姓名 (name)")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="性别 (gender, from the ID number)")
    def gender(self) -> GenderEnum:
        return Gender(self.model.gender)

    @strawberry.field(description="性别名称 (gender label: 男 / 女)")
    def gender_label(self) -> str:
        return Gender(self.model.gender).label

    @strawberry.field(description="出生日期 (birth date, from the ID number)")
    def birth_date(self) -> date:
        return self.model.birth_date

    @strawberry.field(description="国籍 (nationality)")
    def nationality(self) -> str:
        return self.model.nationality

    @strawberry.field(description="民族 (ethnicity)")
    def ethnicity(self) -> str:
        return self.model.ethnicity

    @strawberry.field(description="学历 (education)")
    def education(self) -> str:
        return self.model.education

    @strawberry.field(description="户口性质 (household type)")
    def household_type(self) -> str:
        return self.model.household_type

    @strawberry.field(description="户籍地址 (household address)")
    def household_address(self) -> str:
        return self.model.household_address

    @strawberry.field(
        description="手机号码 (mobile; masked in lists unless fullValues is true)"
    )
    def mobile(self) -> str:
        value = self.model.mobile
        return mask_mobile(value) if self.masked and value else value

    @strawberry.field(description="联系电话 (landline)")
    def phone(self) -> str:
        return self.model.phone

    @strawberry.field(description="联系住址 (contact address)")
    def address(self) -> str:
        return self.model.address

    @strawberry.field(description="电子邮箱 (email)")
    def email(self) -> str:
        return self.model.email

    @strawberry.field(description="邮政编码 (postcode)")
    def postcode(self) -> str:
        return self.model.postcode

    @strawberry.field(
        description="本单位参保记录 (insurance records in the acting unit)"
    )
    def records(self) -> list[InsuranceRecordType]:
        return [InsuranceRecordType(model=record) for record in self.model.records]


@strawberry.input(description="花名册查询条件 (roster filter)")
class PersonFilter:
    name: str | None = strawberry.field(
        default=None, description="姓名 (name, partial match)"
    )
    ssn: str | None = strawberry.field(
        default=None, description="社会保障号码 (SSN, exact or leading part)"
    )
    status: InsuranceStatus | None = strawberry.field(
        default=None, description="参保状态 (status of any record in the unit)"
    )
    insurance_type: InsuranceType | None = strawberry.field(
        default=None, description="险种类型 (insurance type)"
    )
    identity: InsuredIdentity | None = strawberry.field(
        default=None, description="参保身份 (insured identity)"
    )

    def criteria(self) -> RosterCriteria:
        return RosterCriteria(
            name=self.name,
            ssn=self.ssn,
            status=self.status,
            insurance_type=self.insurance_type,
            identity=self.identity,
        )


@strawberry.type(description="花名册分页结果 (roster page)")
class PersonPage:
    total_count: int = strawberry.field(description="总条数 (total matching persons)")
    items: list[PersonType] = strawberry.field(description="本页人员 (persons on page)")

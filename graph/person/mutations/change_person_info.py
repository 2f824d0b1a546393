from typing import Annotated

import strawberry

from graph.authz.codes import BusinessType
from graph.core.context import Info
from graph.core.permissions import may_handle
from graph.core.types import FieldError
from graph.declaration.material_types import MATERIAL_IDS_DESCRIPTION, MaterialInput
from graph.declaration.mutations.filing import file_declaration
from graph.declaration.types import DeclarationType
from graph.person.change import PersonChangeRequest, submit_person_change

KEEP = "; omitted keeps the current value"


@strawberry.input(description="职工参保信息变更 (person information change input)")
class ChangePersonInfoInput:
    ssn: str = strawberry.field(
        description="社会保障号码 (current SSN of a person insured in the unit)"
    )
    id_type: str = strawberry.field(
        default="RESIDENT_ID",
        description="证件类型* (ID type; only RESIDENT_ID 居民身份证 online)",
    )
    id_number: str = strawberry.field(
        description="证件号码* (ID number, new or unchanged; checked like an "
        "enrollment, and gender and birth date follow from it)"
    )
    mobile: str = strawberry.field(description="手机号码* (mobile)")
    address: str | None = strawberry.field(
        default=None, description="联系住址 (contact address" + KEEP + ")"
    )
    name: str | None = strawberry.field(
        default=None, description="姓名 (name" + KEEP + ")"
    )
    nationality: str | None = strawberry.field(
        default=None, description="国籍 (nationality" + KEEP + ")"
    )
    education: str | None = strawberry.field(
        default=None, description="学历 (education" + KEEP + ")"
    )
    ethnicity: str | None = strawberry.field(
        default=None, description="民族 (ethnicity" + KEEP + ")"
    )
    household_type: str | None = strawberry.field(
        default=None, description="户口性质 (household type" + KEEP + ")"
    )
    household_address: str | None = strawberry.field(
        default=None, description="户籍地址 (household address" + KEEP + ")"
    )
    materials: list[MaterialInput] = strawberry.field(
        default_factory=list,
        description="申报材料 (uploaded documents: CHANGE_FORM "
        "社会保险参保信息变更登记表 required, PDF or image)",
    )
    material_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description=MATERIAL_IDS_DESCRIPTION
    )

    def to_request(self) -> PersonChangeRequest:
        return PersonChangeRequest(
            ssn=self.ssn,
            id_type=self.id_type,
            id_number=self.id_number,
            mobile=self.mobile,
            name=self.name,
            nationality=self.nationality,
            education=self.education,
            ethnicity=self.ethnicity,
            household_type=self.household_type,
            household_address=self.household_address,
            address=self.address,
        )


@strawberry.type(description="职工参保信息变更结果 (person change payload)")
class ChangePersonInfoPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="待审核的申报 (the pending declaration with old and new values)"
    )
    errors: list[FieldError] = strawberry.field(description="错误 (errors)")


@strawberry.type
class ChangePersonInfoMutation:
    @strawberry.mutation(
        description="职工参保信息变更登记 (change a person's basic and contact "
        "information; creates a pending declaration for review)",
        permission_classes=[may_handle(BusinessType.PERSON_CHANGE)],
    )
    async def change_person_info(
        self,
        info: Info,
        input: Annotated[
            ChangePersonInfoInput, strawberry.argument(description="变更信息")
        ],
    ) -> ChangePersonInfoPayload:
        filed = await file_declaration(info, submit_person_change, input)
        return ChangePersonInfoPayload(
            declaration=filed.declaration, errors=filed.errors
        )

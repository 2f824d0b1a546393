from datetime import date, datetime
from decimal import Decimal

import strawberry

from graph.contribution.refunds import declared_refunds, refund_total
from graph.contribution.types import AnnualWageDetails, BackPaymentDetails
from graph.core.context import Info
from graph.core.masking import mask_mobile, mask_resident_id
from graph.declaration import codes
from graph.declaration.enums import DeclarationKind, DeclarationStatus
from graph.declaration.field_changes import masked_value
from graph.declaration.material_types import (
    DeclarationMaterialType,
    materials_by_declaration_id,
)
from graph.declaration.models import Declaration
from graph.insurance import codes as insurance_codes
from graph.insurance.enums import (
    EmploymentForm,
    InsuranceType,
    InsuredIdentity,
    SuspensionReason,
)
from graph.insurance.types import PensionRefundType, PlannedRecordType
from graph.person.change import FIELD_LABELS as PERSON_FIELD_LABELS
from graph.unit.change import FIELD_LABELS as UNIT_FIELD_LABELS
from graph.unit.types import UnitSummary

ENROLLMENT_KINDS = (
    codes.DeclarationKind.ENROLLMENT,
    codes.DeclarationKind.REENROLLMENT,
)


@strawberry.type(description="参保登记申报内容 (requested enrollment)")
class EnrollmentDetails:
    reenrollment: bool = strawberry.field(description="是否续保 (re-enrollment)")
    enroll_date: date = strawberry.field(description="本次参保时间 (enrollment date)")
    identity: InsuredIdentity = strawberry.field(description="参保身份 (identity)")
    declared_wage: Decimal = strawberry.field(description="申报工资 (declared wage)")
    mobile: str = strawberry.field(description="手机号码 (mobile; masked in lists)")
    address: str = strawberry.field(description="联系地址 (contact address)")
    job_type: str = strawberry.field(description="职工工种 (job type)")
    retirement_age: int | None = strawberry.field(description="离退休年龄 (base)")
    employment_form: EmploymentForm | None = strawberry.field(
        description="用工形式 (employment form)"
    )
    records: list[PlannedRecordType] = strawberry.field(
        description="核定的参保信息 (records after approval)"
    )


@strawberry.type(description="暂停参保申报内容 (requested suspension)")
class SuspensionDetails:
    reason: SuspensionReason = strawberry.field(description="中断原因 (reason)")
    reason_label: str = strawberry.field(description="中断原因名称 (reason label)")
    suspend_date: date = strawberry.field(description="停保时间 (suspension date)")
    remark: str = strawberry.field(description="备注 (remark)")
    insurance_types: list[InsuranceType] = strawberry.field(
        description="暂停的险种 (suspended insurance types)"
    )
    refunds: list[PensionRefundType] = strawberry.field(
        description="养老保险退收处理结果 (paid months whose individual pension "
        "part the approval refunds)"
    )
    refund_total: Decimal = strawberry.field(
        description="退收个人部分合计 (sum of the refunded individual parts, yuan)"
    )


@strawberry.type(description="变更项 (one changed field, old and new value)")
class FieldChange:
    field: str = strawberry.field(description="字段 (camelCase field name)")
    label: str = strawberry.field(description="字段名称 (Chinese label)")
    before: str = strawberry.field(description="变更前 (old value; masked in lists)")
    after: str = strawberry.field(description="变更后 (new value; masked in lists)")


CHANGE_LABELS = {
    codes.DeclarationKind.PERSON_CHANGE: PERSON_FIELD_LABELS,
    codes.DeclarationKind.UNIT_CHANGE: UNIT_FIELD_LABELS,
}


@strawberry.type(name="Declaration", description="申报 (declaration)")
class DeclarationType:
    model: strawberry.Private[Declaration]
    masked: strawberry.Private[bool]

    @strawberry.field(description="申报ID (declaration id)")
    def id(self) -> strawberry.ID:
        return strawberry.ID(str(self.model.id))

    @strawberry.field(description="申报类型 (kind)")
    def kind(self) -> DeclarationKind:
        return codes.DeclarationKind(self.model.kind)

    @strawberry.field(description="申报类型名称 (kind label)")
    def kind_label(self) -> str:
        return codes.DeclarationKind(self.model.kind).label

    @strawberry.field(description="申报状态 (status)")
    def status(self) -> DeclarationStatus:
        return codes.DeclarationStatus(self.model.status)

    @strawberry.field(description="申报状态名称 (status label)")
    def status_label(self) -> str:
        return codes.DeclarationStatus(self.model.status).label

    @strawberry.field(description="可撤回 (true while pending: 撤回 allowed)")
    def can_withdraw(self) -> bool:
        return self.model.status is codes.DeclarationStatus.PENDING

    @strawberry.field(description="参保单位 (unit)")
    def unit(self) -> UnitSummary:
        return UnitSummary.from_model(self.model.unit)

    @strawberry.field(
        description="社会保障号码 (SSN; masked in lists unless fullValues is true)"
    )
    def ssn(self) -> str:
        return mask_resident_id(self.model.ssn) if self.masked else self.model.ssn

    @strawberry.field(description="人员姓名 (person name)")
    def person_name(self) -> str:
        return self.model.person_name

    @strawberry.field(
        description="业务日期 (enrollment or suspension date, a back payment's "
        "application date, or 1 January of the year an annual wage sets)"
    )
    def business_date(self) -> date:
        return self.model.business_date

    @strawberry.field(description="结算期 (settlement month, YYYYMM)")
    def settlement_month(self) -> str:
        return self.model.settlement_month

    @strawberry.field(description="申报时间 (submitted at)")
    def submitted_at(self) -> datetime:
        return self.model.submitted_at

    @strawberry.field(description="申报人 (submitted by)")
    def submitted_by(self) -> str:
        return self.model.submitted_by.display_name

    @strawberry.field(
        description="申报授权 (authorization used: LEGAL_REPRESENTATIVE or OPERATOR)"
    )
    def submitted_as(self) -> str:
        return self.model.submitted_as

    @strawberry.field(description="审核日期 (reviewed at)")
    def reviewed_at(self) -> datetime | None:
        return self.model.reviewed_at

    @strawberry.field(description="审核人 (reviewer)")
    def reviewer_name(self) -> str | None:
        reviewer = self.model.reviewer
        return reviewer.display_name if reviewer else None

    @strawberry.field(description="审核意见 (review comment)")
    def review_comment(self) -> str:
        return self.model.review_comment

    @strawberry.field(description="参保登记内容 (set for enrollments)")
    def enrollment(self) -> EnrollmentDetails | None:
        if self.model.kind not in ENROLLMENT_KINDS:
            return None
        data = self.model.data
        region_name = self.model.region.name
        form = data["employmentForm"]
        mobile = data["mobile"]
        return EnrollmentDetails(
            reenrollment=data["reenrollment"],
            enroll_date=date.fromisoformat(data["enrollDate"]),
            identity=insurance_codes.InsuredIdentity(data["identity"]),
            declared_wage=Decimal(data["declaredWage"]),
            mobile=mask_mobile(mobile) if self.masked else mobile,
            address=data["address"],
            job_type=data["jobType"],
            retirement_age=data["retirementAge"],
            employment_form=insurance_codes.EmploymentForm(form) if form else None,
            records=[
                PlannedRecordType.from_data(record, region_name)
                for record in data["records"]
            ],
        )

    @strawberry.field(description="暂停参保内容 (set for suspensions)")
    def suspension(self) -> SuspensionDetails | None:
        if self.model.kind is not codes.DeclarationKind.SUSPENSION:
            return None
        data = self.model.data
        reason = insurance_codes.SuspensionReason(data["reason"])
        refunds = declared_refunds(self.model)
        return SuspensionDetails(
            reason=reason,
            reason_label=reason.label,
            suspend_date=date.fromisoformat(data["suspendDate"]),
            remark=data["remark"],
            insurance_types=[
                insurance_codes.InsuranceType(r["insurance_type"])
                for r in data["records"]
            ],
            refunds=[PensionRefundType.from_item(item) for item in refunds],
            refund_total=refund_total(refunds),
        )

    @strawberry.field(description="补缴内容 (set for back payments)")
    def back_payment(self) -> BackPaymentDetails | None:
        if self.model.kind is not codes.DeclarationKind.BACK_PAYMENT:
            return None
        return BackPaymentDetails.from_data(self.model.data)

    @strawberry.field(
        description="上年度工资申报内容 (set for annual wage declarations)"
    )
    def annual_wage(self) -> AnnualWageDetails | None:
        if self.model.kind is not codes.DeclarationKind.ANNUAL_WAGE:
            return None
        return AnnualWageDetails.from_data(self.model.data)

    @strawberry.field(
        description="变更内容 (old and new value of each changed field, set for "
        "person and unit information changes; ID, phone and bank numbers "
        "masked in lists unless fullValues is true)"
    )
    def changes(self) -> list[FieldChange] | None:
        labels = CHANGE_LABELS.get(codes.DeclarationKind(self.model.kind))
        if labels is None:
            return None
        before = self.model.data["before"]
        after = self.model.data["after"]
        rows = []
        for field, new_value in after.items():
            old_value = before[field]
            if self.masked:
                old_value = masked_value(field, old_value)
                new_value = masked_value(field, new_value)
            rows.append(
                FieldChange(
                    field=field,
                    label=labels[field],
                    before=old_value,
                    after=new_value,
                )
            )
        return rows

    @strawberry.field(
        description="新增的参保记录 (records an insurance type addition creates)"
    )
    def added_records(self) -> list[PlannedRecordType] | None:
        if self.model.kind is not codes.DeclarationKind.INSURANCE_TYPE_ADD:
            return None
        region_name = self.model.region.name
        return [
            PlannedRecordType.from_data(record, region_name)
            for record in self.model.data["records"]
        ]

    @strawberry.field(description="申报材料 (uploaded materials, in upload order)")
    async def materials(self, info: Info) -> list[DeclarationMaterialType]:
        rows = await materials_by_declaration_id(info).load(self.model.id)
        return [DeclarationMaterialType(model=row) for row in rows]


@strawberry.input(description="申报进度查询条件 (declaration filter)")
class DeclarationFilter:
    kind: DeclarationKind | None = strawberry.field(
        default=None, description="申报类型 (kind)"
    )
    status: DeclarationStatus | None = strawberry.field(
        default=None, description="申报状态 (status)"
    )
    settlement_month: str | None = strawberry.field(
        default=None, description="结算期 (settlement month, YYYYMM)"
    )
    person_name: str | None = strawberry.field(
        default=None, description="人员姓名 (person name, partial match)"
    )


@strawberry.type(description="申报分页结果 (declaration page)")
class DeclarationPage:
    total_count: int = strawberry.field(description="总条数 (total)")
    items: list[DeclarationType] = strawberry.field(description="本页申报 (items)")

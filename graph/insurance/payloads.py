from decimal import Decimal

import strawberry

from graph.contribution.refunds import refund_total
from graph.core.types import FieldError
from graph.declaration.types import DeclarationType
from graph.insurance.enrollment import EnrollmentPlan
from graph.insurance.enums import InsuranceType
from graph.insurance.suspension import SuspensionPlan
from graph.insurance.types import PensionRefundType, PlannedRecordType


def planned_records(plan: EnrollmentPlan, region_name: str) -> list[PlannedRecordType]:
    return [
        PlannedRecordType(
            region_code=record.region_code,
            region_name=region_name,
            insurance_type=record.insurance_type,
            insurance_type_label=record.insurance_type.label,
            base=record.base,
            base_floor=record.base_floor,
            base_ceiling=record.base_ceiling,
            base_adjustment=record.base_adjustment,
            rate_grade=record.rate_grade,
            first_enroll_month=record.first_enroll_month,
            parameters_are_samples=record.parameters_are_samples,
        )
        for record in plan.records
    ]


@strawberry.type(description="参保登记核定结果 (what an enrollment would create)")
class EnrollmentPreview:
    reenrollment: bool = strawberry.field(
        description="是否续保 (true when the person is re-enrolled in this unit)"
    )
    base_adjusted: bool = strawberry.field(
        description="基数已按上下限调整 (true when the declared wage was clamped)"
    )
    records: list[PlannedRecordType] = strawberry.field(
        description="核定的参保信息 (所属统筹区, 险种类型, 缴费基数, 费率档次, "
        "首次参保年月)"
    )


@strawberry.type(description="职工参保登记结果 (enroll person payload)")
class EnrollPersonPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="生成的申报 (the pending declaration)"
    )
    preview: EnrollmentPreview | None = strawberry.field(
        description="核定结果 (records the approval will create)"
    )
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")


@strawberry.type(description="参保登记预览结果 (enrollment preview payload)")
class EnrollmentPreviewPayload:
    preview: EnrollmentPreview | None = strawberry.field(description="核定结果")
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")


@strawberry.type(description="职工暂停参保结果 (suspend person payload)")
class SuspendPersonPayload:
    declaration: DeclarationType | None = strawberry.field(
        description="生成的申报 (the pending declaration)"
    )
    insurance_types: list[InsuranceType] = strawberry.field(
        description="将暂停的险种 (insurance types the approval suspends)"
    )
    refunds: list[PensionRefundType] = strawberry.field(
        description="养老保险退收处理结果 (paid months after the suspension date "
        "whose individual pension part the approval refunds; empty when none)"
    )
    refund_total: Decimal = strawberry.field(
        description="退收个人部分合计 (sum of the refunded individual parts, yuan)"
    )
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")


@strawberry.type(description="职工暂停参保预览结果 (suspension preview payload)")
class SuspensionPreviewPayload:
    insurance_types: list[InsuranceType] = strawberry.field(
        description="将暂停的险种 (insurance types the approval suspends)"
    )
    refunds: list[PensionRefundType] = strawberry.field(
        description="养老保险退收处理结果 (paid months after the suspension date "
        "whose individual pension part the approval refunds; empty when none)"
    )
    refund_total: Decimal = strawberry.field(
        description="退收个人部分合计 (sum of the refunded individual parts, yuan)"
    )
    errors: list[FieldError] = strawberry.field(description="输入错误 (errors)")


def suspend_person_payload(plan: SuspensionPlan, declaration) -> SuspendPersonPayload:
    return SuspendPersonPayload(
        declaration=declaration,
        insurance_types=plan.insurance_types,
        refunds=[PensionRefundType.from_item(item) for item in plan.refunds],
        refund_total=refund_total(plan.refunds),
        errors=[],
    )


def suspension_preview_payload(plan: SuspensionPlan) -> SuspensionPreviewPayload:
    return SuspensionPreviewPayload(
        insurance_types=plan.insurance_types,
        refunds=[PensionRefundType.from_item(item) for item in plan.refunds],
        refund_total=refund_total(plan.refunds),
        errors=[],
    )

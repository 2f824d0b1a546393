"""Insurance codes exposed as GraphQL enums, with their Chinese labels."""

import strawberry

from graph.core.types import enum_labels
from graph.insurance import codes
from graph.insurance.rules import BaseAdjustment

InsuranceType = strawberry.enum(
    codes.InsuranceType,
    name="InsuranceType",
    description="险种 (insurance type): PENSION 110 企业职工基本养老保险, "
    "UNEMPLOYMENT 210 失业保险, WORK_INJURY 410 工伤保险",
)
InsuranceStatus = strawberry.enum(
    codes.InsuranceStatus,
    name="InsuranceStatus",
    description="参保状态 (insurance status): " + enum_labels(codes.InsuranceStatus),
)
InsuredIdentity = strawberry.enum(
    codes.InsuredIdentity,
    name="InsuredIdentity",
    description="参保身份 (insured identity): " + enum_labels(codes.InsuredIdentity),
)
SuspensionReason = strawberry.enum(
    codes.SuspensionReason,
    name="SuspensionReason",
    description="中断原因 (suspension reason): " + enum_labels(codes.SuspensionReason),
)
EmploymentForm = strawberry.enum(
    codes.EmploymentForm,
    name="EmploymentForm",
    description="用工形式 (employment form): " + enum_labels(codes.EmploymentForm),
)
BaseAdjustmentEnum = strawberry.enum(
    BaseAdjustment,
    name="BaseAdjustment",
    description="缴费基数调整 (how the declared wage was clamped): "
    "RAISED_TO_FLOOR 按下限核定, LOWERED_TO_CEILING 按上限核定",
)

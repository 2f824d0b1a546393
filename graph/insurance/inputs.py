from datetime import date
from decimal import Decimal

import strawberry

from graph.insurance.checks import EnrollmentRequest, SuspensionRequest
from graph.insurance.enums import EmploymentForm, InsuredIdentity, SuspensionReason


@strawberry.input(description="职工参保登记 (employee enrollment or re-enrollment)")
class EnrollPersonInput:
    ssn: str = strawberry.field(
        description="社会保障号码* (18-digit resident ID number; gender and birth "
        "date are taken from it)"
    )
    name: str = strawberry.field(description="姓名* (name, at most 50 characters)")
    mobile: str = strawberry.field(description="手机号码* (11-digit mobile)")
    address: str = strawberry.field(description="联系地址* (contact address)")
    enroll_date: date = strawberry.field(
        description="本次参保时间* (enrollment date, not after the end of this month)"
    )
    identity: InsuredIdentity = strawberry.field(description="参保身份* (identity)")
    declared_wage: Decimal = strawberry.field(
        description="申报工资* (declared monthly wage in yuan, up to 2 decimals)"
    )
    phone: str = strawberry.field(default="", description="联系电话 (landline)")
    email: str = strawberry.field(default="", description="电子邮箱 (email)")
    postcode: str = strawberry.field(default="", description="邮政编码 (6 digits)")
    job_type: str = strawberry.field(default="", description="职工工种 (job type)")
    retirement_age: int | None = strawberry.field(
        default=None,
        description="离退休年龄 (statutory retirement age base: 60 for men, 50 or "
        "55 for women; default 60 for men and 50 for women)",
    )
    employment_form: EmploymentForm | None = strawberry.field(
        default=None, description="用工形式 (employment form)"
    )

    def to_request(self) -> EnrollmentRequest:
        return EnrollmentRequest(
            ssn=self.ssn,
            name=self.name,
            mobile=self.mobile,
            address=self.address,
            enroll_date=self.enroll_date,
            identity=self.identity,
            declared_wage=self.declared_wage,
            phone=self.phone,
            email=self.email,
            postcode=self.postcode,
            job_type=self.job_type,
            retirement_age=self.retirement_age,
            employment_form=self.employment_form,
        )


@strawberry.input(description="职工暂停参保 (employee suspension)")
class SuspendPersonInput:
    ssn: str = strawberry.field(description="社会保障号码* (SSN)")
    reason: SuspensionReason = strawberry.field(description="中断原因* (reason)")
    suspend_date: date = strawberry.field(
        description="停保时间* (suspension date, not before this enrollment date)"
    )
    remark: str = strawberry.field(
        default="", description="备注 (remark; required when the reason is OTHER)"
    )

    def to_request(self) -> SuspensionRequest:
        return SuspensionRequest(
            ssn=self.ssn,
            reason=self.reason,
            suspend_date=self.suspend_date,
            remark=self.remark,
        )

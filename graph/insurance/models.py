from tortoise import fields
from tortoise.models import Model

from graph.insurance.codes import (
    EmploymentForm,
    InsuranceStatus,
    InsuranceType,
    InsuredIdentity,
    SuspensionReason,
)


class InsuranceRecord(Model):
    """参保记录: one person in one unit for one insurance type."""

    id = fields.IntField(pk=True)
    person = fields.ForeignKeyField("models.Person", related_name="records")
    unit = fields.ForeignKeyField("models.Unit", related_name="records")
    insurance_type = fields.CharEnumField(InsuranceType, max_length=3)
    status = fields.CharEnumField(InsuranceStatus, max_length=10, db_index=True)
    enroll_date = fields.DateField()
    first_enroll_month = fields.CharField(max_length=6)
    base = fields.DecimalField(max_digits=12, decimal_places=2)
    rate_grade = fields.SmallIntField()
    identity = fields.CharEnumField(InsuredIdentity, max_length=20)
    job_type = fields.CharField(max_length=40, default="")
    retirement_age = fields.SmallIntField()
    employment_form = fields.CharEnumField(EmploymentForm, max_length=20, null=True)
    suspension_reason = fields.CharEnumField(SuspensionReason, max_length=20, null=True)
    suspend_date = fields.DateField(null=True)
    suspension_remark = fields.CharField(max_length=200, default="")
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "insurance_record"
        unique_together = (("person", "unit", "insurance_type"),)
        indexes = (
            ("unit_id", "person_id"),
            ("unit_id", "status"),
            ("person_id", "insurance_type", "status"),
        )

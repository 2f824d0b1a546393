from tortoise import fields
from tortoise.models import Model

from graph.contribution.codes import LineSource, SettlementStatus
from graph.insurance.codes import InsuranceType


class Settlement(Model):
    """结算: what a unit owes for one insurance type and one month.

    Its totals are the sums of its lines. An unpaid settlement is replaced
    when the month is generated again, and a paid one is never changed.
    """

    id = fields.IntField(pk=True)
    unit = fields.ForeignKeyField("models.Unit", related_name="settlements")
    month = fields.CharField(max_length=6)
    insurance_type = fields.CharEnumField(InsuranceType, max_length=3)
    status = fields.CharEnumField(SettlementStatus, max_length=6)
    person_count = fields.IntField(default=0)
    base_total = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    unit_total = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    individual_total = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    total = fields.DecimalField(max_digits=16, decimal_places=2, default=0)
    generated_at = fields.DatetimeField()
    generated_by = fields.ForeignKeyField(
        "models.Account", related_name="settlements", null=True
    )
    paid_at = fields.DatetimeField(null=True)
    payment_reference = fields.CharField(max_length=60, default="")
    # Set when the month's limits or rates are sample values, not official.
    rates_are_samples = fields.BooleanField(default=False)

    class Meta:
        table = "settlement"
        unique_together = (("unit", "month", "insurance_type"),)


class ContributionLine(Model):
    """缴费明细: one person's contribution of one insurance type for one month.

    Lines of a monthly settlement are paid when it is paid. Back payment
    lines are paid when the back payment is approved.
    """

    id = fields.IntField(pk=True)
    settlement = fields.ForeignKeyField(
        "models.Settlement", related_name="lines", null=True
    )
    declaration = fields.ForeignKeyField(
        "models.Declaration", related_name="contribution_lines", null=True
    )
    person = fields.ForeignKeyField("models.Person", related_name="contributions")
    unit = fields.ForeignKeyField("models.Unit", related_name="contributions")
    insurance_type = fields.CharEnumField(InsuranceType, max_length=3)
    month = fields.CharField(max_length=6)
    source = fields.CharEnumField(LineSource, max_length=12)
    base = fields.DecimalField(max_digits=12, decimal_places=2)
    unit_rate = fields.DecimalField(max_digits=7, decimal_places=5)
    individual_rate = fields.DecimalField(max_digits=7, decimal_places=5)
    unit_amount = fields.DecimalField(max_digits=12, decimal_places=2)
    individual_amount = fields.DecimalField(max_digits=12, decimal_places=2)
    late_fee = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    paid = fields.BooleanField(default=False)
    refunded = fields.BooleanField(default=False)

    class Meta:
        table = "contribution_line"
        indexes = (
            ("person_id", "insurance_type", "month"),
            ("unit_id", "month"),
        )


class Refund(Model):
    """退收: the individual pension part of a paid month after a suspension."""

    id = fields.IntField(pk=True)
    declaration = fields.ForeignKeyField("models.Declaration", related_name="refunds")
    line = fields.ForeignKeyField("models.ContributionLine", related_name="refunds")
    person = fields.ForeignKeyField("models.Person", related_name="refunds")
    unit = fields.ForeignKeyField("models.Unit", related_name="refunds")
    month = fields.CharField(max_length=6)
    base = fields.DecimalField(max_digits=12, decimal_places=2)
    individual_amount = fields.DecimalField(max_digits=12, decimal_places=2)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "refund"


class YearlyBase(Model):
    """缴费基数核定: a person's base for one insurance type and year in a unit.

    Set when an annual wage declaration is approved. Settlements of that
    year use it in place of the base on the insurance record.
    """

    id = fields.IntField(pk=True)
    person = fields.ForeignKeyField("models.Person", related_name="yearly_bases")
    unit = fields.ForeignKeyField("models.Unit", related_name="yearly_bases")
    insurance_type = fields.CharEnumField(InsuranceType, max_length=3)
    year = fields.SmallIntField()
    base = fields.DecimalField(max_digits=12, decimal_places=2)
    declaration = fields.ForeignKeyField(
        "models.Declaration", related_name="yearly_bases", null=True
    )

    class Meta:
        table = "yearly_base"
        unique_together = (("person", "unit", "insurance_type", "year"),)

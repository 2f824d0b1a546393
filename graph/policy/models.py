from tortoise import fields
from tortoise.models import Model

from graph.insurance.codes import InsuranceType


class PolicyParameter(Model):
    """政策参数: contribution base limits of one region and type for a period.

    ``valid_to`` is inclusive, and ``None`` means open-ended. ``is_sample`` marks
    values shipped for demonstration, which are not official figures.
    """

    id = fields.IntField(pk=True)
    region = fields.ForeignKeyField("models.Region", related_name="policy_parameters")
    insurance_type = fields.CharEnumField(InsuranceType, max_length=3)
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)
    base_floor = fields.DecimalField(max_digits=12, decimal_places=2)
    base_ceiling = fields.DecimalField(max_digits=12, decimal_places=2)
    # Work injury insurance takes its unit rate from WorkInjuryRate instead.
    unit_rate = fields.DecimalField(max_digits=7, decimal_places=5, default=0)
    individual_rate = fields.DecimalField(max_digits=7, decimal_places=5, default=0)
    is_sample = fields.BooleanField(default=False)

    class Meta:
        table = "policy_parameter"
        indexes = (("region_id", "insurance_type", "valid_from"),)


class WorkInjuryRate(Model):
    """工伤保险费率: the unit rate for an industry risk class and a rate grade."""

    id = fields.IntField(pk=True)
    region = fields.ForeignKeyField("models.Region", related_name="work_injury_rates")
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)
    risk_class = fields.SmallIntField()
    rate_grade = fields.SmallIntField()
    rate = fields.DecimalField(max_digits=7, decimal_places=5)
    is_sample = fields.BooleanField(default=False)

    class Meta:
        table = "work_injury_rate"
        indexes = (("region_id", "valid_from"),)


class FundParameter(Model):
    """基金参数: the yearly crediting interest rate and the daily late-fee rate."""

    id = fields.IntField(pk=True)
    region = fields.ForeignKeyField("models.Region", related_name="fund_parameters")
    valid_from = fields.DateField()
    valid_to = fields.DateField(null=True)
    crediting_rate = fields.DecimalField(max_digits=7, decimal_places=5)
    late_fee_daily_rate = fields.DecimalField(max_digits=8, decimal_places=6)
    is_sample = fields.BooleanField(default=False)

    class Meta:
        table = "fund_parameter"
        indexes = (("region_id", "valid_from"),)

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
    is_sample = fields.BooleanField(default=False)

    class Meta:
        table = "policy_parameter"
        indexes = (("region_id", "insurance_type", "valid_from"),)

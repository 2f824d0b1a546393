from tortoise import fields
from tortoise.models import Model


class Unit(Model):
    """参保单位 (insured employer)."""

    id = fields.IntField(pk=True)
    number = fields.CharField(max_length=20, unique=True)
    credit_code = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=100)
    nature = fields.CharField(max_length=40)
    region = fields.ForeignKeyField("models.Region", related_name="units")
    risk_class = fields.SmallIntField()
    rate_grade = fields.SmallIntField()
    legal_representative = fields.CharField(max_length=50)

    contact_name = fields.CharField(max_length=50, default="")
    contact_phone = fields.CharField(max_length=30, default="")
    contact_mobile = fields.CharField(max_length=20, default="")
    contact_id_type = fields.CharField(max_length=20, default="")
    contact_id_number = fields.CharField(max_length=30, default="")
    email = fields.CharField(max_length=100, default="")
    postcode = fields.CharField(max_length=6, default="")
    address = fields.CharField(max_length=200, default="")

    bank_code = fields.CharField(max_length=20, default="")
    bank_name = fields.CharField(max_length=100, default="")
    bank_kind = fields.CharField(max_length=40, default="")
    bank_account = fields.CharField(max_length=40, default="")
    bank_account_name = fields.CharField(max_length=100, default="")

    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "unit"

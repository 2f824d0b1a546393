from tortoise import fields
from tortoise.models import Model


class Certificate(Model):
    """参保证明: one issued certificate, found again by its verification code.

    ``data`` keeps what the PDF printed (unit name, and per person the name,
    ID number, insurance types, first enrollment month, months paid and
    status), so verification shows the certificate as issued even after the
    records change.
    """

    id = fields.IntField(pk=True)
    code = fields.CharField(max_length=32, unique=True)
    unit = fields.ForeignKeyField("models.Unit", related_name="certificates")
    issued_by = fields.ForeignKeyField(
        "models.Account", related_name="issued_certificates"
    )
    issued_on = fields.DateField()
    issued_at = fields.DatetimeField(auto_now_add=True)
    data = fields.JSONField()
    stored_path = fields.CharField(max_length=300)

    class Meta:
        table = "certificate"

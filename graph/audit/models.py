from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """审计日志: who did what, for which unit, under which authorization."""

    id = fields.BigIntField(pk=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    action = fields.CharField(max_length=50)
    account = fields.ForeignKeyField("models.Account", related_name="audit", null=True)
    username = fields.CharField(max_length=50, default="")
    unit = fields.ForeignKeyField("models.Unit", related_name="audit", null=True)
    authorization = fields.CharField(max_length=30, default="")
    target_type = fields.CharField(max_length=30, default="")
    target_id = fields.CharField(max_length=40, default="")
    detail = fields.JSONField(default=dict)

    class Meta:
        table = "audit_entry"

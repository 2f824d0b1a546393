from tortoise import fields
from tortoise.models import Model

from graph.batch.codes import ImportKind, ImportStatus


class ImportBatch(Model):
    """An uploaded workbook and its checked rows, waiting for the clerk's word.

    ``rows`` holds, per data row, its number, its cells as shown, its
    problems and, for valid rows, the clean request. Confirming reads the
    requests from here and checks them again against the database.
    """

    id = fields.UUIDField(pk=True)
    unit = fields.ForeignKeyField("models.Unit", related_name="import_batches")
    kind = fields.CharEnumField(ImportKind, max_length=10)
    status = fields.CharEnumField(ImportStatus, max_length=12)
    file_name = fields.CharField(max_length=200)
    stored_path = fields.CharField(max_length=300)
    file_size = fields.IntField(default=0)
    sheet_name = fields.CharField(max_length=100, default="")
    header_row = fields.IntField(default=0)
    headers = fields.JSONField(default=list)
    total_rows = fields.IntField(default=0)
    processed_rows = fields.IntField(default=0)
    valid_count = fields.IntField(default=0)
    invalid_count = fields.IntField(default=0)
    rows = fields.JSONField(default=list)
    declaration_count = fields.IntField(default=0)
    created_by = fields.ForeignKeyField("models.Account", related_name="imports")
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    confirmed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "import_batch"
        indexes = (("unit_id", "created_at"),)

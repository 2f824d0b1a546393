from tortoise import fields
from tortoise.models import Model

from graph.declaration.codes import DeclarationKind, DeclarationStatus, MaterialKind


class Declaration(Model):
    """申报: a change a unit requests, applied only when a reviewer approves it.

    ``data`` keeps the request as submitted (ID number, name, computed base and
    insurance types), so the reviewer and the personnel-change query see what
    was requested even before the person exists.
    """

    id = fields.IntField(pk=True)
    kind = fields.CharEnumField(DeclarationKind, max_length=20)
    status = fields.CharEnumField(
        DeclarationStatus, max_length=10, default=DeclarationStatus.PENDING
    )
    unit = fields.ForeignKeyField("models.Unit", related_name="declarations")
    region = fields.ForeignKeyField("models.Region", related_name="declarations")
    person = fields.ForeignKeyField(
        "models.Person", related_name="declarations", null=True
    )
    ssn = fields.CharField(max_length=18, db_index=True)
    person_name = fields.CharField(max_length=50)
    business_date = fields.DateField()
    # Comma-joined codes and the identity, kept as columns so that the
    # personnel-change query can filter on them in SQL.
    insurance_types = fields.CharField(max_length=20, default="")
    identity = fields.CharField(max_length=20, default="")
    settlement_month = fields.CharField(max_length=6)
    data = fields.JSONField()
    submitted_by = fields.ForeignKeyField(
        "models.Account", related_name="submitted_declarations"
    )
    submitted_as = fields.CharField(max_length=30)
    submitted_at = fields.DatetimeField(auto_now_add=True)
    reviewer = fields.ForeignKeyField(
        "models.Account", related_name="reviewed_declarations", null=True
    )
    reviewed_at = fields.DatetimeField(null=True)
    review_comment = fields.CharField(max_length=500, default="")
    # Set when the declaration came from a confirmed batch import.
    batch = fields.ForeignKeyField(
        "models.ImportBatch", related_name="declarations", null=True
    )

    class Meta:
        table = "declaration"
        indexes = (
            ("unit_id", "status"),
            ("region_id", "status"),
            ("kind", "business_date"),
        )


class DeclarationMaterial(Model):
    """申报材料: one uploaded document, kept under uploads/.

    A material uploaded on its own with uploadMaterial has no declaration
    until a submission names its id. ``unit`` and ``declaration_kind`` record
    which unit uploaded it and for which business, so a submission takes
    only its own unit's files of the right kind.
    """

    id = fields.IntField(pk=True)
    declaration = fields.ForeignKeyField(
        "models.Declaration", related_name="materials", null=True
    )
    unit = fields.ForeignKeyField("models.Unit", related_name="materials", null=True)
    declaration_kind = fields.CharEnumField(DeclarationKind, max_length=20, null=True)
    uploaded_by = fields.ForeignKeyField(
        "models.Account", related_name="uploaded_materials", null=True
    )
    kind = fields.CharEnumField(MaterialKind, max_length=30)
    file_name = fields.CharField(max_length=200)
    stored_path = fields.CharField(max_length=300)
    content_type = fields.CharField(max_length=100)
    size = fields.IntField()
    uploaded_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "declaration_material"

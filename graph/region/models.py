from tortoise import fields
from tortoise.models import Model


class Region(Model):
    """统筹区 (pooling region), keyed by its administrative division code."""

    code = fields.CharField(pk=True, max_length=6)
    name = fields.CharField(max_length=40)
    city_code = fields.CharField(max_length=6, db_index=True)
    city_name = fields.CharField(max_length=40)

    class Meta:
        table = "region"
        ordering = ("code",)

from tortoise import fields
from tortoise.models import Model

from graph.person.resident_id import Gender

# Tortoise refuses a filter value longer than the column, with an exception,
# so a lookup by a typed-in number first checks that it could be stored.
SSN_LENGTH = 18


def could_be_ssn(value: str) -> bool:
    """Tell whether ``value`` fits the ssn column, so a lookup may run."""
    return len(value) <= SSN_LENGTH


class Person(Model):
    """人员: one insured person, known by the social security number."""

    id = fields.IntField(pk=True)
    ssn = fields.CharField(max_length=SSN_LENGTH, unique=True)
    id_type = fields.CharField(max_length=20, default="RESIDENT_ID")
    name = fields.CharField(max_length=50, db_index=True)
    gender = fields.CharEnumField(Gender, max_length=6)
    birth_date = fields.DateField()
    nationality = fields.CharField(max_length=40, default="中国")
    ethnicity = fields.CharField(max_length=20, default="")
    education = fields.CharField(max_length=20, default="")
    household_type = fields.CharField(max_length=20, default="")
    household_address = fields.CharField(max_length=200, default="")
    mobile = fields.CharField(max_length=20, default="")
    phone = fields.CharField(max_length=30, default="")
    address = fields.CharField(max_length=200, default="")
    email = fields.CharField(max_length=100, default="")
    postcode = fields.CharField(max_length=6, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "person"


class PersonHistory(Model):
    """人员信息变更记录: the values an approved change replaced.

    The person row keeps its id through a change of ID number, so insurance
    records and contributions stay attached. Each row keeps the old and new
    values of the changed fields as JSON objects keyed by field name.
    """

    id = fields.IntField(pk=True)
    person = fields.ForeignKeyField("models.Person", related_name="history")
    declaration = fields.ForeignKeyField(
        "models.Declaration", related_name="person_history"
    )
    before = fields.JSONField()
    after = fields.JSONField()
    changed_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "person_history"

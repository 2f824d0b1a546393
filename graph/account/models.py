from tortoise import fields
from tortoise.models import Model

from graph.account.roles import AccountKind, MembershipRole


class Account(Model):
    """A real-name login: unit staff or agency reviewer."""

    id = fields.IntField(pk=True)
    username = fields.CharField(max_length=50, unique=True)
    password_hash = fields.CharField(max_length=200)
    display_name = fields.CharField(max_length=50)
    # Real-name identity, used to match an authorization to its operator.
    id_number = fields.CharField(max_length=18, default="", db_index=True)
    mobile = fields.CharField(max_length=20, default="")
    # PIN of the mini-program wallet, for licences authorized to this account.
    pin_hash = fields.CharField(max_length=200, default="")
    kind = fields.CharEnumField(AccountKind, max_length=20)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "account"


class UnitMembership(Model):
    """The right of an account to act for one unit."""

    id = fields.IntField(pk=True)
    account = fields.ForeignKeyField("models.Account", related_name="memberships")
    unit = fields.ForeignKeyField("models.Unit", related_name="memberships")
    role = fields.CharEnumField(MembershipRole, max_length=30)
    is_active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "unit_membership"
        unique_together = (("account", "unit"),)


class ReviewerRegion(Model):
    """A pooling region whose declarations a reviewer may review."""

    id = fields.IntField(pk=True)
    account = fields.ForeignKeyField("models.Account", related_name="review_regions")
    region = fields.ForeignKeyField("models.Region", related_name="reviewers")

    class Meta:
        table = "reviewer_region"
        unique_together = (("account", "region"),)


class LoginSession(Model):
    """One issued token, which logout or removal ends before its expiry."""

    id = fields.UUIDField(pk=True)
    account = fields.ForeignKeyField("models.Account", related_name="sessions")
    unit = fields.ForeignKeyField("models.Unit", related_name="sessions", null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    ended_at = fields.DatetimeField(null=True)
    # PASSWORD, BUSINESS_LICENCE or DIGITAL_CERTIFICATE.
    method = fields.CharField(max_length=30, default="PASSWORD")

    class Meta:
        table = "login_session"

from tortoise import fields
from tortoise.models import Model

from graph.authz.codes import (
    AuthorizationScope,
    BusinessType,
    CredentialKind,
    GrantStatus,
    TicketStatus,
)


class Grant(Model):
    """授权: the right of an operator to act for a unit, with scope and validity.

    The operator is named by name, ID number and mobile. ``grantee`` links the
    account with that ID number once it exists. ``business_types`` contains
    comma-joined ``BusinessType`` codes and is empty for a full authorization.
    """

    id = fields.IntField(pk=True)
    unit = fields.ForeignKeyField("models.Unit", related_name="grants")
    grantee = fields.ForeignKeyField("models.Account", related_name="grants", null=True)
    grantee_name = fields.CharField(max_length=50)
    grantee_id_number = fields.CharField(max_length=18, db_index=True)
    grantee_mobile = fields.CharField(max_length=20)
    scope = fields.CharEnumField(AuthorizationScope, max_length=10)
    business_types = fields.CharField(max_length=200, default="")
    valid_from = fields.DateField()
    valid_to = fields.DateField()
    credential_kind = fields.CharEnumField(
        CredentialKind, max_length=30, default=CredentialKind.BUSINESS_LICENCE
    )
    status = fields.CharEnumField(GrantStatus, max_length=10)
    granted_by = fields.ForeignKeyField(
        "models.Account", related_name="grants_given", null=True
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    decided_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    @property
    def business_type_set(self) -> frozenset[BusinessType] | None:
        """Return the types the grant covers, or None for a full authorization."""
        if self.scope is AuthorizationScope.FULL:
            return None
        codes = self.business_types.split(",")
        return frozenset(BusinessType(code) for code in codes if code)

    class Meta:
        table = "authorization_grant"
        indexes = (("unit_id", "grantee_id", "status"),)


class Licence(Model):
    """电子营业执照 or 数字法人证书 of a unit, held by its legal representative.

    The holder unlocks it in the mini-program with the licence PIN.
    """

    id = fields.IntField(pk=True)
    unit = fields.ForeignKeyField("models.Unit", related_name="licences")
    kind = fields.CharEnumField(CredentialKind, max_length=30)
    holder = fields.ForeignKeyField("models.Account", related_name="licences")
    pin_hash = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "licence"
        unique_together = (("unit", "kind"),)


class LoginTicket(Model):
    """扫码登录 ticket: shown by the portal as a QR code, confirmed in the app.

    Only the SHA-256 of the portal's secret is kept, so the QR code (which
    carries the ticket alone) cannot collect the token.
    """

    id = fields.IntField(pk=True)
    ticket = fields.CharField(max_length=64, unique=True)
    secret_hash = fields.CharField(max_length=64)
    status = fields.CharEnumField(TicketStatus, max_length=10)
    system_name = fields.CharField(max_length=50)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    scanned_by = fields.ForeignKeyField(
        "models.Account", related_name="scanned_tickets", null=True
    )
    unit = fields.ForeignKeyField(
        "models.Unit", related_name="login_tickets", null=True
    )
    credential_kind = fields.CharEnumField(CredentialKind, max_length=30, null=True)
    collected_at = fields.DatetimeField(null=True)

    class Meta:
        table = "login_ticket"

from tortoise import migrations
from tortoise.migrations import operations as ops
from graph.authz.codes import CredentialKind, TicketStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_authorization_grants')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Licence',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='licences', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='BUSINESS_LICENCE: BUSINESS_LICENCE\nDIGITAL_CERTIFICATE: DIGITAL_CERTIFICATE', enum_type=CredentialKind, max_length=30)),
                ('holder', fields.ForeignKeyField('models.Account', source_field='holder_id', db_constraint=True, to_field='id', related_name='licences', on_delete=OnDelete.CASCADE)),
                ('pin_hash', fields.CharField(max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'licence', 'app': 'models', 'unique_together': (('unit', 'kind'),), 'pk_attr': 'id', 'table_description': '电子营业执照 or 数字法人证书 of a unit, held by its legal representative.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LoginTicket',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ticket', fields.CharField(unique=True, max_length=64)),
                ('secret_hash', fields.CharField(max_length=64)),
                ('status', fields.CharEnumField(description='WAITING: WAITING\nSCANNED: SCANNED\nCONFIRMED: CONFIRMED\nCANCELLED: CANCELLED\nEXPIRED: EXPIRED', enum_type=TicketStatus, max_length=10)),
                ('system_name', fields.CharField(max_length=50)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('scanned_by', fields.ForeignKeyField('models.Account', source_field='scanned_by_id', null=True, db_constraint=True, to_field='id', related_name='scanned_tickets', on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='login_tickets', on_delete=OnDelete.CASCADE)),
                ('credential_kind', fields.CharEnumField(null=True, description='BUSINESS_LICENCE: BUSINESS_LICENCE\nDIGITAL_CERTIFICATE: DIGITAL_CERTIFICATE', enum_type=CredentialKind, max_length=30)),
                ('collected_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'login_ticket', 'app': 'models', 'pk_attr': 'id', 'table_description': '扫码登录 ticket: shown by the portal as a QR code, confirmed in the app.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Account',
            name='pin_hash',
            field=fields.CharField(default='', max_length=200),
        ),
        ops.AddField(
            model_name='LoginSession',
            name='method',
            field=fields.CharField(default='PASSWORD', max_length=30),
        ),
    ]

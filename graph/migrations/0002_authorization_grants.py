from tortoise import migrations
from tortoise.migrations import operations as ops
from graph.authz.codes import AuthorizationScope, CredentialKind, GrantStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Grant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='grants', on_delete=OnDelete.CASCADE)),
                ('grantee', fields.ForeignKeyField('models.Account', source_field='grantee_id', null=True, db_constraint=True, to_field='id', related_name='grants', on_delete=OnDelete.CASCADE)),
                ('grantee_name', fields.CharField(max_length=50)),
                ('grantee_id_number', fields.CharField(db_index=True, max_length=18)),
                ('grantee_mobile', fields.CharField(max_length=20)),
                ('scope', fields.CharEnumField(description='FULL: FULL\nPRECISE: PRECISE', enum_type=AuthorizationScope, max_length=10)),
                ('business_types', fields.CharField(default='', max_length=200)),
                ('valid_from', fields.DateField()),
                ('valid_to', fields.DateField()),
                ('credential_kind', fields.CharEnumField(default=CredentialKind.BUSINESS_LICENCE, description='BUSINESS_LICENCE: BUSINESS_LICENCE\nDIGITAL_CERTIFICATE: DIGITAL_CERTIFICATE', enum_type=CredentialKind, max_length=30)),
                ('status', fields.CharEnumField(description='REQUESTED: REQUESTED\nACTIVE: ACTIVE\nREJECTED: REJECTED\nREVOKED: REVOKED', enum_type=GrantStatus, max_length=10)),
                ('granted_by', fields.ForeignKeyField('models.Account', source_field='granted_by_id', null=True, db_constraint=True, to_field='id', related_name='grants_given', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('decided_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'authorization_grant', 'app': 'models', 'indexes': [Index(fields=['unit_id', 'grantee_id', 'status'])], 'pk_attr': 'id', 'table_description': '授权: the right of an operator to act for a unit, with scope and validity.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Account',
            name='id_number',
            field=fields.CharField(default='', db_index=True, max_length=18),
        ),
        ops.AddField(
            model_name='Account',
            name='mobile',
            field=fields.CharField(default='', max_length=20),
        ),
    ]

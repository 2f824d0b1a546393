from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from graph.batch.codes import ImportKind, ImportStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0004_licence_administrators')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='import_batches', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='ENROLL: ENROLL\nSUSPEND: SUSPEND', enum_type=ImportKind, max_length=10)),
                ('status', fields.CharEnumField(description='READING: READING\nPREVIEWED: PREVIEWED\nCONFIRMING: CONFIRMING\nCONFIRMED: CONFIRMED\nFAILED: FAILED', enum_type=ImportStatus, max_length=12)),
                ('file_name', fields.CharField(max_length=200)),
                ('stored_path', fields.CharField(max_length=300)),
                ('file_size', fields.IntField(default=0)),
                ('sheet_name', fields.CharField(default='', max_length=100)),
                ('header_row', fields.IntField(default=0)),
                ('headers', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('total_rows', fields.IntField(default=0)),
                ('processed_rows', fields.IntField(default=0)),
                ('valid_count', fields.IntField(default=0)),
                ('invalid_count', fields.IntField(default=0)),
                ('rows', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('declaration_count', fields.IntField(default=0)),
                ('created_by', fields.ForeignKeyField('models.Account', source_field='created_by_id', db_constraint=True, to_field='id', related_name='imports', on_delete=OnDelete.CASCADE)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'import_batch', 'app': 'models', 'indexes': [Index(fields=['unit_id', 'created_at'])], 'pk_attr': 'id', 'table_description': "An uploaded workbook and its checked rows, waiting for the clerk's word."},
            bases=['Model'],
        ),
        ops.AlterModelOptions(
            name='Declaration',
            options={'table': 'declaration', 'app': 'models', 'indexes': [Index(fields=['unit_id', 'status']), Index(fields=['region_id', 'status']), Index(fields=['kind', 'business_date'])], 'pk_attr': 'id', 'table_description': '申报: a change a unit requests, applied only when a reviewer approves it.'},
        ),
        ops.AddField(
            model_name='Declaration',
            name='batch',
            field=fields.ForeignKeyField('models.ImportBatch', source_field='batch_id', null=True, db_constraint=True, to_field='id', related_name='declarations', on_delete=OnDelete.CASCADE),
        ),
    ]

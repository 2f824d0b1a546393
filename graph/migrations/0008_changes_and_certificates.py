from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from graph.declaration.codes import DeclarationKind, MaterialKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0007_settlement_sample_flag')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Certificate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=32)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='certificates', on_delete=OnDelete.CASCADE)),
                ('issued_by', fields.ForeignKeyField('models.Account', source_field='issued_by_id', db_constraint=True, to_field='id', related_name='issued_certificates', on_delete=OnDelete.CASCADE)),
                ('issued_on', fields.DateField()),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('data', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('stored_path', fields.CharField(max_length=300)),
            ],
            options={'table': 'certificate', 'app': 'models', 'pk_attr': 'id', 'table_description': '参保证明: one issued certificate, found again by its verification code.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PersonHistory',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='history', on_delete=OnDelete.CASCADE)),
                ('declaration', fields.ForeignKeyField('models.Declaration', source_field='declaration_id', db_constraint=True, to_field='id', related_name='person_history', on_delete=OnDelete.CASCADE)),
                ('before', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('after', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('changed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'person_history', 'app': 'models', 'pk_attr': 'id', 'table_description': '人员信息变更记录: the values an approved change replaced.'},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Declaration',
            name='kind',
            field=fields.CharEnumField(description='ENROLLMENT: ENROLLMENT\nREENROLLMENT: REENROLLMENT\nSUSPENSION: SUSPENSION\nBACK_PAYMENT: BACK_PAYMENT\nANNUAL_WAGE: ANNUAL_WAGE\nPERSON_CHANGE: PERSON_CHANGE\nUNIT_CHANGE: UNIT_CHANGE\nINSURANCE_TYPE_ADD: INSURANCE_TYPE_ADD', enum_type=DeclarationKind, max_length=20),
        ),
        ops.AlterModelOptions(
            name='DeclarationMaterial',
            options={'table': 'declaration_material', 'app': 'models', 'pk_attr': 'id', 'table_description': '申报材料: one uploaded document, kept under uploads/.'},
        ),
        ops.AlterField(
            model_name='DeclarationMaterial',
            name='declaration',
            field=fields.ForeignKeyField('models.Declaration', source_field='declaration_id', null=True, db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE),
        ),
        ops.AlterField(
            model_name='DeclarationMaterial',
            name='kind',
            field=fields.CharEnumField(description='BACK_PAYMENT_FORM: BACK_PAYMENT_FORM\nCOURT_JUDGMENT: COURT_JUDGMENT\nADMINISTRATIVE_DECISION: ADMINISTRATIVE_DECISION\nLABOUR_CONTRACT: LABOUR_CONTRACT\nWAGE_PROOF: WAGE_PROOF\nWAGE_SUMMARY: WAGE_SUMMARY\nCHANGE_FORM: CHANGE_FORM\nUNIT_CHANGE_FORM: UNIT_CHANGE_FORM', enum_type=MaterialKind, max_length=30),
        ),
        ops.AddField(
            model_name='DeclarationMaterial',
            name='declaration_kind',
            field=fields.CharEnumField(null=True, description='ENROLLMENT: ENROLLMENT\nREENROLLMENT: REENROLLMENT\nSUSPENSION: SUSPENSION\nBACK_PAYMENT: BACK_PAYMENT\nANNUAL_WAGE: ANNUAL_WAGE\nPERSON_CHANGE: PERSON_CHANGE\nUNIT_CHANGE: UNIT_CHANGE\nINSURANCE_TYPE_ADD: INSURANCE_TYPE_ADD', enum_type=DeclarationKind, max_length=20),
        ),
        ops.AddField(
            model_name='DeclarationMaterial',
            name='unit',
            field=fields.ForeignKeyField('models.Unit', source_field='unit_id', null=True, db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='DeclarationMaterial',
            name='uploaded_by',
            field=fields.ForeignKeyField('models.Account', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='uploaded_materials', on_delete=OnDelete.CASCADE),
        ),
    ]

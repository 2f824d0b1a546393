from tortoise import migrations
from tortoise.migrations import operations as ops
from graph.contribution.codes import LineSource, SettlementStatus
from graph.declaration.codes import DeclarationKind, MaterialKind
from graph.insurance.codes import InsuranceType
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_batch_imports')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DeclarationMaterial',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('declaration', fields.ForeignKeyField('models.Declaration', source_field='declaration_id', db_constraint=True, to_field='id', related_name='materials', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='BACK_PAYMENT_FORM: BACK_PAYMENT_FORM\nCOURT_JUDGMENT: COURT_JUDGMENT\nADMINISTRATIVE_DECISION: ADMINISTRATIVE_DECISION\nLABOUR_CONTRACT: LABOUR_CONTRACT\nWAGE_PROOF: WAGE_PROOF\nWAGE_SUMMARY: WAGE_SUMMARY', enum_type=MaterialKind, max_length=30)),
                ('file_name', fields.CharField(max_length=200)),
                ('stored_path', fields.CharField(max_length=300)),
                ('content_type', fields.CharField(max_length=100)),
                ('size', fields.IntField()),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'declaration_material', 'app': 'models', 'pk_attr': 'id', 'table_description': '申报材料: one uploaded document of a declaration, kept under uploads/.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FundParameter',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='fund_parameters', on_delete=OnDelete.CASCADE)),
                ('valid_from', fields.DateField()),
                ('valid_to', fields.DateField(null=True)),
                ('crediting_rate', fields.DecimalField(max_digits=7, decimal_places=5)),
                ('late_fee_daily_rate', fields.DecimalField(max_digits=8, decimal_places=6)),
                ('is_sample', fields.BooleanField(default=False)),
            ],
            options={'table': 'fund_parameter', 'app': 'models', 'indexes': [Index(fields=['region_id', 'valid_from'])], 'pk_attr': 'id', 'table_description': '基金参数: the yearly crediting interest rate and the daily late-fee rate.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Settlement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='settlements', on_delete=OnDelete.CASCADE)),
                ('month', fields.CharField(max_length=6)),
                ('insurance_type', fields.CharEnumField(description='PENSION: 110\nUNEMPLOYMENT: 210\nWORK_INJURY: 410', enum_type=InsuranceType, max_length=3)),
                ('status', fields.CharEnumField(description='UNPAID: UNPAID\nPAID: PAID', enum_type=SettlementStatus, max_length=6)),
                ('person_count', fields.IntField(default=0)),
                ('base_total', fields.DecimalField(default=0, max_digits=16, decimal_places=2)),
                ('unit_total', fields.DecimalField(default=0, max_digits=16, decimal_places=2)),
                ('individual_total', fields.DecimalField(default=0, max_digits=16, decimal_places=2)),
                ('total', fields.DecimalField(default=0, max_digits=16, decimal_places=2)),
                ('generated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('generated_by', fields.ForeignKeyField('models.Account', source_field='generated_by_id', null=True, db_constraint=True, to_field='id', related_name='settlements', on_delete=OnDelete.CASCADE)),
                ('paid_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('payment_reference', fields.CharField(default='', max_length=60)),
            ],
            options={'table': 'settlement', 'app': 'models', 'unique_together': (('unit', 'month', 'insurance_type'),), 'pk_attr': 'id', 'table_description': '结算: what a unit owes for one insurance type and one month.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ContributionLine',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('settlement', fields.ForeignKeyField('models.Settlement', source_field='settlement_id', null=True, db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('declaration', fields.ForeignKeyField('models.Declaration', source_field='declaration_id', null=True, db_constraint=True, to_field='id', related_name='contribution_lines', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='contributions', on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='contributions', on_delete=OnDelete.CASCADE)),
                ('insurance_type', fields.CharEnumField(description='PENSION: 110\nUNEMPLOYMENT: 210\nWORK_INJURY: 410', enum_type=InsuranceType, max_length=3)),
                ('month', fields.CharField(max_length=6)),
                ('source', fields.CharEnumField(description='SETTLEMENT: SETTLEMENT\nBACK_PAYMENT: BACK_PAYMENT', enum_type=LineSource, max_length=12)),
                ('base', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('unit_rate', fields.DecimalField(max_digits=7, decimal_places=5)),
                ('individual_rate', fields.DecimalField(max_digits=7, decimal_places=5)),
                ('unit_amount', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('individual_amount', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('late_fee', fields.DecimalField(default=0, max_digits=12, decimal_places=2)),
                ('paid', fields.BooleanField(default=False)),
                ('refunded', fields.BooleanField(default=False)),
            ],
            options={'table': 'contribution_line', 'app': 'models', 'indexes': [Index(fields=['person_id', 'insurance_type', 'month']), Index(fields=['unit_id', 'month'])], 'pk_attr': 'id', 'table_description': "缴费明细: one person's contribution of one insurance type for one month."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Refund',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('declaration', fields.ForeignKeyField('models.Declaration', source_field='declaration_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('line', fields.ForeignKeyField('models.ContributionLine', source_field='line_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='refunds', on_delete=OnDelete.CASCADE)),
                ('month', fields.CharField(max_length=6)),
                ('base', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('individual_amount', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'refund', 'app': 'models', 'pk_attr': 'id', 'table_description': '退收: the individual pension part of a paid month after a suspension.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkInjuryRate',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('region', fields.ForeignKeyField('models.Region', source_field='region_id', db_constraint=True, to_field='code', related_name='work_injury_rates', on_delete=OnDelete.CASCADE)),
                ('valid_from', fields.DateField()),
                ('valid_to', fields.DateField(null=True)),
                ('risk_class', fields.SmallIntField()),
                ('rate_grade', fields.SmallIntField()),
                ('rate', fields.DecimalField(max_digits=7, decimal_places=5)),
                ('is_sample', fields.BooleanField(default=False)),
            ],
            options={'table': 'work_injury_rate', 'app': 'models', 'indexes': [Index(fields=['region_id', 'valid_from'])], 'pk_attr': 'id', 'table_description': '工伤保险费率: the unit rate for an industry risk class and a rate grade.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='YearlyBase',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='yearly_bases', on_delete=OnDelete.CASCADE)),
                ('unit', fields.ForeignKeyField('models.Unit', source_field='unit_id', db_constraint=True, to_field='id', related_name='yearly_bases', on_delete=OnDelete.CASCADE)),
                ('insurance_type', fields.CharEnumField(description='PENSION: 110\nUNEMPLOYMENT: 210\nWORK_INJURY: 410', enum_type=InsuranceType, max_length=3)),
                ('year', fields.SmallIntField()),
                ('base', fields.DecimalField(max_digits=12, decimal_places=2)),
                ('declaration', fields.ForeignKeyField('models.Declaration', source_field='declaration_id', null=True, db_constraint=True, to_field='id', related_name='yearly_bases', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'yearly_base', 'app': 'models', 'unique_together': (('person', 'unit', 'insurance_type', 'year'),), 'pk_attr': 'id', 'table_description': "缴费基数核定: a person's base for one insurance type and year in a unit."},
            bases=['Model'],
        ),
        ops.AlterField(
            model_name='Declaration',
            name='kind',
            field=fields.CharEnumField(description='ENROLLMENT: ENROLLMENT\nREENROLLMENT: REENROLLMENT\nSUSPENSION: SUSPENSION\nBACK_PAYMENT: BACK_PAYMENT\nANNUAL_WAGE: ANNUAL_WAGE', enum_type=DeclarationKind, max_length=20),
        ),
        ops.AddField(
            model_name='PolicyParameter',
            name='individual_rate',
            field=fields.DecimalField(default=0, max_digits=7, decimal_places=5),
        ),
        ops.AddField(
            model_name='PolicyParameter',
            name='unit_rate',
            field=fields.DecimalField(default=0, max_digits=7, decimal_places=5),
        ),
    ]

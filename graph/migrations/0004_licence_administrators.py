from tortoise import migrations
from tortoise.migrations import operations as ops
from graph.account.roles import MembershipRole
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0003_scan_login')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='UnitMembership',
            name='role',
            field=fields.CharEnumField(description='LEGAL_REPRESENTATIVE: LEGAL_REPRESENTATIVE\nOPERATOR: OPERATOR\nLICENCE_ADMINISTRATOR: LICENCE_ADMINISTRATOR', enum_type=MembershipRole, max_length=30),
        ),
    ]

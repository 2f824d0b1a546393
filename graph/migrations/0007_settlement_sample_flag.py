from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_contributions')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Settlement',
            name='rates_are_samples',
            field=fields.BooleanField(default=False),
        ),
    ]

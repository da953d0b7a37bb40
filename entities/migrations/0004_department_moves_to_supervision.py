"""Entities let go of the department (state only; the table is the kernel's now).

The model can leave the state only once no app's state points at it any more, hence the
dependencies on the other apps' own moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_department_moves_to_supervision"),
        ("entities", "0003_entrustment"),
        ("personnel", "0003_department_moves_to_supervision"),
        ("supervision", "0003_department"),
        ("training", "0002_department_moves_to_supervision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="enforcemententity",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="entities",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.DeleteModel(name="Department"),
            ],
            database_operations=[],
        ),
    ]

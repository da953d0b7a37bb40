"""Personnel's department keys point at the kernel's department (state only: same table, same rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0002_default_conduct_categories"),
        ("supervision", "0003_department"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="officer",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="officers",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="auxiliarystaff",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="auxiliary_staff",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="officerimport",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

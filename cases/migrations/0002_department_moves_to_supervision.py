"""Cases' department keys point at the kernel's department (state only: same table, same rows)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("supervision", "0003_department"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="majordecisioncategory",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decision_categories",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="majordecision",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="major_decisions",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="casecatalogue",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="case_catalogues",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]

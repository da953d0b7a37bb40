"""Training's department keys point at the kernel's department (state only: same table, same rows).

The through table of ``Course.open_to`` keeps its name and its ``department_id`` column: both come
from the model names, which do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0003_department"),
        ("training", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="trainingplan",
                    name="department",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="training_plans",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="course",
                    name="department",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Department-organised courses only: the department whose officers attend.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="training_courses",
                        to="supervision.department",
                        verbose_name="organising department",
                    ),
                ),
                migrations.AlterField(
                    model_name="course",
                    name="open_to",
                    field=models.ManyToManyField(
                        blank=True,
                        help_text="Centralised courses only: the departments whose officers may attend.",
                        related_name="open_training_courses",
                        to="supervision.department",
                        verbose_name="open to departments",
                    ),
                ),
                migrations.AlterField(
                    model_name="trainingwithholding",
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

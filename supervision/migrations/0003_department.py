"""The department moves from entities into the kernel, in the migration state only.

The table stays ``entities_department`` until 0004 renames it, so no row is copied and every
foreign key keeps pointing at the same rows. The content type is renamed rather than recreated,
so audit entries, admin log entries and permissions about departments keep their record type.
"""

import django.db.models.deletion
from django.db import migrations, models

import supervision.validators


def _move_content_type(apps, schema_editor, *, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    # A content type already at the target (made by hand, or by a run that was interrupted) is
    # left for remove_stale_contenttypes; renaming onto it would break the unique pair.
    if content_types.filter(app_label=target, model="department").exists():
        return
    content_types.filter(app_label=source, model="department").update(app_label=target)
    ContentType.objects.clear_cache()


def content_type_to_supervision(apps, schema_editor):
    _move_content_type(apps, schema_editor, source="entities", target="supervision")


def content_type_to_entities(apps, schema_editor):
    _move_content_type(apps, schema_editor, source="supervision", target="entities")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("entities", "0003_entrustment"),
        ("supervision", "0002_calendar_and_notices"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Department",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "code",
                            models.CharField(
                                help_text="The short code the city uses for the department, e.g. ZJJ.",
                                max_length=20,
                                unique=True,
                                verbose_name="code",
                            ),
                        ),
                        ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                        ("region", models.CharField(max_length=50, verbose_name="region")),
                        (
                            "credit_code",
                            models.CharField(
                                max_length=18,
                                unique=True,
                                validators=[supervision.validators.validate_credit_code],
                                verbose_name="unified social credit code",
                            ),
                        ),
                        (
                            "is_legal_office",
                            models.BooleanField(default=False, verbose_name="is the legal office"),
                        ),
                    ],
                    options={
                        "verbose_name": "department",
                        "verbose_name_plural": "departments",
                        "ordering": ["code"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("is_legal_office", True)),
                                fields=("is_legal_office",),
                                name="one_legal_office",
                                violation_error_message="There is already a legal office.",
                            )
                        ],
                        "db_table": "entities_department",
                    },
                ),
                migrations.AlterField(
                    model_name="user",
                    name="department",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="users",
                        to="supervision.department",
                        verbose_name="department",
                    ),
                ),
                migrations.AlterField(
                    model_name="notice",
                    name="department",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="notices",
                        to="supervision.department",
                        verbose_name="addressee department",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_supervision, content_type_to_entities),
    ]

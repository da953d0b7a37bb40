"""The department's table takes the kernel's name: entities_department → supervision_department.

A rename, not a copy: PostgreSQL's foreign keys follow the table, and SQLite (3.26 or later, with
legacy_alter_table off as Django sets it) rewrites the references in the tables that point at it.
It runs last, once every app's state points at ``supervision.department``.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_department_moves_to_supervision"),
        ("entities", "0004_department_moves_to_supervision"),
        ("personnel", "0003_department_moves_to_supervision"),
        ("supervision", "0003_department"),
        ("training", "0002_department_moves_to_supervision"),
    ]

    operations = [migrations.AlterModelTable(name="department", table=None)]

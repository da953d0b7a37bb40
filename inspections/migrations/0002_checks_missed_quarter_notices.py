"""The overdue notices of a missed quarter, issued before they named its row: their key
"inspection_quarterly:<office>:<year>Q<quarter>" gives the row, whose id they now store."""

from django.db import migrations


def name_the_missed_quarter(apps, schema_editor):
    Notice = apps.get_model("supervision", "Notice")
    MissedQuarter = apps.get_model("inspections", "MissedQuarter")
    rows = {
        f"inspection_quarterly:{office_id}:{year}Q{quarter}": pk
        for pk, office_id, year, quarter in MissedQuarter.objects.values_list(
            "pk", "office_id", "year", "quarter"
        )
    }
    changed = []
    for notice in Notice.objects.filter(
        rule="inspection_quarterly", kind="overdue", object_id__isnull=True
    ).only("pk", "object_key"):
        if notice.object_key in rows:
            notice.object_id = rows[notice.object_key]
            changed.append(notice)
    Notice.objects.bulk_update(changed, ["object_id"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_inspections"),
        ("supervision", "0029_checks_notice_period"),
    ]

    operations = [
        migrations.RunPython(name_the_missed_quarter, migrations.RunPython.noop, elidable=True),
    ]

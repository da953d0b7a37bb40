"""The reason written on each certificate withheld for training becomes a note (``supervision.notes``):
the Chinese text the portal wrote before is turned into the message and its parameters, so an
English reader reads it in English. Text that does not match is left as it is."""

import json
import re

from django.db import migrations

MESSAGE = "Training: fewer than %(hours)s training hours or no passed assessment in %(year)d."
WRITTEN = re.compile(r"^培训未达标：(\d{4})年度培训不足([\d.]+)学时或考核未合格。$")


def as_note(text: str) -> str | None:
    match = WRITTEN.match(text)
    if match is None:
        return None
    year, hours = match.groups()
    params = {"hours": hours, "year": int(year)}
    stored = {"note": MESSAGE, "params": params}
    return json.dumps(stored, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def forwards(apps, schema_editor):
    Certificate = apps.get_model("personnel", "Certificate")
    changed = []
    for certificate in Certificate.objects.filter(status_reason__startswith="培训未达标：").only(
        "pk", "status_reason"
    ):
        note = as_note(certificate.status_reason)
        if note is not None:
            certificate.status_reason = note
            changed.append(certificate)
    Certificate.objects.bulk_update(changed, ["status_reason"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("personnel", "0007_conduct_category_name_en"),
        ("training", "0003_plan_filing_receipt"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

import hashlib

from django.db import migrations, models


def digest_old_codes(apps, schema_editor):
    # The 10-character codes issued before could be found by trying; they are kept only as a
    # digest too, and no longer open anything (the public look-up takes the new 28-character code).
    Objection = apps.get_model("publication", "Objection")
    for objection in Objection.objects.only("pk", "tracking_code"):
        objection.tracking_digest = hashlib.sha256(
            f"legacy:{objection.tracking_code}".encode()
        ).hexdigest()
        objection.save(update_fields=["tracking_digest"])


class Migration(migrations.Migration):
    dependencies = [("publication", "0005_objections")]

    operations = [
        migrations.AddField(
            model_name="objection",
            name="tracking_digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(digest_old_codes, migrations.RunPython.noop),
        migrations.RemoveField(model_name="objection", name="tracking_code"),
        migrations.AlterField(
            model_name="objection",
            name="tracking_digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]

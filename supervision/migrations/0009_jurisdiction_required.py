import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("supervision", "0008_existing_data_in_the_city")]

    operations = [
        migrations.AlterField(
            model_name="department",
            name="jurisdiction",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="supervision.jurisdiction",
                verbose_name="jurisdiction",
            ),
        ),
        migrations.AlterField(
            model_name="notice",
            name="office",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="notices_issued",
                to="supervision.jurisdiction",
                verbose_name="issuing jurisdiction",
            ),
        ),
        migrations.DeleteModel(name="NoticeSequence"),
    ]

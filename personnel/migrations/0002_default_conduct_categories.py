"""The common bad-conduct situations the administrator starts from (editable in the admin)."""

from django.db import migrations

CATEGORIES = [
    "未出示执法证件执法",
    "无执法资格人员单独执法",
    "执法程序违法",
    "适用法律依据错误",
    "滥用自由裁量权",
    "违规收取费用或罚没款",
    "粗暴执法、态度恶劣",
    "不作为、慢作为",
    "泄露当事人信息或执法秘密",
    "其他不良执法行为",
]


def add_categories(apps, schema_editor):
    ConductCategory = apps.get_model("personnel", "ConductCategory")
    for position, name in enumerate(CATEGORIES, start=1):
        ConductCategory.objects.get_or_create(name=name, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("personnel", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]

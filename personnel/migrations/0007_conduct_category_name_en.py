from django.db import migrations, models

ENGLISH = {
    "未出示执法证件执法": "Enforcing without showing the enforcement certificate",
    "无执法资格人员单独执法": "Enforcement alone by a person without enforcement qualification",
    "执法程序违法": "Unlawful enforcement procedure",
    "适用法律依据错误": "Wrong legal basis applied",
    "滥用自由裁量权": "Abuse of discretion",
    "违规收取费用或罚没款": "Fees, fines or confiscations collected against the rules",
    "粗暴执法、态度恶劣": "Rough enforcement or abusive manner",
    "不作为、慢作为": "Failure or delay to act",
    "泄露当事人信息或执法秘密": "Disclosure of a party's information or of enforcement secrets",
    "其他不良执法行为": "Other bad enforcement conduct",
}


def name_the_defaults_in_english(apps, schema_editor):
    ConductCategory = apps.get_model("personnel", "ConductCategory")
    for name, english in ENGLISH.items():
        ConductCategory.objects.filter(name=name, name_en="").update(name_en=english)


class Migration(migrations.Migration):
    dependencies = [("personnel", "0006_officer_photo")]

    operations = [
        migrations.AddField(
            model_name="conductcategory",
            name="name_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="name in English"),
        ),
        migrations.RunPython(name_the_defaults_in_english, migrations.RunPython.noop),
    ]

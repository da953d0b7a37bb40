"""Everything the portal held before it knew levels of government belongs to the city: its
departments, users, notices (and their number sequences) and audit trail."""

from django.conf import settings
from django.db import migrations


def into_the_city(apps, schema_editor):
    Jurisdiction = apps.get_model("supervision", "Jurisdiction")
    city = Jurisdiction.objects.filter(parent__isnull=True).first()
    if city is None:
        code = settings.PORTAL_JURISDICTION_CODE
        city = Jurisdiction.objects.create(
            code=code,
            name=settings.PORTAL_JURISDICTION_NAME,
            path=f"{code}/",
            office_name=settings.PORTAL_OFFICE_NAME,
            number_prefix=settings.NOTICE_NUMBER_PREFIX,
            seal_text=settings.PORTAL_OFFICE_NAME,
        )
    apps.get_model("supervision", "Department").objects.filter(jurisdiction__isnull=True).update(
        jurisdiction=city
    )
    User = apps.get_model("supervision", "User")
    Department = apps.get_model("supervision", "Department")
    for department in Department.objects.all():
        User.objects.filter(department=department).update(jurisdiction=department.jurisdiction_id)
    User.objects.filter(department__isnull=True, jurisdiction__isnull=True).exclude(
        role="admin"
    ).update(jurisdiction=city)
    apps.get_model("supervision", "Notice").objects.filter(office__isnull=True).update(
        office=city, seal_text=city.seal_text
    )
    apps.get_model("supervision", "AuditEntry").objects.filter(jurisdiction__isnull=True).update(
        jurisdiction=city
    )
    DocumentSequence = apps.get_model("supervision", "DocumentSequence")
    for sequence in apps.get_model("supervision", "NoticeSequence").objects.all():
        DocumentSequence.objects.update_or_create(
            office=city, year=sequence.year, defaults={"last": sequence.last}
        )


def back_to_one_office(apps, schema_editor):
    NoticeSequence = apps.get_model("supervision", "NoticeSequence")
    Jurisdiction = apps.get_model("supervision", "Jurisdiction")
    city = Jurisdiction.objects.filter(parent__isnull=True).first()
    for sequence in apps.get_model("supervision", "DocumentSequence").objects.filter(office=city):
        NoticeSequence.objects.update_or_create(
            year=sequence.year, defaults={"last": sequence.last}
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0007_jurisdictions")]

    operations = [migrations.RunPython(into_the_city, back_to_one_office)]

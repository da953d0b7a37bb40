"""seed_demo: published entities for 住建局 and 交通运输局, certified officers, one withheld, one
expired, auxiliary staff; running it again changes nothing."""

from django.core.management import call_command

from entities.models import EnforcementEntity, Entrustment
from personnel.models import AuxiliaryStaff, Certificate, Officer
from personnel.selectors import annotate_enforcement
from supervision.models import User


def test_seed_demo_builds_the_registries_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Officer.objects.count(), Certificate.objects.count(), AuxiliaryStaff.objects.count())
    call_command("seed_demo")
    assert (
        Officer.objects.count(),
        Certificate.objects.count(),
        AuxiliaryStaff.objects.count(),
    ) == counts
    published = EnforcementEntity.objects.published()
    assert {e.department.code for e in published} == {"ZJJ", "JTJ"}
    assert Entrustment.objects.filter(status="published").count() == 1
    assert 10 <= Officer.objects.count() <= 20
    statuses = list(Certificate.objects.values_list("status", flat=True))
    assert statuses.count("withheld") == 1
    assert statuses.count("expired") == 1
    assert statuses.count("valid") >= 10
    assert AuxiliaryStaff.objects.count() == 3
    officers = annotate_enforcement(Officer.objects.select_related("entity"))
    assert sum(o.may_enforce for o in officers) == statuses.count("valid")
    clerk_a = User.objects.get(username="clerk_a")
    assert Officer.objects.for_user(clerk_a).count() == 8

from django.core.management import call_command

from inspections.demo import DONE, RUNNING
from inspections.models import Inspection
from supervision.models import Finding, Notice


def test_the_demo_holds_two_inspections_of_this_year_one_with_open_findings(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    done, running = Inspection.objects.get(title=DONE), Inspection.objects.get(title=RUNNING)
    assert (done.status, running.status) == ("reported", "under_way")
    assert Finding.objects.from_source(running).open().count() == 2
    assert Finding.objects.from_source(done).get().status == Finding.Status.CLOSED
    assert Notice.objects.filter(rule="inspection_report").count() == 2

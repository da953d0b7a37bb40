from django.core.management import call_command

from evaluations.models import Campaign, SampleFile
from supervision.models import Finding


def test_the_demo_holds_a_campaign_being_scored_and_a_finished_one(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    scoring, finished = Campaign.objects.order_by("-year")
    assert (scoring.status, finished.status) == ("scoring", "reported")
    assert scoring.participants.count() == 2
    assert SampleFile.objects.filter(campaign=scoring, scores__isnull=False).exists()
    assert finished.report_notice.number.startswith("宿法监通")
    assert Finding.objects.filter(source_label=finished.title, follow_up="confirmed").count() == 1

"""The demo city's accountability and interference records, and the API schema."""

from django.core.management import call_command
from django.utils import timezone

from accountability.models import (
    AccountabilityAction,
    CriminalTransfer,
    Dispute,
    InterferenceRecord,
)
from supervision import calendar
from supervision.models import User


def test_seed_demo_builds_telling_accountability_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    kinds = dict(AccountabilityAction.objects.values_list("kind", "status"))
    assert kinds == {
        "transfer_recommendation": "pending",
        "criticism": "completed",
        "talk": "pending",
    }
    recommendation = AccountabilityAction.objects.get(kind="transfer_recommendation")
    assert recommendation.answer_due < calendar.today()  # its answer is overdue
    record = InterferenceRecord.objects.get()
    legal = User.objects.get(username="legal")
    assert InterferenceRecord.objects.for_user(legal).filter(pk=record.pk).exists()
    assert not InterferenceRecord.objects.for_user(User.objects.get(username="clerk_a")).exists()
    transfer = CriminalTransfer.objects.get()
    assert transfer.status == "awaiting_transfer"
    assert transfer.transfer_due_at < timezone.now()
    dispute = Dispute.objects.get()
    assert (dispute.applicant.code, dispute.respondent.code) == ("ZJJ", "CGJ")
    assert dispute.status == "submitted"


def test_the_schema_documents_the_accountability_api(browser, legal):
    browser.force_login(legal)
    schema = browser.get("/api/schema/")
    assert schema.status_code == 200
    for path in [
        b"/api/v1/accountability-actions/{id}/answer/",
        b"/api/v1/interference-records/{id}/report/",
        b"/api/v1/interference-records/{id}/respond/",
        b"/api/v1/criminal-transfers/{id}/handover/",
        b"/api/v1/enforcement-disputes/{id}/answer/",
    ]:
        assert path in schema.content


def test_every_page_opens_on_the_demo_city(db, settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    pages = [
        "/accountability/actions/",
        "/accountability/actions/new/",
        "/accountability/transfers/",
        "/accountability/transfers/new/",
        "/accountability/disputes/",
        "/accountability/disputes/new/",
        "/accountability/interference/",
        "/accountability/interference/new/",
    ]
    records = [
        *(a.get_absolute_url() for a in AccountabilityAction.objects.all()),
        *(t.get_absolute_url() for t in CriminalTransfer.objects.all()),
        *(d.get_absolute_url() for d in Dispute.objects.all()),
        *(r.get_absolute_url() for r in InterferenceRecord.objects.all()),
    ]
    client.force_login(User.objects.get(username="legal"))
    for url in [*pages, *records]:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(username="clerk_a"))
    clerk_pages = [pages[0], *pages[2:6]]  # a clerk decides no accountability
    for url in clerk_pages + [t.get_absolute_url() for t in CriminalTransfer.objects.all()]:
        assert client.get(url).status_code == 200, url
    text = client.get("/").content.decode()
    assert "/accountability/transfers/" in text

"""The demo city's decisions and catalogues, and the API schema."""

from django.core.management import call_command
from django.utils import timezone

from cases.models import CaseCatalogue, MajorDecision, MajorDecisionCategory
from supervision.models import Department


def test_seed_demo_builds_decisions_in_every_state_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (MajorDecisionCategory.objects.count(), MajorDecision.objects.count())
    call_command("seed_demo")
    assert (MajorDecisionCategory.objects.count(), MajorDecision.objects.count()) == counts
    for code in ("ZJJ", "JTJ"):
        assert MajorDecisionCategory.objects.filter(department__code=code).count() >= 3
    reviews = set(MajorDecision.objects.values_list("review_status", flat=True))
    assert reviews == {"pending", "passed", "failed"}
    statuses = {d.filing_status for d in MajorDecision.objects.all()}
    assert statuses == {"not_decided", "awaiting_filing", "overdue", "filed_on_time", "filed_late"}
    # The evaluations demo files 城管局's catalogues and 2024's to draw its samples from.
    last_year = CaseCatalogue.objects.get(
        department=Department.objects.get(code="ZJJ"), year=timezone.localdate().year - 1
    )
    assert last_year.is_filed
    assert last_year.items.count() == 8
    assert not CaseCatalogue.objects.filter(department__code="JTJ").exists()
    # The dashboard's story: the other city departments' catalogues, in time, late or missing.
    statuses = dict(CaseCatalogue.objects.values_list("department__code", "filed_on"))
    assert set(statuses) == {"ZJJ", "SJJ", "GHJ", "FGW", "CGJ", "FGJ"}


def test_the_schema_documents_the_cases_api(browser, legal):
    browser.force_login(legal)
    schema = browser.get("/api/schema/")
    assert schema.status_code == 200
    for path in [
        b"/api/v1/decisions/{id}/review/",
        b"/api/v1/decisions/{id}/decide/",
        b"/api/v1/decisions/{id}/file/",
        b"/api/v1/decision-categories/",
        b"/api/v1/catalogues/{id}/upload/",
        b"/api/v1/catalogues/{id}/file/",
    ]:
        assert path in schema.content


def test_the_schema_generates_without_warnings(capsys):
    call_command("spectacular", "--fail-on-warn", "--file", "/dev/null")

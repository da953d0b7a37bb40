"""The demo city's normative documents and benchmarks, and the API schema."""

from django.core.management import call_command

from publication.models import CatalogueFiling, DiscretionBenchmark, NormativeDocument, WorkTask


def test_seed_demo_builds_documents_and_benchmarks_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (NormativeDocument.objects.count(), DiscretionBenchmark.objects.count())
    call_command("seed_demo")
    assert (NormativeDocument.objects.count(), DiscretionBenchmark.objects.count()) == counts
    assert set(NormativeDocument.objects.values_list("status", flat=True)) == {
        "registered",
        "filed",
        "no_problem",
        "problem_found",
    }
    assert {d.filing_status for d in NormativeDocument.objects.all()} >= {
        "overdue",
        "awaiting_filing",
        "filed_on_time",
    }
    statuses = set(DiscretionBenchmark.objects.values_list("status", flat=True))
    assert statuses == {"published", "superseded", "submitted"}
    assert DiscretionBenchmark.objects.filter(department__jurisdiction__code="341321").exists()
    document = NormativeDocument.objects.first()
    assert document.text.read(5) == b"%PDF-"
    assert set(CatalogueFiling.objects.values_list("department__code", "status")) == {
        ("ZJJ", "published"),
        ("JTJ", "submitted"),
    }
    assert WorkTask.objects.filter(year=2026).count() == 4
    assert WorkTask.objects.get(number=3).deliveries.filter(status="open").exists()


def test_the_schema_documents_the_publication_api(browser, legal):
    browser.force_login(legal)
    schema = browser.get("/api/schema/")
    assert schema.status_code == 200
    for path in [
        b"/api/v1/normative-documents/{id}/file/",
        b"/api/v1/normative-documents/{id}/review/",
        b"/api/v1/benchmarks/{id}/submit/",
        b"/api/v1/benchmarks/{id}/review/",
        b"/api/v1/benchmarks/{id}/publish/",
        b"/api/v1/benchmarks/{id}/revise/",
        b"/api/v1/public/benchmarks/",
        b"/api/v1/decision-catalogues/{id}/review/",
        b"/api/v1/public/decision-catalogues/",
        b"/api/v1/work-plan/tasks/{id}/deliveries/",
        b"/api/v1/work-plan/deliveries/{id}/report/",
    ]:
        assert path in schema.content

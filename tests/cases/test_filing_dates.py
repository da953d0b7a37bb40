"""A clerk cannot backdate a filing (issue 18): ``filed_on`` is the day the filing reaches the
portal. Only the legal office records an earlier day, for a filing that reached it on paper."""

from cases import services
from cases.models import CaseCatalogue, MajorDecision
from tests.clock import at

from .conftest import D, decided, signed_catalogue

BACKDATED = "备案日期应为报送到平台之日；只有法制机构可以为纸质报送记录更早的日期。"


def test_a_clerk_cannot_turn_a_late_filing_into_one_on_time(api, legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 11, 2))  # due 12 November
    with at(D(2026, 12, 3)):
        response = api(clerk_a).post(
            f"/api/v1/decisions/{decision.pk}/file/", {"filed_on": "2026-11-04"}, format="json"
        )
        assert response.status_code == 400
        assert response.json() == {"filed_on": [BACKDATED]}
        assert MajorDecision.objects.get().filed_on is None
        today = api(clerk_a).post(f"/api/v1/decisions/{decision.pk}/file/", {}, format="json")
    assert today.status_code == 200, today.content
    assert today.json()["filed_on"] == "2026-12-03"
    assert MajorDecision.objects.get().filing_status == "filed_late"


def test_the_legal_office_records_a_paper_filing_s_day(api, legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 11, 2))
    with at(D(2026, 12, 3)):
        response = api(legal).post(
            f"/api/v1/decisions/{decision.pk}/file/", {"filed_on": "2026-11-04"}, format="json"
        )
    assert response.status_code == 200, response.content
    assert MajorDecision.objects.get().filing_status == "filed_on_time"


def test_a_clerk_cannot_backdate_a_catalogue(api, clerk_a, legal):
    with at(D(2026, 1, 10)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2025)
    with at(D(2026, 3, 2)):
        response = api(clerk_a).post(
            f"/api/v1/catalogues/{catalogue.pk}/file/",
            {"filed_on": "2026-01-20", "document": signed_catalogue()},
            format="multipart",
        )
        assert response.status_code == 400
        assert response.json() == {"filed_on": [BACKDATED]}
        assert CaseCatalogue.objects.get().filed_on is None
        paper = api(legal).post(
            f"/api/v1/catalogues/{catalogue.pk}/file/",
            {"filed_on": "2026-01-20", "document": signed_catalogue()},
            format="multipart",
        )
    assert paper.status_code == 200, paper.content
    assert CaseCatalogue.objects.get().status == "filed_on_time"

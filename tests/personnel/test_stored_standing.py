"""The public lookup answers "may enforce today" from the standing stored with the officer (one
query for a found number). The registered checks compute it; every change to what they read
forgets it, and it runs out on the days the checks name (expiry, review grace date, year's end).
Each test looks the certificate up first (so a standing is stored), changes one thing through
the service that changes it, and looks it up again: the public answer is the live one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities import services as entities
from personnel import selectors, services
from personnel.models import Certificate, Officer
from personnel.selectors import can_enforce
from supervision import eligibility
from supervision.models import AuditEntry
from tests.clock import at

from .conftest import D, certify

API = "/api/v1/public/certificates/"


def public_may_enforce(client, certificate) -> bool:
    """What a citizen reads, on the API and on the verification page (they must agree)."""
    api = client.get(API, {"number": certificate.number}).json()[0]["may_enforce"]
    page = client.get(f"/public/certificates/{certificate.number}/").content.decode()
    assert ("该人员今日可以从事行政执法。" in page) == api, page
    return api


def stored(officer) -> bool | None:
    officer = Officer.objects.get(pk=officer.pk)
    return officer.standing_may_enforce if officer.standing_from is not None else None


def test_a_found_number_costs_one_query_once_the_standing_is_stored(client, certificate_a):
    assert public_may_enforce(client, certificate_a) is True
    assert stored(certificate_a.officer) is True
    for url, data in [
        (API, {"number": certificate_a.number}),
        (f"/public/certificates/{certificate_a.number}/", {}),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, data).status_code == 200
        assert len(queries) == 1, [q["sql"] for q in queries]


def test_the_stored_standing_is_no_part_of_the_officers_history(client, legal, certificate_a):
    """A cache of the registry's answer: an edit's trail shows what the person changed, no more."""
    assert public_may_enforce(client, certificate_a) is True
    officer = Officer.objects.get(pk=certificate_a.officer_id)
    services.officer_update(officer=officer, actor=legal, name="王新名")
    entry = AuditEntry.objects.filter(action="change", object_id=str(officer.pk)).latest("at", "pk")
    assert entry.before["name"] != "王新名"
    assert entry.after["name"] == "王新名"
    assert not [key for key in {**entry.before, **entry.after} if key.startswith("standing")]


@pytest.mark.parametrize("change", ["withhold", "revoke"])
def test_withholding_or_revoking_the_certificate(client, legal, certificate_a, change):
    assert public_may_enforce(client, certificate_a) is True
    getattr(services, f"certificate_{change}")(
        certificate=certificate_a, actor=legal, reason="涉嫌违法违纪，暂停执法资格。"
    )
    assert public_may_enforce(client, certificate_a) is False
    assert can_enforce(Officer.objects.get(pk=certificate_a.officer_id))[0] is False


def test_restoring_a_withheld_certificate(client, legal, certificate_a):
    services.certificate_withhold(certificate=certificate_a, actor=legal, reason="调查期间暂扣。")
    assert public_may_enforce(client, certificate_a) is False
    certificate_a.refresh_from_db()
    services.certificate_restore(certificate=certificate_a, actor=legal, reason="调查已结束。")
    assert public_may_enforce(client, certificate_a) is True


def test_leaving_the_establishment(client, legal, certificate_a, officer_a):
    assert public_may_enforce(client, certificate_a) is True
    services.officer_update(officer=officer_a, actor=legal, on_establishment=False)
    assert public_may_enforce(client, certificate_a) is False


def test_the_entity_revoked(client, legal, certificate_a, officer_a):
    assert public_may_enforce(client, certificate_a) is True
    entities.entity_revoke(entity=officer_a.entity, actor=legal, reason="职能已划转。")
    assert public_may_enforce(client, certificate_a) is False


def test_a_failed_annual_review(client, legal, officer_a):
    with at(D(2026, 3, 2)):  # before the grace date: last year's review still holds
        certificate = certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())
        assert public_may_enforce(client, certificate) is True
        services.annual_review_record(
            certificate=certificate, year=2026, result="failed", actor=legal
        )
        assert public_may_enforce(client, certificate) is False


def test_the_grace_date_passing_then_the_review_passed(client, legal, officer_a):
    with at(D(2026, 3, 2)):
        certificate = certify(officer_a, legal, issued_on=D(2025, 3, 1), reviewed=())
    assert certificate.review_due == D(2026, 3, 31)
    with at(D(2026, 3, 31)):
        assert public_may_enforce(client, certificate) is True
    with at(D(2026, 4, 1)):  # nothing changed but the day
        assert public_may_enforce(client, certificate) is False
        services.annual_review_record(
            certificate=certificate, year=2026, result="passed", actor=legal
        )
        assert public_may_enforce(client, certificate) is True


def test_the_expiry_date_passing(client, legal, officer_a):
    certificate = certify(officer_a, legal, issued_on=D(2021, 7, 1), expires_on=D(2026, 6, 30))
    assert public_may_enforce(client, certificate) is True
    with at(D(2026, 6, 30)):
        assert public_may_enforce(client, certificate) is True
    with at(D(2026, 7, 1)):  # still "valid" in status: the nightly expiry has not run
        assert public_may_enforce(client, certificate) is False
        assert services.certificates_expire(day=D(2026, 7, 1)) == 1
        assert stored(officer_a) is None
        assert public_may_enforce(client, certificate) is False


def test_a_certificate_issued_later_counts_from_its_first_day(client, legal, officer_a):
    certificate = certify(officer_a, legal, issued_on=D(2026, 7, 1), reviewed=())
    assert public_may_enforce(client, certificate) is False
    with at(D(2026, 7, 1)):
        assert public_may_enforce(client, certificate) is True


def test_a_standing_computed_before_a_change_is_not_stored_after_it(certificate_a, monkeypatch):
    computing = selectors.annotate_enforcement

    def meanwhile_a_change(officers, on=None):
        officers = computing(officers, on)
        eligibility.changed(pk=certificate_a.officer_id)  # in another request, while computing
        return officers

    monkeypatch.setattr(selectors, "annotate_enforcement", meanwhile_a_change)
    found = selectors.annotate_standing([Certificate.objects.get(pk=certificate_a.pk)])[0]
    assert found.officer.may_enforce is True
    assert stored(found.officer) is None
    monkeypatch.setattr(selectors, "annotate_enforcement", computing)
    selectors.annotate_standing([Certificate.objects.get(pk=certificate_a.pk)])
    assert stored(found.officer) is True


def test_every_registered_check_declares_a_day_its_answer_holds(certificate_a, officer_a):
    selectors.annotate_enforcement([officer_a], D(2026, 6, 15))
    # Expiry 28 February 2030; the next review is due by 31 March 2027; the year ends first.
    assert eligibility.holds_until(officer_a, D(2026, 6, 15)) == D(2026, 12, 31)


def test_forgetting_many_officers_goes_in_chunks(settings, legal, published_a, monkeypatch):
    from .conftest import make_officer

    monkeypatch.setattr(selectors, "FORGET_CHUNK", 2)
    officers = [make_officer(published_a, "同名人", 400 + n) for n in range(5)]
    certificates = [certify(officer, legal) for officer in officers]
    selectors.annotate_standing(certificates)
    assert [stored(officer) for officer in officers] == [True] * 5
    with CaptureQueriesContext(connection) as queries:
        eligibility.changed(pk__in=[officer.pk for officer in officers])
    assert len(queries) == 3
    assert [stored(officer) for officer in officers] == [None] * 5

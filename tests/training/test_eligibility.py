"""The 40-hour rule in personnel's gates: may enforce today, certificate issuance, annual review."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from personnel import services as personnel
from personnel.models import Certificate, Officer
from personnel.selectors import annotate_enforcement, can_enforce
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from tests.clock import at

from .conftest import D

SPRING_2027 = D(2027, 3, 1)


@pytest.fixture
def short_in_2026(training, department_a):
    officer = training.officer(department_a, "李娜")
    training.certificate(officer)
    training.hours(officer, "39.5", year=2026)
    training.assessment(officer, year=2026)
    return officer


@pytest.fixture
def compliant_in_2026(training, department_a):
    officer = training.officer(department_a, "王建国")
    training.certificate(officer)
    return training.compliant(officer, year=2026)


@at(SPRING_2027)
def test_an_officer_short_last_year_may_not_enforce(short_in_2026, compliant_in_2026):
    allowed, reasons = can_enforce(short_in_2026)
    assert allowed is False
    assert reasons == ["2026年度培训未达标（已完成39.5学时（应达40学时），考核合格（最高85分））。"]
    assert can_enforce(compliant_in_2026) == (True, [])


@at(SPRING_2027)
def test_this_years_hours_do_not_excuse_last_years_shortfall(training, short_in_2026):
    training.compliant(short_in_2026, year=2027)
    assert can_enforce(short_in_2026)[0] is False


@at(SPRING_2027)
def test_a_first_year_officer_is_judged_on_this_year(training, department_a):
    """Registered on 1 February 2027: nothing in 2026 to judge; 2027's hours and assessment count."""
    officer = training.officer(department_a, "新同志", joined=D(2027, 2, 1))
    training.certificate(officer, issued_on=D(2027, 2, 20))
    allowed, reasons = can_enforce(officer)
    assert allowed is False
    assert reasons == [
        "新任执法人员首年：2027年度培训尚未达标（已完成0学时（应达40学时），未参加考核）。"
    ]
    training.hours(officer, "40", ends_on=D(2027, 2, 15))
    training.assessment(officer, year=2027)
    assert can_enforce(officer) == (True, [])


@at(D(2027, 1, 20))
def test_an_officer_who_joined_last_year_and_completed_it_may_enforce(training, department_a):
    officer = training.officer(department_a, joined=D(2026, 6, 1))
    training.certificate(officer, issued_on=D(2026, 9, 1))
    training.compliant(officer, year=2026)
    assert can_enforce(officer) == (True, [])


@at(SPRING_2027)
def test_issuance_is_refused_for_an_officer_short_last_year(
    training, department_a, legal, short_in_2026, compliant_in_2026
):
    Certificate.objects.all().delete()
    with pytest.raises(TransitionNotAllowed) as refused:
        personnel.certificate_issue(
            actor=legal,
            officer=short_in_2026,
            kind=Certificate.Kind.ENFORCEMENT,
            expires_on=D(2032, 2, 28),
        )
    assert "2026年度培训未达标" in str(refused.value.message)
    assert not Certificate.objects.filter(officer=short_in_2026).exists()
    issued = personnel.certificate_issue(
        actor=legal,
        officer=compliant_in_2026,
        kind=Certificate.Kind.ENFORCEMENT,
        expires_on=D(2032, 2, 28),
    )
    assert issued.status == Certificate.Status.VALID


@at(SPRING_2027)
def test_issuance_through_the_api_answers_409_with_the_reason(training, legal, short_in_2026, api):
    Certificate.objects.all().delete()
    response = api(legal).post(
        "/api/v1/certificates/",
        {"officer": short_in_2026.pk, "kind": "enforcement", "expires_on": "2032-02-28"},
        format="json",
    )
    assert response.status_code == 409
    assert "2026年度培训未达标" in response.json()["detail"]


@at(D(2027, 2, 15))
def test_a_passed_annual_review_is_refused_for_an_officer_short_last_year(
    legal, short_in_2026, compliant_in_2026
):
    refused = Certificate.objects.get(officer=short_in_2026)
    with pytest.raises(ValidationError) as error:
        personnel.annual_review_record(certificate=refused, year=2027, result="passed", actor=legal)
    assert "2026年度培训未达标" in error.value.message_dict["year"][0]
    assert not refused.reviews.exists()
    # A failed review may still be recorded; and the compliant officer's review passes.
    personnel.annual_review_record(certificate=refused, year=2027, result="failed", actor=legal)
    fine = Certificate.objects.get(officer=compliant_in_2026)
    review = personnel.annual_review_record(
        certificate=fine, year=2027, result="passed", actor=legal
    )
    assert review.result == "passed"


@at(D(2027, 1, 10))
def test_a_certificate_restored_after_the_year_end_may_enforce_again(legal, short_in_2026):
    run_deadline_checks(D(2027, 1, 2))
    certificate = Certificate.objects.get(officer=short_in_2026)
    assert certificate.status == Certificate.Status.WITHHELD
    assert can_enforce(short_in_2026)[0] is False
    personnel.certificate_restore(
        certificate=certificate, actor=legal, reason="已于2027年1月补训8学时并考核合格。"
    )
    assert can_enforce(short_in_2026) == (True, [])


@at(SPRING_2027)
def test_years_before_the_portal_judged_training_stop_no_one(settings, short_in_2026):
    settings.TRAINING_FIRST_JUDGED_YEAR = 2027
    assert can_enforce(short_in_2026) == (True, [])
    assert run_deadline_checks(D(2027, 1, 2))  # the year-end judges 2026: not judged, nothing held
    assert Certificate.objects.get(officer=short_in_2026).status == Certificate.Status.VALID


def _officers_with_certificates(training, department, count):
    officers = []
    for i in range(count):
        officer = training.officer(department)
        training.certificate(officer)
        if i % 2:
            training.compliant(officer, year=2026)
        else:
            training.hours(officer, "12", year=2026)
        officers.append(officer)
    return officers


@at(SPRING_2027)
def test_the_check_costs_the_same_queries_for_3_officers_and_for_30(training, department_a):
    few = _officers_with_certificates(training, department_a, 3)
    many = few + _officers_with_certificates(training, department_a, 27)
    selected = Officer.objects.select_related("entity").order_by("pk")
    few, many = list(selected[:3]), list(selected)
    with CaptureQueriesContext(connection) as for_few:
        annotate_enforcement(few)
    with CaptureQueriesContext(connection) as for_many:
        annotate_enforcement(many)
    assert len(for_few) == len(for_many)
    assert [o.may_enforce for o in many[:5]] == [False, True, False, False, True]


def test_joined_is_the_registration_day_in_shanghai(training, department_a):
    from training.selectors import is_new_officer, joined_on

    officer = training.officer(department_a, joined=D(2026, 1, 1))
    officer.created_at = datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    assert joined_on(officer) == D(2026, 1, 1)  # 00:30 on 1 January in Shanghai
    assert is_new_officer(officer, 2027) is False  # served the whole of 2026
    officer.created_at = datetime.datetime(2026, 1, 1, 16, 30, tzinfo=datetime.UTC)
    assert is_new_officer(officer, 2027) is True


@at(D(2026, 11, 30))
def test_a_review_recorded_ahead_of_time_looks_at_the_last_completed_year(
    legal, training, department_a
):
    """The review of 2027 recorded in November 2026: 2026 is not over, 2025 is what counts."""
    officer = training.officer(department_a)
    certificate = training.certificate(officer, issued_on=D(2025, 3, 1))
    training.compliant(officer, year=2025)
    review = personnel.annual_review_record(
        certificate=certificate, year=2027, result="passed", actor=legal
    )
    assert review.result == "passed"


@at(D(2027, 2, 15))
def test_reviews_for_a_whole_list_check_training_in_a_fixed_number_of_queries(
    legal, training, department_a
):
    def review_all(count):
        certificates = []
        for _ in range(count):
            officer = training.compliant(training.officer(department_a))
            certificates.append(training.certificate(officer))
        with CaptureQueriesContext(connection) as queries:
            personnel.annual_reviews_record(
                certificates=certificates, year=2027, result="passed", actor=legal
            )
        return len([q for q in queries.captured_queries if q["sql"].startswith("SELECT")])

    review_all(1)  # caches the content types the audit trail looks up once per process
    assert review_all(3) == review_all(12)

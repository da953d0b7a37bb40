"""A supervisor reads the departments of their fixed-point contact (定点联系) and their own work:
nothing of complainants, nothing outside their assignments."""

from personnel.models import Officer
from tests.complaints.conftest import accepted
from tests.factories import EnforcementEntityFactory, OfficerFactory


def _officers(department_a, department_b):
    a = OfficerFactory(entity=EnforcementEntityFactory(department=department_a), name="甲执法员")
    b = OfficerFactory(entity=EnforcementEntityFactory(department=department_b), name="乙执法员")
    return a, b


def test_a_supervisor_reads_their_contact_departments_officers_only(
    api, browser, supervisor, department_a, department_b
):
    a, b = _officers(department_a, department_b)
    listed = {row["id"] for row in api(supervisor).get("/api/v1/officers/").json()["results"]}
    assert listed == {a.pk}
    assert api(supervisor).get(f"/api/v1/officers/{a.pk}/").status_code == 200
    assert api(supervisor).get(f"/api/v1/officers/{b.pk}/").status_code == 404
    browser.force_login(supervisor)
    assert browser.get(f"/personnel/officers/{b.pk}/").status_code == 404
    assert set(Officer.objects.for_user(supervisor)) == {a}


def test_without_a_contact_department_a_supervisor_reads_no_roster(
    api, legal, supervisor, department_a, department_b
):
    _officers(department_a, department_b)
    supervisor.contact_departments.clear()
    assert api(supervisor).get("/api/v1/officers/").json()["count"] == 0


def test_the_legal_office_changes_the_contact_and_the_scope_follows(
    api, legal, supervisor, profile, department_a, department_b
):
    _a, b = _officers(department_a, department_b)
    from supervisors import services

    services.profile_save(
        supervisor=supervisor,
        actor=legal,
        appointed_from=profile.appointed_from,
        appointed_to=profile.appointed_to,
        contact_departments=[department_b],
    )
    listed = {row["id"] for row in api(supervisor).get("/api/v1/officers/").json()["results"]}
    assert listed == {b.pk}


def test_nothing_of_complaints_even_of_their_contact_department(
    api, browser, legal, supervisor, department_a
):
    complaint = accepted(legal, department_a)
    assert api(supervisor).get("/api/v1/complaints/").json()["count"] == 0
    assert api(supervisor).get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404
    browser.force_login(supervisor)
    assert browser.get("/complaints/").status_code == 404
    assert browser.get(f"/complaints/{complaint.pk}/").status_code == 404


def test_supervisors_do_not_read_each_others_work_nor_the_overview(
    api, browser, supervisor, profile, other_supervisor, department_b
):
    from supervisors import services

    from .conftest import D, activity

    activity(other_supervisor, department_b, D(2026, 11, 5))
    report = services.quarter_report(other_supervisor, D(2026, 11, 5))
    assert api(supervisor).get("/api/v1/supervisor-reports/").json()["count"] == 0
    assert api(supervisor).get(f"/api/v1/supervisor-reports/{report.pk}/").status_code == 404
    assert api(supervisor).get("/api/v1/supervisor-activities/").json()["count"] == 0
    browser.force_login(supervisor)
    assert browser.get(f"/supervisors/reports/{report.pk}/").status_code == 404
    assert browser.get("/supervisors/").status_code == 404
    assert browser.get(f"/supervisors/{other_supervisor.pk}/").status_code == 404


def test_contact_details_are_for_the_legal_office(browser, legal, clerk_a, supervisor, profile):
    browser.force_login(legal)
    assert "13900000001" in browser.get(f"/supervisors/{supervisor.pk}/").content.decode()
    browser.force_login(clerk_a)
    assert browser.get(f"/supervisors/{supervisor.pk}/").status_code == 404
    assert browser.get("/supervisors/").status_code == 404


def test_the_legal_office_appoints_a_supervisor_in_the_browser(
    browser, legal, clerk_a, department_a, department_b
):
    from supervisors.models import SupervisorProfile
    from tests.factories import SupervisorFactory

    person = SupervisorFactory(username="supervisor9")
    form = {
        "supervisor": person.pk,
        "appointed_from": "2026-01-01",
        "appointed_to": "2028-12-31",
        "contact_departments": [department_a.pk, department_b.pk],
        "phone": "13900000009",
    }
    browser.force_login(clerk_a)
    assert browser.get("/supervisors/appoint/").status_code == 404
    browser.force_login(legal)
    wrong = browser.post("/supervisors/appoint/", {**form, "appointed_to": "2025-12-31"})
    assert wrong.status_code == 400
    assert "聘任截止日不得早于起始日。" in wrong.content.decode()
    response = browser.post("/supervisors/appoint/", form)
    assert response.status_code == 302
    assert SupervisorProfile.objects.get(user=person).phone == "13900000009"
    assert set(person.contact_departments.all()) == {department_a, department_b}
    # Once appointed, the account is no longer offered.
    assert "supervisor9" not in browser.get("/supervisors/appoint/").content.decode()

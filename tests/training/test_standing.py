"""An officer's standing in a year: the 40-hour line, the year a course's hours count in, the best
assessment, and ``GET /api/v1/officers/{id}/training/?year=YYYY``."""

from tests.clock import at
from training import selectors, services

from .conftest import D


def standing(api, user, officer, year=2026):
    return api(user).get(f"/api/v1/officers/{officer.pk}/training/?year={year}")


def test_the_40_hour_line_39_5_is_short_40_is_compliant(training, department_a, clerk_a, api):
    short = training.officer(department_a, "李娜")
    training.hours(short, "39.5")
    training.assessment(short)
    enough = training.officer(department_a, "王建国")
    training.hours(enough, "32")
    training.hours(enough, "8")
    training.assessment(enough)

    response = standing(api, clerk_a, short)
    assert response.status_code == 200
    assert response.json() == {
        "year": 2026,
        "hours": 39.5,
        "required_hours": 40.0,
        "assessed": True,
        "passed": True,
        "compliant": False,
    }
    assert standing(api, clerk_a, enough).json()["compliant"] is True
    assert standing(api, clerk_a, enough).json()["hours"] == 40.0
    assert str(selectors.officer_standing(short, 2026).short_by) == "0.5"


def test_hours_without_a_passed_assessment_are_not_compliant(training, department_a, clerk_a, api):
    never = training.officer(department_a)
    training.hours(never, "48")
    failed = training.officer(department_a)
    training.hours(failed, "48")
    training.assessment(failed, score="59.5")

    assert standing(api, clerk_a, never).json() == {
        "year": 2026,
        "hours": 48.0,
        "required_hours": 40.0,
        "assessed": False,
        "passed": False,
        "compliant": False,
    }
    failed_standing = standing(api, clerk_a, failed).json()
    assert (failed_standing["assessed"], failed_standing["passed"]) == (True, False)


def test_the_best_attempt_counts(training, department_a, clerk_a, api):
    officer = training.officer(department_a)
    training.hours(officer, "40")
    training.assessment(officer, score="52")
    assert standing(api, clerk_a, officer).json()["passed"] is False
    training.assessment(officer, score="78")
    training.assessment(officer, score="41")
    assert standing(api, clerk_a, officer).json()["compliant"] is True
    assert selectors.officer_standing(officer, 2026).best_score == 78


def test_hours_count_in_the_year_the_course_ends(training, department_a, clerk_a, api):
    officer = training.officer(department_a)
    training.hours(officer, "36", year=2026)
    # A course from 28 December 2026 to 2 January 2027: its hours count in 2027, not 2026.
    across = training.course(
        department=department_a, starts_on=D(2026, 12, 28), ends_on=D(2027, 1, 2), hours="16"
    )
    officer.training_records.create(course=across, hours=16, year=across.counts_in_year)

    assert standing(api, clerk_a, officer, 2026).json()["hours"] == 36.0
    assert standing(api, clerk_a, officer, 2027).json()["hours"] == 16.0


def test_a_course_moved_across_new_year_moves_its_hours(
    training, department_a, clerk_a, legal, api
):
    officer = training.officer(department_a)
    record = training.hours(officer, "12", ends_on=D(2026, 12, 31))
    course = record.course
    with at(D(2027, 1, 10)):
        services.course_update(course=course, actor=clerk_a, ends_on=D(2027, 1, 1))
    assert standing(api, clerk_a, officer, 2026).json()["hours"] == 0.0
    assert standing(api, clerk_a, officer, 2027).json()["hours"] == 12.0


def test_the_required_hours_are_a_setting(training, department_a, clerk_a, api, settings):
    officer = training.officer(department_a)
    training.hours(officer, "32")
    training.assessment(officer)
    assert standing(api, clerk_a, officer).json()["compliant"] is False
    settings.TRAINING_REQUIRED_HOURS = 32
    assert standing(api, clerk_a, officer).json()["required_hours"] == 32.0
    assert standing(api, clerk_a, officer).json()["compliant"] is True


def test_the_year_defaults_to_this_year(training, department_a, clerk_a, api):
    officer = training.officer(department_a)
    training.hours(officer, "6", year=2027)
    with at(D(2027, 5, 1)):
        response = api(clerk_a).get(f"/api/v1/officers/{officer.pk}/training/")
    assert response.json()["year"] == 2027
    assert response.json()["hours"] == 6.0


def test_another_departments_officer_answers_404(training, department_a, clerk_b, api):
    officer = training.officer(department_a)
    response = standing(api, clerk_b, officer)
    assert response.status_code == 404
    assert "hours" not in response.json()


def test_the_public_is_refused_and_a_supervisor_reads(training, department_a, supervisor, api):
    officer = training.officer(department_a)
    assert standing(api, None, officer).status_code == 401
    assert standing(api, supervisor, officer).status_code == 200


def test_a_wrong_year_is_a_clear_error(training, department_a, clerk_a, api):
    officer = training.officer(department_a)
    response = api(clerk_a).get(f"/api/v1/officers/{officer.pk}/training/?year=二〇二六")
    assert response.status_code == 400
    assert response.json()["year"] == ["请填写合法的整数值。"]
    response = api(clerk_a).get(f"/api/v1/officers/{officer.pk}/training/?year=1999")
    assert response.status_code == 400

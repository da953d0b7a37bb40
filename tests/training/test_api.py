"""The training API: plans, courses, attendance and assessments; bad input answers clear errors in
Chinese and saves nothing; another department's records answer 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supervision.models import AuditEntry
from tests.clock import at
from tests.factories import PDF
from training.models import Assessment, Course, TrainingPlan, TrainingRecord

from .conftest import D

TODAY = D(2026, 11, 30)
pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with at(TODAY):
        yield


@pytest.fixture
def course_a(training, department_a):
    return training.course(
        department=department_a, starts_on=D(2026, 6, 15), ends_on=D(2026, 6, 15), hours="8"
    )


@pytest.fixture
def officer_a(training, department_a):
    return training.officer(department_a, "李娜")


def post(api, user, url, data):
    return api(user).post(url, data, format="json")


# Attendance ---------------------------------------------------------------------------------------


def test_a_clerk_records_attendance_and_the_hours_count_in_the_courses_year(
    api, clerk_a, officer_a, course_a
):
    response = post(
        api,
        clerk_a,
        "/api/v1/training/records/",
        {"officer": officer_a.pk, "course": course_a.pk, "hours": "7.5"},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["year"] == 2026
    record = TrainingRecord.objects.get()
    assert (record.hours, record.recorded_by) == (7.5, clerk_a)
    assert AuditEntry.objects.for_record(record).get().action == "create"


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-2", "学时必须大于零。"),
        ("0", "学时必须大于零。"),
        ("30", "1天的培训班计30学时，超过每天24学时。"),
        ("8.5", "获得学时不得超过培训班的8学时。"),
        ("7.55", "请确保总计不超过 1 个小数位。"),
    ],
)
def test_impossible_hours_are_refused_and_nothing_is_saved(
    api, clerk_a, officer_a, course_a, hours, message
):
    course_a.hours = 24
    course_a.save()
    if hours == "8.5":
        course_a.hours = 8
        course_a.save()
    response = post(
        api,
        clerk_a,
        "/api/v1/training/records/",
        {"officer": officer_a.pk, "course": course_a.pk, "hours": hours},
    )
    assert response.status_code == 400
    assert response.json()["hours"] == [message]
    assert not TrainingRecord.objects.exists()


def test_attendance_of_another_departments_officer_is_a_field_error(
    api, clerk_b, officer_a, training, department_b
):
    course_b = training.course(
        department=department_b, starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 2), hours="12"
    )
    response = post(
        api,
        clerk_b,
        "/api/v1/training/records/",
        {"officer": officer_a.pk, "course": course_b.pk, "hours": "12"},
    )
    # The URL exists, the body is wrong: 400, and the same answer as for an id that does not exist.
    assert response.status_code == 400
    assert response.json() == {"officer": [f"没有您可以引用的编号为{officer_a.pk}的记录。"]}
    response = post(
        api,
        clerk_b,
        "/api/v1/training/records/",
        {"officer": 987654, "course": course_b.pk, "hours": "12"},
    )
    assert response.status_code == 400
    assert response.json() == {"officer": ["没有您可以引用的编号为987654的记录。"]}
    assert not TrainingRecord.objects.exists()


def test_another_departments_course_is_a_field_error(
    api, clerk_b, course_a, training, department_b
):
    officer_b = training.officer(department_b)
    response = post(
        api,
        clerk_b,
        "/api/v1/training/records/",
        {"officer": officer_b.pk, "course": course_a.pk, "hours": "8"},
    )
    assert response.status_code == 400
    assert response.json() == {"course": [f"没有您可以引用的编号为{course_a.pk}的记录。"]}
    missing = post(
        api,
        clerk_b,
        "/api/v1/training/records/",
        {"officer": officer_b.pk, "course": 1000000000, "hours": "8"},
    )
    assert missing.status_code == 400
    assert missing.json() == {"course": ["没有您可以引用的编号为1000000000的记录。"]}
    word = post(
        api, clerk_b, "/api/v1/training/records/", {"officer": "x", "course": [], "hours": "8"}
    )
    assert word.status_code == 400
    assert word.json() == {
        "officer": ["请填写记录的编号（整数）。"],
        "course": ["请填写记录的编号（整数）。"],
    }
    assert api(clerk_b).get(f"/api/v1/training/courses/{course_a.pk}/").status_code == 404


def test_the_same_attendance_twice_is_refused(api, clerk_a, officer_a, course_a):
    data = {"officer": officer_a.pk, "course": course_a.pk, "hours": "8"}
    assert post(api, clerk_a, "/api/v1/training/records/", data).status_code == 201
    again = post(api, clerk_a, "/api/v1/training/records/", data)
    assert again.status_code == 400
    assert again.json() == {"officer": ["该执法人员参加本培训班的记录已登记。"]}
    assert TrainingRecord.objects.count() == 1


def test_a_centralised_course_is_recorded_by_the_legal_office(
    api, clerk_a, legal, officer_a, training, department_a, department_b
):
    central = training.course(
        open_to=[department_a], starts_on=D(2026, 4, 20), ends_on=D(2026, 4, 23), hours="32"
    )
    data = {"officer": officer_a.pk, "course": central.pk, "hours": "32"}
    refused = post(api, clerk_a, "/api/v1/training/records/", data)
    assert refused.status_code == 400
    assert refused.json() == {"course": ["集中培训的参训情况由法制机构登记。"]}
    assert post(api, legal, "/api/v1/training/records/", data).status_code == 201
    officer_b = training.officer(department_b)
    not_open = post(
        api,
        legal,
        "/api/v1/training/records/",
        {"officer": officer_b.pk, "course": central.pk, "hours": "32"},
    )
    assert not_open.json() == {"officer": ["该培训班未对该执法人员所在部门开放。"]}


def test_attendance_waits_for_the_course_to_start(api, clerk_a, officer_a, training, department_a):
    later = training.course(
        department=department_a, starts_on=D(2026, 12, 10), ends_on=D(2026, 12, 10), hours="8"
    )
    response = post(
        api,
        clerk_a,
        "/api/v1/training/records/",
        {"officer": officer_a.pk, "course": later.pk, "hours": "8"},
    )
    assert response.json() == {"course": ["培训班开班后方可登记参训情况。"]}


def test_a_record_is_removed_by_its_department_only(api, clerk_a, clerk_b, officer_a, course_a):
    record = TrainingRecord.objects.create(officer=officer_a, course=course_a, hours=8, year=2026)
    assert api(clerk_b).delete(f"/api/v1/training/records/{record.pk}/").status_code == 404
    assert api(clerk_a).delete(f"/api/v1/training/records/{record.pk}/").status_code == 204
    assert not TrainingRecord.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(record.pk)).exists()


def test_the_record_list_costs_the_same_queries_for_3_rows_and_30(
    api, clerk_a, training, department_a, course_a
):
    def add(count):
        for _ in range(count):
            officer = training.officer(department_a)
            TrainingRecord.objects.create(officer=officer, course=course_a, hours=8, year=2026)

    add(3)
    client = api(clerk_a)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get("/api/v1/training/records/").json()["results"]) == 3
    add(27)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/training/records/").json()["results"]) == 30
    assert len(few) == len(many)


# Assessments --------------------------------------------------------------------------------------


@pytest.mark.parametrize("score", ["-1", "100.5", "101"])
def test_a_score_out_of_range_is_refused(api, legal, officer_a, score):
    response = post(
        api,
        legal,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2026, "score": score},
    )
    assert response.status_code == 400
    assert response.json() == {"score": ["成绩应在0至100分之间。"]}
    assert not Assessment.objects.exists()


def test_the_legal_office_records_attempts_and_the_pass_mark_decides(api, legal, officer_a):
    first = post(
        api,
        legal,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2026, "score": "59.5"},
    )
    assert first.status_code == 201
    assert first.json()["passed"] is False
    second = post(
        api,
        legal,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2026, "score": "60", "assessed_on": "2026-11-28"},
    )
    assert second.json()["passed"] is True
    standing = api(legal).get(f"/api/v1/officers/{officer_a.pk}/training/?year=2026").json()
    assert (standing["assessed"], standing["passed"]) == (True, True)


def test_a_clerk_may_not_record_an_assessment(api, clerk_a, officer_a):
    response = post(
        api,
        clerk_a,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2026, "score": "90"},
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_the_passed_flag_and_a_future_year_are_not_for_the_client(api, legal, officer_a):
    response = post(
        api,
        legal,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2027, "score": "90", "passed": True},
    )
    assert response.status_code == 400
    assert response.json() == {"passed": ["不接受该字段。"]}
    future = post(
        api,
        legal,
        "/api/v1/training/assessments/",
        {"officer": officer_a.pk, "year": 2027, "score": "90"},
    )
    assert future.json() == {"year": ["请填写2000年至2026年之间的年度。"]}


# Plans --------------------------------------------------------------------------------------------

PLAN = {"year": 2027, "courses_planned": 3, "hours_planned": "40", "people": 8, "budget": "36000"}


def test_a_clerk_registers_and_files_the_departments_plan(api, clerk_a, department_a):
    created = post(api, clerk_a, "/api/v1/training/plans/", PLAN)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["department"], body["due"], body["due_provisional"]) == (
        department_a.pk,
        "2027-02-01",
        True,
    )
    incomplete = api(clerk_a).post(f"/api/v1/training/plans/{body['id']}/file/")
    assert incomplete.status_code == 409
    assert incomplete.json() == {"detail": "备案材料不全：请先上传培训计划文本，再报送备案。"}
    uploaded = api(clerk_a).patch(
        f"/api/v1/training/plans/{body['id']}/",
        {"document": SimpleUploadedFile("培训计划.pdf", PDF, "application/pdf")},
        format="multipart",
    )
    assert uploaded.status_code == 200, uploaded.json()
    assert uploaded.json()["document_url"] == f"/training/plans/{body['id']}/document/"
    filed = api(clerk_a).post(f"/api/v1/training/plans/{body['id']}/file/")
    assert filed.status_code == 200
    assert filed.json()["filed_on"] == "2026-11-30"
    assert filed.json()["receipt"] == "awaiting"
    again = api(clerk_a).post(f"/api/v1/training/plans/{body['id']}/file/")
    assert again.status_code == 409
    assert again.json() == {"detail": "该培训计划已报送。"}
    changed = api(clerk_a).patch(
        f"/api/v1/training/plans/{body['id']}/", {"people": 9}, format="json"
    )
    assert changed.status_code == 409


def test_a_second_plan_for_the_same_year_is_refused(api, clerk_a, legal, department_a):
    assert post(api, clerk_a, "/api/v1/training/plans/", PLAN).status_code == 201
    again = post(api, clerk_a, "/api/v1/training/plans/", PLAN)
    assert again.status_code == 400
    assert again.json() == {"year": ["该部门已有2027年度培训计划。"]}
    by_legal = post(api, legal, "/api/v1/training/plans/", {**PLAN, "department": department_a.pk})
    assert by_legal.status_code == 400
    assert TrainingPlan.objects.count() == 1


def test_a_clerk_names_no_department_and_sees_no_other_plan(api, clerk_a, clerk_b, department_b):
    refused = post(api, clerk_a, "/api/v1/training/plans/", {**PLAN, "department": department_b.pk})
    assert refused.status_code == 400
    assert refused.json() == {"department": ["不接受该字段。"]}
    plan = post(api, clerk_a, "/api/v1/training/plans/", PLAN).json()
    assert api(clerk_b).get(f"/api/v1/training/plans/{plan['id']}/").status_code == 404
    assert api(clerk_b).post(f"/api/v1/training/plans/{plan['id']}/file/").status_code == 404
    assert api(clerk_b).get("/api/v1/training/plans/").json()["count"] == 0


def test_a_negative_budget_is_refused(api, clerk_a):
    response = post(api, clerk_a, "/api/v1/training/plans/", {**PLAN, "budget": "-1"})
    assert response.status_code == 400
    assert "budget" in response.json()
    assert not TrainingPlan.objects.exists()


# Courses ------------------------------------------------------------------------------------------

COURSE = {
    "title": "建筑市场监管执法业务培训",
    "kind": "department",
    "organiser": "住建局政策法规科",
    "starts_on": "2026-06-15",
    "ends_on": "2026-06-16",
    "hours": "16",
    "content_areas": ["professional_law", "penalty_law"],
}


def test_a_clerk_registers_a_course_of_the_department(api, clerk_a, department_a):
    response = post(api, clerk_a, "/api/v1/training/courses/", COURSE)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["department"], body["counts_in_year"]) == (department_a.pk, 2026)
    assert body["content_areas"] == ["penalty_law", "professional_law"]


def test_a_clerk_may_not_register_a_centralised_course(api, clerk_a, department_a):
    response = post(
        api,
        clerk_a,
        "/api/v1/training/courses/",
        {**COURSE, "kind": "centralised", "open_to": [department_a.pk]},
    )
    assert response.status_code == 403
    assert not Course.objects.exists()


def test_the_legal_office_opens_a_centralised_course_to_departments(
    api, legal, clerk_a, clerk_b, department_a, department_b
):
    central = {**COURSE, "kind": "centralised", "organiser": "市政府法制办、市委党校"}
    missing = post(api, legal, "/api/v1/training/courses/", central)
    assert missing.json() == {"open_to": ["请选择可参训的部门。"]}
    response = post(
        api, legal, "/api/v1/training/courses/", {**central, "open_to": [department_a.pk]}
    )
    assert response.status_code == 201
    course = response.json()["id"]
    assert api(clerk_a).get(f"/api/v1/training/courses/{course}/").status_code == 200
    assert api(clerk_b).get(f"/api/v1/training/courses/{course}/").status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hours": "49"}, "hours", "2天计49学时，超过每天24学时。"),
        ({"hours": "-8"}, "hours", "学时必须大于零。"),
        ({"ends_on": "2026-06-14"}, "ends_on", "培训班的结束日期不得早于开始日期。"),
        ({"content_areas": []}, "content_areas", "请至少选择一项培训内容。"),
        ({"content_areas": ["astrology"]}, "content_areas", "“astrology” 不是合法选项。"),
        ({"department": 1}, "department", "不接受该字段。"),
    ],
)
def test_a_wrong_course_is_refused(api, clerk_a, change, field, message):
    response = post(api, clerk_a, "/api/v1/training/courses/", {**COURSE, **change})
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert not Course.objects.exists()


def test_a_course_cannot_shrink_below_the_hours_earned(api, clerk_a, officer_a, course_a):
    TrainingRecord.objects.create(officer=officer_a, course=course_a, hours=8, year=2026)
    response = api(clerk_a).patch(
        f"/api/v1/training/courses/{course_a.pk}/", {"hours": "6"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "hours": ["已有执法人员在本培训班获得的学时多于此数，请先更正相关记录。"]
    }
    course_a.refresh_from_db()
    assert course_a.hours == 8


def test_the_schema_still_generates(api, legal):
    response = api(legal).get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/officers/{id}/training/" in text
    assert "/api/v1/training/courses/{id}/attendance-import/" in text

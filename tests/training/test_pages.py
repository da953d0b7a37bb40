"""The training pages: the report by department, a department's list of who is short, an officer's
training, courses with attendance, plans. Every page answers 404 outside the user's scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.clock import at
from tests.factories import PDF
from training.models import Assessment, Course, TrainingPlan, TrainingRecord

from .conftest import D


@pytest.fixture(autouse=True)
def _late_2026():
    with at(D(2026, 11, 30)):
        yield


def page(browser, user, url, **kwargs):
    browser.force_login(user)
    return browser.get(url, **kwargs)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def zjj(training, department_a):
    short = training.officer(department_a, "李娜")
    training.hours(short, "39.5")
    training.assessment(short)
    unassessed = training.officer(department_a, "刘洋")
    training.hours(unassessed, "40")
    compliant = training.compliant(training.officer(department_a, "王建国"))
    return {"short": short, "unassessed": unassessed, "compliant": compliant}


# Standing ---------------------------------------------------------------------------------------


def test_the_report_counts_officers_compliant_short_hours_and_courses(
    browser, legal, zjj, department_a, department_b, training
):
    training.compliant(training.officer(department_b, "徐丽"))
    response = page(browser, legal, "/training/?year=2026")
    assert response.status_code == 200
    body = text(response)
    assert "2026年度各部门培训情况" in body
    assert department_a.name in body
    export = page(browser, legal, "/training/?year=2026&export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0] == ("部门", "执法人员数", "达标人数", "未达标人数", "完成学时", "参加培训班数")
    by_department = {row[0]: row[1:] for row in rows[1:]}
    assert by_department[department_a.name] == (3, 1, 2, 119.5, 3)
    assert by_department[department_b.name] == (1, 1, 0, 40, 1)


def test_a_clerk_sees_only_the_own_department_in_the_report(browser, clerk_a, zjj, department_b):
    body = text(page(browser, clerk_a, "/training/?year=2026"))
    assert "宿州市住房和城乡建设局" in body
    assert department_b.name not in body


def test_the_department_page_lists_who_is_short_and_by_how_much(
    browser, clerk_a, zjj, department_a
):
    response = page(browser, clerk_a, f"/training/departments/{department_a.pk}/?year=2026")
    assert response.status_code == 200
    body = text(response)
    assert "李娜" in body
    assert "刘洋" in body
    assert "王建国" not in body
    assert "0.5" in body
    everyone = text(
        page(browser, clerk_a, f"/training/departments/{department_a.pk}/?year=2026&all=1")
    )
    assert "王建国" in everyone
    export = page(
        browser, clerk_a, f"/training/departments/{department_a.pk}/?year=2026&export=xlsx"
    )
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][0] == "姓名"
    assert sorted((r[0], r[2], r[3]) for r in rows[1:]) == [("刘洋", 40, 0), ("李娜", 39.5, 0.5)]


def test_the_department_page_costs_the_same_queries_for_3_officers_and_30(
    browser, clerk_a, training, department_a
):
    def add(count):
        for i in range(count):
            officer = training.officer(department_a)
            training.hours(officer, "12" if i % 2 else "40")

    add(3)
    url = f"/training/departments/{department_a.pk}/?year=2026&all=1"
    page(browser, clerk_a, url)
    with CaptureQueriesContext(connection) as few:
        assert page(browser, clerk_a, url).status_code == 200
    add(27)
    with CaptureQueriesContext(connection) as many:
        response = page(browser, clerk_a, url)
    assert text(response).count("/training/officers/") == 30
    assert len(few) == len(many)


def test_another_departments_pages_answer_404(browser, clerk_b, zjj, department_a):
    assert page(browser, clerk_b, f"/training/departments/{department_a.pk}/").status_code == 404
    assert page(browser, clerk_b, f"/training/officers/{zjj['short'].pk}/").status_code == 404


def test_the_public_is_sent_to_log_in(client, department_a, zjj):
    for url in ("/training/", f"/training/departments/{department_a.pk}/", "/training/courses/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_officer_page_shows_the_standing_and_why_training_stops_them(browser, clerk_a, zjj):
    with at(D(2027, 3, 1)):
        response = page(browser, clerk_a, f"/training/officers/{zjj['short'].pk}/?year=2026")
    body = text(response)
    assert "李娜的培训和考核" in body
    assert "2026年度培训未达标（已完成39.5学时（应达40学时），考核合格（最高85分））。" in body
    assert "尚差0.5学时" in body
    assert "登记考核成绩" not in body  # clerks do not record assessments


def test_the_legal_office_records_an_assessment_on_the_officer_page(browser, legal, zjj):
    officer = zjj["unassessed"]
    url = f"/training/officers/{officer.pk}/"
    browser.force_login(legal)
    bad = browser.post(url, {"year": 2026, "score": "120", "assessed_on": "2026-11-28"})
    assert "成绩应在0至100分之间。" in text(bad)
    assert not Assessment.objects.filter(officer=officer).exists()
    good = browser.post(url, {"year": 2026, "score": "88", "assessed_on": "2026-11-28"})
    assert good.status_code == 302
    assert Assessment.objects.get(officer=officer).passed is True


def test_the_personnel_officer_page_shows_training(browser, clerk_a, zjj):
    body = text(page(browser, clerk_a, f"/personnel/officers/{zjj['short'].pk}/"))
    assert "培训和考核" in body
    assert "尚差0.5学时" in body
    assert f"/training/officers/{zjj['short'].pk}/" in body


# Courses ----------------------------------------------------------------------------------------


def test_a_clerk_registers_a_course_and_records_attendance(browser, clerk_a, zjj, department_a):
    browser.force_login(clerk_a)
    response = browser.post(
        "/training/courses/new/",
        {
            "title": "物业管理条例专题培训",
            "organiser": "住建局物业科",
            "starts_on": "2026-11-02",
            "ends_on": "2026-11-02",
            "hours": "30",
            "content_areas": ["professional_law"],
        },
    )
    assert response.status_code == 400
    assert "1天计30学时，超过每天24学时。" in text(response)
    assert not Course.objects.filter(title="物业管理条例专题培训").exists()
    response = browser.post(
        "/training/courses/new/",
        {
            "title": "物业管理条例专题培训",
            "organiser": "住建局物业科",
            "starts_on": "2026-11-02",
            "ends_on": "2026-11-02",
            "hours": "4",
            "content_areas": ["professional_law", "ethics"],
        },
    )
    course = Course.objects.get(title="物业管理条例专题培训")
    assert response["Location"] == course.get_absolute_url()
    assert (course.kind, course.department) == ("department", department_a)
    officer = zjj["short"]
    too_much = browser.post(course.get_absolute_url(), {"officer": officer.pk, "hours": "6"})
    assert "获得学时不得超过培训班的4学时。" in text(too_much)
    assert not TrainingRecord.objects.filter(course=course).exists()
    browser.post(course.get_absolute_url(), {"officer": officer.pk, "hours": "4"})
    assert TrainingRecord.objects.get(course=course).hours == 4
    detail = text(browser.get(course.get_absolute_url()))
    assert "李娜" in detail
    assert "本部门专业法律知识、职业道德" in detail


def test_a_course_of_another_department_answers_404(browser, clerk_b, training, department_a):
    course = training.course(
        department=department_a, starts_on=D(2026, 6, 1), ends_on=D(2026, 6, 1), hours="8"
    )
    assert page(browser, clerk_b, course.get_absolute_url()).status_code == 404
    assert page(browser, clerk_b, f"/training/courses/{course.pk}/edit/").status_code == 404
    assert course.title not in text(page(browser, clerk_b, "/training/courses/"))


def test_the_course_list_exports_the_filtered_courses(browser, legal, training, department_a):
    training.course(
        department=department_a,
        starts_on=D(2025, 6, 1),
        ends_on=D(2025, 6, 1),
        hours="8",
        title="旧课",
    )
    training.course(
        open_to=[department_a],
        starts_on=D(2026, 4, 20),
        ends_on=D(2026, 4, 23),
        hours="32",
        title="轮训班",
    )
    export = page(browser, legal, "/training/courses/?year=2026&export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert [row[0] for row in rows[1:]] == ["轮训班"]
    assert rows[1][1] == "集中培训"


# Plans ------------------------------------------------------------------------------------------


def test_a_clerk_registers_and_files_a_plan(browser, clerk_a, department_a):
    browser.force_login(clerk_a)
    data = {
        "year": 2027,
        "courses_planned": 3,
        "hours_planned": "40",
        "people": 8,
        "budget": "36000",
        "content": "通用法律知识轮训。",
    }
    response = browser.post("/training/plans/new/", data)
    plan = TrainingPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    again = browser.post("/training/plans/new/", data)
    assert again.status_code == 400
    assert "该部门已有2027年度培训计划。" in text(again)
    detail = text(browser.get(plan.get_absolute_url()))
    assert "2027年2月1日" in detail
    assert "暂定" in detail
    incomplete = text(browser.post(plan.get_absolute_url(), follow=True))
    assert "备案材料不全：请先上传培训计划文本，再报送备案。" in incomplete
    document = SimpleUploadedFile("培训计划.pdf", PDF, "application/pdf")
    uploaded = browser.post(f"/training/plans/{plan.pk}/edit/", {**data, "document": document})
    assert uploaded.status_code == 302
    browser.post(plan.get_absolute_url())
    plan.refresh_from_db()
    assert plan.filed_on == D(2026, 11, 30)
    assert "已于2026年11月30日报送" in text(browser.get("/training/plans/"))


def test_another_departments_plan_answers_404(browser, clerk_b, department_a):
    plan = TrainingPlan.objects.create(
        department=department_a,
        year=2027,
        courses_planned=1,
        hours_planned=40,
        people=1,
        budget=0,
        due=D(2027, 2, 1),
    )
    assert page(browser, clerk_b, plan.get_absolute_url()).status_code == 404
    browser.force_login(clerk_b)
    assert browser.post(plan.get_absolute_url()).status_code == 404
    plan.refresh_from_db()
    assert plan.filed_on is None


def test_the_navigation_leads_to_training(browser, clerk_a, legal):
    assert "/training/" in text(page(browser, clerk_a, "/"))
    assert "/training/plans/" in text(page(browser, legal, "/"))


def test_a_course_is_edited_and_a_record_removed(browser, clerk_a, zjj, training, department_a):
    record = training.hours(zjj["short"], "8", ends_on=D(2026, 11, 20))
    course = record.course
    browser.force_login(clerk_a)
    form = browser.get(f"/training/courses/{course.pk}/edit/")
    assert form.status_code == 200
    shrink = browser.post(
        f"/training/courses/{course.pk}/edit/",
        {
            "title": course.title,
            "organiser": course.organiser,
            "starts_on": "2026-11-16",
            "ends_on": "2026-11-20",
            "hours": "6",
            "content_areas": ["ethics"],
        },
    )
    assert "已有执法人员在本培训班获得的学时多于此数，请先更正相关记录。" in text(shrink)
    removed = browser.post(f"/training/records/{record.pk}/delete/")
    assert removed["Location"] == course.get_absolute_url()
    assert not TrainingRecord.objects.filter(pk=record.pk).exists()


def test_a_plan_is_edited_until_it_is_filed(browser, clerk_a, department_a):
    plan = TrainingPlan.objects.create(
        department=department_a,
        year=2027,
        courses_planned=1,
        hours_planned=40,
        people=1,
        budget=0,
        due=D(2027, 2, 1),
    )
    browser.force_login(clerk_a)
    assert browser.get(f"/training/plans/{plan.pk}/edit/").status_code == 200
    data = {"courses_planned": 4, "hours_planned": "44", "people": 9, "budget": "5000"}
    browser.post(
        f"/training/plans/{plan.pk}/edit/",
        {**data, "document": SimpleUploadedFile("培训计划.pdf", PDF, "application/pdf")},
    )
    plan.refresh_from_db()
    assert (plan.courses_planned, plan.people) == (4, 9)
    browser.post(plan.get_absolute_url())
    refused = browser.post(f"/training/plans/{plan.pk}/edit/", {**data, "people": 10})
    assert refused.status_code == 400
    assert "已报送的培训计划不能修改。" in text(refused)
    filed_again = browser.post(plan.get_absolute_url(), follow=True)
    assert "该培训计划已报送。" in text(filed_again)
    plan.refresh_from_db()
    assert plan.people == 9


# Words in Chinese that other registries use for something else ---------------------------------


def test_in_chinese_the_report_counts_officers_and_the_officer_page_records(browser, legal, zjj):
    overview = text(page(browser, legal, "/training/?year=2026"))
    assert "<th>执法人员数</th>" in overview
    officer = text(browser.get(f"/training/officers/{zjj['short'].pk}/?year=2026"))
    assert "<th>结果</th>" in officer  # an assessment's, not a legal review's (审核结果)
    assert '<button type="submit" class="primary">登记</button>' in officer
    assert "审核结果" not in officer


def test_in_chinese_the_history_says_a_course_is_opened_to_departments(
    browser, legal, department_a, department_b
):
    browser.force_login(legal)
    response = browser.post(
        "/training/courses/new/",
        {
            "title": "行政执法人员集中轮训",
            "kind": "centralised",
            "organiser": "市政府法制办公室",
            "open_to": [department_a.pk],
            "starts_on": "2026-12-07",
            "ends_on": "2026-12-08",
            "hours": "16",
            "content_areas": ["professional_law"],
        },
    )
    course = Course.objects.get(title="行政执法人员集中轮训")
    assert response["Location"] == course.get_absolute_url()
    browser.post(
        f"/training/courses/{course.pk}/edit/",
        {
            "title": course.title,
            "organiser": course.organiser,
            "open_to": [department_a.pk, department_b.pk],
            "starts_on": "2026-12-07",
            "ends_on": "2026-12-08",
            "hours": "16",
            "content_areas": ["professional_law"],
        },
    )
    detail = text(browser.get(course.get_absolute_url()))
    assert detail.count("<td>设定开放部门</td><td>legal（政府法制机构）</td>") == 2
    assert detail.count("<td>新建</td><td>legal（政府法制机构）</td>") == 1  # the course itself
    # the departments by their names, never their ids
    assert "宿州市住房和城乡建设局 → 宿州市住房和城乡建设局、宿州市交通运输局" in detail

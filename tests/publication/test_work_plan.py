"""The year's work plan (年度重点工作任务): tasks the legal office enters, deliveries due on named
days (the next working day if not one), reported by the lead department with evidence, accepted
or returned; overdue deliveries noticed once to the lead department."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publication import services
from publication.models import TaskDelivery, WorkTask
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import Notice
from tests.clock import at

from .conftest import D

pytestmark = pytest.mark.django_db


def make_task(legal, lead, *, number=1, co=()):
    return services.task_create(
        actor=legal,
        year=2026,
        number=number,
        title="全面梳理行政执法依据",
        lead_department=lead,
        co_departments=co,
        deliverable="制定梳理方案，完成执法依据清理并向社会公布。",
    )


@pytest.fixture
def task_a(legal, department_a, department_b):
    return make_task(legal, department_a, co=[department_b])


@pytest.mark.parametrize(
    ("named", "due"),
    [
        (D(2026, 4, 30), D(2026, 4, 30)),  # the end of April: a working day
        (D(2026, 5, 1), D(2026, 5, 6)),  # Labour Day holiday: moved to 6 May
        (D(2026, 5, 9), D(2026, 5, 9)),  # a Saturday made a working day (调休)
        (D(2026, 5, 10), D(2026, 5, 11)),  # a Sunday: to Monday
    ],
)
def test_a_delivery_is_due_on_the_named_day_or_the_next_working_day(task_a, legal, named, due):
    delivery = services.delivery_add(task=task_a, actor=legal, description="制定方案", due=named)
    assert delivery.due == due
    assert delivery.due_explanation["raw_last_day"] == named.isoformat()


def test_report_return_report_accept(task_a, legal, clerk_a, clerk_b):
    delivery = services.delivery_add(
        task=task_a, actor=legal, description="制定方案", due=D(2026, 4, 30)
    )
    with pytest.raises(PermissionDenied):  # a co-operating department reports through the lead
        services.delivery_report(delivery=delivery, actor=clerk_b, report="已完成。")
    with pytest.raises(ValidationError) as empty:
        services.delivery_report(delivery=delivery, actor=clerk_a, report=" ")
    assert empty.value.message_dict == {"report": ["请写明完成情况。"]}
    with at(D(2026, 4, 28)):
        evidence = SimpleUploadedFile("方案.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
        delivery = services.delivery_report(
            delivery=delivery, actor=clerk_a, report="方案已印发。", evidence=evidence
        )
    assert (delivery.status, delivery.reported_on) == ("reported", D(2026, 4, 28))
    with pytest.raises(TransitionNotAllowed):
        services.delivery_report(delivery=delivery, actor=clerk_a, report="again")
    with pytest.raises(PermissionDenied):
        services.delivery_review(delivery=delivery, actor=clerk_a, result="accepted")
    services.delivery_review(
        delivery=delivery, actor=legal, result="returned", opinion="方案未明确时间节点。"
    )
    services.delivery_report(delivery=delivery, actor=clerk_a, report="已补充时间节点。")
    delivery = services.delivery_review(delivery=delivery, actor=legal, result="accepted")
    assert delivery.status == "accepted"


def test_task_numbers_are_unique_per_office_and_year(task_a, legal, department_a):
    with pytest.raises(ValidationError) as error:
        make_task(legal, department_a)
    assert error.value.message_dict == {"number": ["本年度计划已有该序号的任务。"]}


def test_only_the_office_of_the_same_level_enters_tasks(
    clerk_a, department_a, county_legal, county_department, legal
):
    with pytest.raises(PermissionDenied):
        make_task(clerk_a, department_a)
    with pytest.raises(PermissionDenied):
        make_task(county_legal, department_a)
    with pytest.raises(ValidationError) as mixed:
        make_task(legal, department_a, co=[county_department])
    assert list(mixed.value.message_dict) == ["co_departments"]
    county_task = make_task(county_legal, county_department)
    assert county_task.jurisdiction.code == "341321"


def test_an_overdue_delivery_is_noticed_once_to_the_lead_department(task_a, legal, clerk_a):
    services.delivery_add(task=task_a, actor=legal, description="制定方案", due=D(2026, 4, 30))
    accepted = services.delivery_add(
        task=task_a, actor=legal, description="完成清理", due=D(2026, 4, 30)
    )
    services.delivery_report(delivery=accepted, actor=clerk_a, report="已完成。")
    services.delivery_review(delivery=accepted, actor=legal, result="accepted")

    def checks(day):
        with at(day):
            results = {r.rule: r for r in run_deadline_checks(day)}
        return results["work_plan_delivery"].reminders, results["work_plan_delivery"].overdue

    assert checks(D(2026, 4, 27)) == (1, 0)
    assert checks(D(2026, 4, 30)) == (0, 0)
    assert checks(D(2026, 5, 1)) == (0, 0)  # Labour Day: no document is issued on a holiday
    assert checks(D(2026, 5, 6)) == (0, 1)  # the first working day after
    assert checks(D(2026, 5, 7)) == (0, 0)
    notice = Notice.objects.get(rule="work_plan_delivery", kind="overdue")
    assert notice.department == task_a.lead_department
    assert "关于2026年度工作计划第1项任务逾期未完成的通知" in notice.subject


def test_a_co_operating_clerk_sees_the_task_another_does_not(
    browser, task_a, clerk_b, county_clerk
):
    browser.force_login(clerk_b)
    assert browser.get(task_a.get_absolute_url()).status_code == 200
    browser.force_login(county_clerk)
    assert browser.get(task_a.get_absolute_url()).status_code == 404
    assert task_a.title not in browser.get("/publication/tasks/").content.decode()


def test_the_pages_enter_report_and_accept(browser, legal, clerk_a, department_a):
    browser.force_login(legal)
    response = browser.post(
        "/publication/tasks/new/",
        {
            "year": "2026",
            "number": "3",
            "title": "推行行政执法公示制度",
            "lead_department": department_a.pk,
            "deliverable": "公示执法主体、依据、程序和结果。",
        },
    )
    assert response.status_code == 302
    task = WorkTask.objects.get()
    response = browser.post(
        f"/publication/tasks/{task.pk}/deliveries/",
        {"description": "制定方案", "due": "2026-05-01"},
    )
    assert response.status_code == 302
    delivery = TaskDelivery.objects.get()
    assert delivery.due == D(2026, 5, 6)
    browser.force_login(clerk_a)
    url = f"/publication/tasks/{task.pk}/deliveries/{delivery.pk}/report/"
    assert browser.post(url, {"report": ""}).status_code == 400
    assert browser.post(url, {"report": "已制定方案。"}).status_code == 302
    assert browser.post(url, {"report": "again"}).status_code == 409
    browser.force_login(legal)
    review = f"/publication/tasks/{task.pk}/deliveries/{delivery.pk}/review/"
    assert browser.post(review, {"result": "accepted"}).status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "accepted"
    assert browser.get("/publication/tasks/?export=xlsx").status_code == 200


def test_the_api(api, legal, clerk_a, clerk_b, department_a):
    client = api(legal)
    response = client.post(
        "/api/v1/work-plan/tasks/",
        {
            "year": 2026,
            "number": 2,
            "title": "开展执法案卷评查",
            "lead_department": department_a.pk,
            "co_departments": [],
            "deliverable": "评查报告。",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert api(clerk_a).post(
        "/api/v1/work-plan/tasks/",
        {
            "year": 2026,
            "number": 9,
            "title": "x",
            "lead_department": department_a.pk,
            "deliverable": "x",
        },
        format="json",
    ).status_code in (400, 403)
    added = client.post(
        f"/api/v1/work-plan/tasks/{pk}/deliveries/",
        {"description": "完成评查", "due": "2026-06-30"},
        format="json",
    )
    assert added.status_code == 201
    delivery = added.json()["deliveries"][0]
    assert delivery["deadline"]["due"] == "2026-06-30"
    url = f"/api/v1/work-plan/deliveries/{delivery['id']}/"
    assert api(clerk_b).post(url + "report/", {"report": "x"}).status_code == 404
    assert api(clerk_a).post(url + "report/", {"report": "已完成。"}).json()["status"] == "reported"
    assert api(clerk_a).post(url + "report/", {"report": "again"}).status_code == 409
    accepted = client.post(url + "review/", {"result": "accepted"}, format="json")
    assert accepted.json()["status"] == "accepted"


def test_the_list_costs_the_same_queries_for_3_or_30_tasks(browser, legal, department_a):
    def make(numbers):
        for n in numbers:
            task = make_task(legal, department_a, number=n)
            services.delivery_add(task=task, actor=legal, description="方案", due=D(2026, 4, 30))

    browser.force_login(legal)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/publication/tasks/").status_code == 200
        return len(captured)

    make(range(1, 4))
    few = queries()
    make(range(10, 37))
    assert queries() == few


def test_missed_deliveries_cost_the_lead_department_points_in_the_assessment(
    task_a, legal, clerk_a, department_a, department_b
):
    from supervision import dashboard

    on_time = services.delivery_add(
        task=task_a, actor=legal, description="方案", due=D(2026, 4, 30)
    )
    late = services.delivery_add(task=task_a, actor=legal, description="清理", due=D(2026, 6, 30))
    owed = services.delivery_add(task=task_a, actor=legal, description="公布", due=D(2026, 11, 30))
    services.delivery_add(task=task_a, actor=legal, description="总结", due=D(2027, 1, 15))
    with at(D(2026, 4, 30)):  # the last day: on time
        services.delivery_report(delivery=on_time, actor=clerk_a, report="已制定。")
    with at(D(2026, 7, 1)):  # the day after
        services.delivery_report(delivery=late, actor=clerk_a, report="已清理。")
    rule = next(r for r in dashboard.registered_deductions() if r.name == "work_plan_missed")
    with at(D(2027, 2, 1)):
        found = rule.evaluate(dashboard.departments_for_all(), 2026)
    assert [item.text for item in found[department_a.pk].items] == [
        "任务1 全面梳理行政执法依据——清理：应于2026年6月30日前完成，2026年7月1日报送",
        "任务1 全面梳理行政执法依据——公布：应于2026年11月30日前完成，未完成",
    ]
    assert found[department_a.pk].points == 4
    assert found[department_a.pk].items[0].url == task_a.get_absolute_url()
    # A co-operating department does not lose points for the lead's task.
    assert not found.get(department_b.pk) or not found[department_b.pk].items
    assert owed.pk

"""Notices before the deadlines: the yearly plan (by 31 January, moved to a working day) and the
hours of the year (from 1 October and again from 1 December), one notice per department."""

import pytest
from django.core.files.base import ContentFile

from supervision.deadlines import run_deadline_checks
from supervision.models import Notice
from supervision.services import schedule_enter
from tests.factories import PDF, DepartmentFactory
from training import services
from training.models import TrainingPlan

from .conftest import D


def notices_of(rule, **filters):
    return Notice.objects.filter(rule=rule, **filters).order_by("department__code", "pk")


# Training hours -----------------------------------------------------------------------------------


@pytest.fixture
def autumn(training, department_a, department_b):
    short = training.officer(department_a, "李娜")
    training.hours(short, "39.5")
    training.assessment(short)
    unassessed = training.officer(department_a, "刘洋")
    training.hours(unassessed, "40")
    training.compliant(training.officer(department_a, "王建国"))
    nothing = training.officer(department_b, "孙伟")
    return {"short": short, "unassessed": unassessed, "nothing": nothing}


def test_nothing_is_said_before_october(autumn):
    run_deadline_checks(D(2026, 9, 30))
    assert not notices_of("training_hours").exists()


def test_from_1_october_one_reminder_per_department_lists_its_short_officers(
    autumn, department_a, department_b
):
    run_deadline_checks(D(2026, 10, 9))
    reminders = notices_of("training_hours")
    assert [(n.department, n.kind, n.object_key) for n in reminders] == [
        (department_b, "reminder", f"training_hours:2026:{department_b.pk}:oct"),
        (department_a, "reminder", f"training_hours:2026:{department_a.pk}:oct"),
    ]
    to_a = reminders.get(department=department_a)
    assert to_a.subject == "关于2026年度执法人员培训学时和考核情况的提醒（2人）"
    assert to_a.due_date == D(2026, 12, 31)
    assert to_a.body.split("\n") == [
        "截至2026年10月9日，你单位下列执法人员2026年度培训不足40学时或尚未考核合格：",
        "1. 刘洋：已完成40学时（应达40学时），未参加考核",
        "2. 李娜：已完成39.5学时（应达40学时），考核合格（最高85分），尚差0.5学时",
        "请于2026年12月31日前组织上述人员补足学时并参加考核。年度结束时仍未达标的，暂扣其执法证件。",
    ]
    assert "王建国" not in to_a.body
    assert "孙伟：已完成0学时" in reminders.get(department=department_b).body


def test_the_reminders_of_1_october_go_out_on_the_first_working_day_after_the_holiday(autumn):
    # 1 to 7 October 2026 is the National Day holiday: no document is issued on those days.
    for day in range(1, 8):
        run_deadline_checks(D(2026, 10, day))
    assert not notices_of("training_hours").exists()
    run_deadline_checks(D(2026, 10, 8))
    reminders = notices_of("training_hours")
    assert reminders.count() == 2
    assert {n.issued_on for n in reminders} == {D(2026, 10, 8)}
    assert reminders.first().body.startswith("截至2026年10月8日")


def test_the_october_reminder_is_not_repeated_and_december_brings_another(
    autumn, training, department_a
):
    run_deadline_checks(D(2026, 10, 9))
    run_deadline_checks(D(2026, 10, 20))
    assert notices_of("training_hours").count() == 2
    training.hours(autumn["short"], "1", ends_on=D(2026, 11, 20))  # 李娜 is now compliant
    run_deadline_checks(D(2026, 12, 1))
    december = notices_of("training_hours", object_key__endswith=":dec")
    assert december.count() == 2
    to_a = december.get(department=department_a)
    assert "刘洋" in to_a.body
    assert "李娜" not in to_a.body
    assert to_a.subject.endswith("（1人）")
    run_deadline_checks(D(2026, 12, 15))
    assert notices_of("training_hours").count() == 4


def test_a_department_where_everyone_is_compliant_hears_nothing(training, department_a):
    training.compliant(training.officer(department_a))
    run_deadline_checks(D(2026, 10, 9))
    assert not notices_of("training_hours").exists()


# Plans --------------------------------------------------------------------------------------------


@pytest.fixture
def plans(legal_department, department_a, department_b, clerk_a, clerk_b, training):
    """住建局 filed its 2026 plan, 交通运输局 registered one but never filed it."""
    filed = TrainingPlan.objects.create(
        department=department_a,
        year=2026,
        courses_planned=3,
        hours_planned=40,
        people=8,
        budget=30000,
        due=D(2026, 2, 2),
        filed_on=D(2026, 1, 20),
    )
    draft = TrainingPlan.objects.create(
        department=department_b,
        year=2026,
        courses_planned=2,
        hours_planned=40,
        people=7,
        budget=20000,
        due=D(2026, 2, 2),
    )
    return filed, draft


def test_the_plan_deadline_is_31_january_moved_to_the_next_working_day(db):
    deadline = services.plan_deadline(2026)
    assert (deadline.raw_last_day, deadline.due, deadline.provisional) == (
        D(2026, 1, 31),
        D(2026, 2, 2),
        False,
    )


def test_departments_without_a_filed_plan_are_reminded_the_legal_office_is_not(
    plans, make_department_c, department_b
):
    run_deadline_checks(D(2026, 1, 27))  # Tuesday: the due day is more than 3 working days away
    assert not notices_of("training_plan").exists()
    run_deadline_checks(D(2026, 1, 28))
    reminders = notices_of("training_plan")
    assert [(n.department, n.kind) for n in reminders] == [
        (make_department_c, "reminder"),
        (department_b, "reminder"),
    ]
    to_b = reminders.get(department=department_b)
    assert to_b.subject == "关于在2026年2月2日前报送2026年度执法人员培训计划的提醒"
    assert "你单位已在平台登记培训计划，但尚未报送备案。" in to_b.body
    assert "你单位尚未在平台登记培训计划。" in reminders.get(department=make_department_c).body
    assert "2026年1月31日" in to_b.explanation
    assert "2026年2月2日" in to_b.explanation


def test_the_day_after_the_deadline_an_overdue_notice_once(plans, make_department_c, department_b):
    run_deadline_checks(D(2026, 2, 2))
    assert not notices_of("training_plan", kind="overdue").exists()
    run_deadline_checks(D(2026, 2, 3))
    run_deadline_checks(D(2026, 2, 10))
    overdue = notices_of("training_plan", kind="overdue")
    assert [n.department for n in overdue] == [make_department_c, department_b]
    assert overdue[0].subject == "关于未按期报送2026年度执法人员培训计划的通知"
    assert overdue[0].object_key == f"training_plan:2026:{make_department_c.pk}"


def test_a_plan_filed_in_time_stops_the_overdue_notice(plans, department_b, clerk_b):
    draft = plans[1]
    draft.document.save("培训计划.pdf", ContentFile(PDF))
    services.plan_file(plan=draft, actor=clerk_b)
    run_deadline_checks(D(2026, 2, 3))
    assert not notices_of("training_plan", department=department_b).exists()


def test_a_new_holiday_schedule_moves_the_deadline_of_unfiled_plans(department_a, clerk_a, legal):
    plan = services.plan_create(
        actor=clerk_a, year=2027, courses_planned=2, hours_planned=40, people=5, budget=1000
    )
    # 2027 is unknown to the package: weekends and statutory holidays, provisional. 31 January 2027 is a Sunday.
    assert (plan.due, plan.due_provisional) == (D(2027, 2, 1), True)
    schedule_enter(year=2027, days=[(D(2027, 2, 1), False, "测试假日")], actor=legal)
    plan.refresh_from_db()
    assert (plan.due, plan.due_provisional) == (D(2027, 2, 2), False)


@pytest.fixture
def make_department_c(db):
    return DepartmentFactory(code="CGJ", name="宿州市城市管理行政执法局", stem="00300004")


def test_the_hours_reminder_reads_each_department_at_once(training, department_a, department_b):
    """No subquery per officer (correlated on the officer's id): a department of 30 officers costs
    the queries of a department of 3."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from supervision.calendar import WorkingCalendar
    from supervision.deadlines import get_rule

    rule, calendar = get_rule("training_hours"), WorkingCalendar.load()

    def queries(department, n):
        for i in range(n):
            training.hours(training.officer(department, f"人员{i}"), "10")
        with CaptureQueriesContext(connection) as captured:
            drafts = list(rule.drafts(D(2026, 10, 9), calendar))
        Notice.objects.all().delete()
        assert all('= ("personnel_officer"."id")' not in q["sql"] for q in captured)
        return len(captured), drafts

    few, drafts = queries(department_a, 3)
    assert [d.department_id for d in drafts] == [department_a.pk]
    many, drafts = queries(department_b, 30)
    assert few == many
    assert len(drafts) == 2

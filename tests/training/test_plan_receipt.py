"""A training plan's filing carries the plan document; the legal office receives it or returns it
(the kernel's supervision.filing). A returned plan was not filed: it may be changed, and the
training_plan rule counts it as missing."""

from django.core.files.base import ContentFile

from supervision.deadlines import run_deadline_checks
from supervision.models import Notice
from tests.clock import at
from tests.factories import PDF, TrainingPlanFactory
from training import services

from .conftest import D

# 2026's plan is due on Monday 2 February 2026 (31 January is a Saturday).
LAST_DAY, DAY_AFTER = D(2026, 2, 2), D(2026, 2, 3)


def overdue(department):
    return Notice.objects.filter(rule="training_plan", kind="overdue", department=department)


def a_plan(department):
    plan = TrainingPlanFactory(department=department, year=2026)
    plan.document.save("培训计划.pdf", ContentFile(PDF))
    return plan


def test_filed_on_the_last_day_and_received_later_is_on_time(browser, clerk_a, legal, department_a):
    plan = a_plan(department_a)
    assert plan.due == LAST_DAY
    with at(LAST_DAY):
        services.plan_file(plan=plan, actor=clerk_a)
    with at(DAY_AFTER):
        run_deadline_checks(DAY_AFTER)
    assert not overdue(department_a).exists()
    browser.force_login(legal)
    with at(D(2026, 2, 4)):
        page = browser.get(plan.get_absolute_url()).content.decode()
        assert "接收备案" in page
        browser.post(f"/training/plans/{plan.pk}/receive/")
    plan.refresh_from_db()
    assert (plan.filed_on, plan.receipt, plan.received_on) == (LAST_DAY, "received", D(2026, 2, 4))


def test_returned_the_day_after_it_is_overdue_and_may_be_changed(
    browser, clerk_a, legal, department_a
):
    plan = a_plan(department_a)
    with at(LAST_DAY):
        services.plan_file(plan=plan, actor=clerk_a)
    browser.force_login(legal)
    with at(DAY_AFTER):
        response = browser.post(
            f"/training/plans/{plan.pk}/return/", {"reason": "计划未加盖公章。"}, follow=True
        )
        assert "备案已退回报送部门。" in response.content.decode()
        run_deadline_checks(DAY_AFTER)
    plan.refresh_from_db()
    assert (plan.filed_on, plan.filed_by, plan.receipt) == (None, None, "returned")
    assert overdue(department_a).count() == 1
    with at(D(2026, 2, 4)):
        services.plan_update(plan=plan, actor=clerk_a, people=12)
        services.plan_file(plan=plan, actor=clerk_a)
    plan.refresh_from_db()
    assert (plan.filed_on, plan.receipt, plan.people) == (D(2026, 2, 4), "awaiting", 12)


def test_a_clerk_neither_receives_nor_returns(browser, clerk_a, clerk_b, department_a):
    plan = a_plan(department_a)
    with at(LAST_DAY):
        services.plan_file(plan=plan, actor=clerk_a)
    browser.force_login(clerk_a)
    assert "接收备案" not in browser.get(plan.get_absolute_url()).content.decode()
    browser.post(f"/training/plans/{plan.pk}/receive/")
    plan.refresh_from_db()
    assert plan.receipt == "awaiting"
    browser.force_login(clerk_b)
    assert browser.post(f"/training/plans/{plan.pk}/receive/").status_code == 404

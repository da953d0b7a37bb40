"""The complaints' deadlines: 5 working days to decide on acceptance, 30 days to conclude, one
extension; a petition's own periods; reminders and overdue notices once, to whoever handles it,
naming nobody."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints import services
from complaints.deadlines import accept_deadline, conclude_deadline
from complaints.models import Complaint
from supervision.deadlines import run_deadline_checks
from supervision.models import Notice
from supervision.services import schedule_enter
from tests.clock import at

from .conftest import NAME, PHONE, D, accepted, register

pytestmark = pytest.mark.django_db


def check(day):
    with at(day):
        return {r.rule: (r.reminders, r.overdue) for r in run_deadline_checks(day)}


# Counting --------------------------------------------------------------------------------------


def test_a_receipt_on_the_friday_before_the_national_day_week(db):
    # 25 September 2026 is a Friday and the Mid-Autumn holiday; 1-7 October the National Day
    # week: 28, 29, 30 September, 8 and 9 October are the five working days.
    deadline = accept_deadline(D(2026, 9, 25), is_petition=False)
    assert deadline.due == D(2026, 10, 9)
    assert D(2026, 10, 1) in deadline.skipped
    assert D(2026, 9, 26) in deadline.skipped
    assert deadline.explain() == (
        "自2026年9月25日次日起算5个工作日。2026年9月26日、2026年9月27日、2026年10月1日、"
        "2026年10月2日、2026年10月3日、2026年10月4日、2026年10月5日、2026年10月6日、"
        "2026年10月7日为非工作日，不计入期限。期限为2026年10月9日。"
    )


def test_the_made_up_working_saturday_counts(db):
    # Received on Wednesday 30 September: 8, 9, 10 (a Saturday made a working day), 12, 13.
    assert accept_deadline(D(2026, 9, 30), is_petition=False).due == D(2026, 10, 13)


def test_the_periods_are_settings_and_petitions_have_their_own(db, settings):
    settings.COMPLAINT_ACCEPT_WORKING_DAYS = 3
    assert accept_deadline(D(2026, 3, 2), is_petition=False).due == D(2026, 3, 5)
    # 信访: 15 days (calendar), the last day moved off a weekend; 60 days to conclude.
    assert accept_deadline(D(2026, 3, 2), is_petition=True).due == D(2026, 3, 17)
    assert conclude_deadline(D(2026, 3, 3), is_petition=True).due == D(2026, 5, 6)
    assert conclude_deadline(D(2026, 3, 3), is_petition=False).due == D(2026, 4, 2)


def test_a_petition_may_be_extended_by_its_own_maximum(legal, department_a, settings):
    settings.COMPLAINT_PETITION_EXTENSION_MAX_DAYS = 20
    complaint = accepted(legal, department_a, is_petition=True)
    with at(D(2026, 3, 20)):
        with pytest.raises(ValidationError) as refused:
            services.complaint_extend(complaint=complaint, actor=legal, days=21, reason="x")
        assert refused.value.message_dict == {"days": ["延长天数应为1至20日。"]}


# Notices --------------------------------------------------------------------------------------


def test_acceptance_reminder_and_overdue_notice_go_once_to_the_legal_office(
    legal, legal_department, department_a
):
    register(legal, department_a, received_on=D(2026, 3, 2))  # due Monday 9 March
    assert check(D(2026, 3, 3))["complaint_acceptance"] == (0, 0)
    assert check(D(2026, 3, 4))["complaint_acceptance"] == (1, 0)  # 5, 6, 9: within 3 days
    assert check(D(2026, 3, 4))["complaint_acceptance"] == (0, 0)
    assert check(D(2026, 3, 9))["complaint_acceptance"] == (0, 0)  # the last day
    assert check(D(2026, 3, 10))["complaint_acceptance"] == (0, 1)  # the day after
    assert check(D(2026, 3, 11))["complaint_acceptance"] == (0, 0)
    notices = Notice.objects.filter(rule="complaint_acceptance")
    assert {n.department_id for n in notices} == {legal_department.pk}
    overdue = notices.get(kind="overdue")
    assert overdue.subject.startswith("关于投诉TS2026-")
    assert "未按期作出受理决定" in overdue.subject
    assert "2026年3月9日" in overdue.body
    assert "工作日" in overdue.explanation
    for notice in notices:
        assert NAME not in notice.body + notice.subject
        assert PHONE not in notice.body


def test_a_decided_complaint_is_no_longer_chased(legal, department_a):
    complaint, _ = register(legal, department_a, received_on=D(2026, 3, 2))
    with at(D(2026, 3, 9)):
        services.complaint_refuse(complaint=complaint, actor=legal, reason="不属于受理范围。")
    assert check(D(2026, 3, 10))["complaint_acceptance"] == (0, 0)


def test_conclusion_notices_go_to_the_department_handling_it(legal, department_a, clerk_a):
    complaint = accepted(legal, department_a)  # 3 March: due Thursday 2 April
    assert complaint.conclude_due == D(2026, 4, 2)
    assert check(D(2026, 3, 30))["complaint_conclusion"] == (1, 0)
    assert check(D(2026, 4, 2))["complaint_conclusion"] == (0, 0)
    assert check(D(2026, 4, 3))["complaint_conclusion"] == (0, 1)
    assert set(
        Notice.objects.filter(rule="complaint_conclusion").values_list("department", flat=True)
    ) == {department_a.pk}


def test_an_extension_moves_the_overdue_clock(legal, department_a, legal_department):
    complaint = accepted(legal, department_a, assign=False)  # handled by the office itself
    assert check(D(2026, 4, 3))["complaint_conclusion"] == (0, 1)
    with at(D(2026, 4, 3)):
        complaint = services.complaint_extend(
            complaint=complaint, actor=legal, days=10, reason="需要调取外单位材料。"
        )
    assert complaint.conclude_due == D(2026, 4, 13)  # 12 April is a Sunday
    # The old date counts no more; the new one is chased by its own rule, once.
    assert check(D(2026, 4, 4))["complaint_conclusion"] == (0, 0)
    assert check(D(2026, 4, 8))["complaint_extended"] == (1, 0)
    assert check(D(2026, 4, 13))["complaint_extended"] == (0, 0)
    assert check(D(2026, 4, 14))["complaint_extended"] == (0, 1)
    assert check(D(2026, 4, 15))["complaint_extended"] == (0, 0)
    assert set(
        Notice.objects.filter(rule__startswith="complaint_").values_list("department", flat=True)
    ) == {legal_department.pk}


def test_a_concluded_complaint_is_not_chased(legal, department_a, clerk_a):
    complaint = accepted(legal, department_a)
    with at(D(2026, 3, 20)):
        services.complaint_answer(
            complaint=complaint, actor=clerk_a, investigation="x", answer="y", outcome="untrue"
        )
        services.complaint_approve(complaint=complaint, actor=legal)
    assert check(D(2026, 4, 3))["complaint_conclusion"] == (0, 0)


def test_the_checks_read_the_same_number_of_times_for_3_or_30_complaints(legal, department_a):
    def reads(count):
        Notice.objects.all().delete()
        Complaint.objects.all().delete()
        for _ in range(count):
            register(legal, department_a, received_on=D(2026, 3, 2))
            accepted(legal, department_a)
        with CaptureQueriesContext(connection) as captured, at(D(2026, 4, 10)):
            run_deadline_checks(D(2026, 4, 10))
        return sum(
            1
            for q in captured.captured_queries
            if "complaints_complaint" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")
        )

    assert reads(3) == reads(30)


def test_entering_a_schedule_recomputes_open_deadlines(admin_user, legal, department_a):
    complaint, _ = register(legal, department_a, received_on=D(2026, 3, 2))
    assert complaint.accept_due == D(2026, 3, 9)
    with at(D(2026, 3, 3)):
        # The office makes 5 March a holiday: the fifth working day is now 10 March.
        _schedule, changed = schedule_enter(
            year=2026, days=[(D(2026, 3, 5), False, "测试")], actor=admin_user
        )
    assert changed["complaint_acceptance"] == 1
    complaint.refresh_from_db()
    assert complaint.accept_due == D(2026, 3, 10)

"""Rule supervisor_quarterly at the edges: the reminder 10 working days before the third quarter
of 2026 ends (30 September, with 中秋 on 25 September, the make-up Sunday of 20 September and the
National Day week just after), the day before and after, a made-up working Saturday, a quarter
missed, reruns that issue nothing twice."""

from supervision.deadlines import run_deadline_checks
from supervision.models import HolidaySchedule, Notice, ScheduleDay
from tests.clock import at

from .conftest import D, activity

RULE = "supervisor_quarterly"
# Ten working days before Wednesday 30 September 2026: 16, then 17, 18, 20 (调休), 21, 22, 23, 24,
# 28, 29, 30 September (25 September is 中秋, 26–27 a weekend).
REMINDER_DAY = D(2026, 9, 16)


def _run(day):
    with at(day):
        run_deadline_checks(day)
    return list(Notice.objects.filter(rule=RULE).order_by("pk"))


def test_the_reminder_comes_ten_working_days_before_the_quarter_ends(supervisor, profile):
    assert _run(D(2026, 9, 15)) == []
    (reminder,) = _run(REMINDER_DAY)
    assert reminder.kind == Notice.Kind.REMINDER
    assert reminder.addressee_user == supervisor
    assert reminder.department is None
    assert reminder.addressee == f"特邀监督员{supervisor.get_full_name() or supervisor.username}"
    assert reminder.due_date == D(2026, 9, 30)
    assert reminder.issued_on == REMINDER_DAY
    assert "2026年9月30日前" in reminder.body
    # The next day and a rerun issue nothing more.
    assert len(_run(REMINDER_DAY)) == 1
    assert len(_run(D(2026, 9, 17))) == 1


def test_a_supervisor_with_an_activity_gets_no_reminder(supervisor, profile, department_a):
    activity(supervisor, department_a, D(2026, 8, 3))
    assert _run(REMINDER_DAY) == []


def test_a_made_up_working_saturday_moves_the_reminder(supervisor, profile):
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(
        schedule=schedule, day=D(2026, 9, 19), is_working_day=True, name="调休上班"
    )
    # One more working day in the window: the reminder comes a day later, on the 17th.
    assert _run(REMINDER_DAY) == []
    (reminder,) = _run(D(2026, 9, 17))
    assert reminder.kind == Notice.Kind.REMINDER


def test_a_check_on_a_made_up_working_saturday_issues(supervisor, profile):
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(
        schedule=schedule, day=D(2026, 9, 19), is_working_day=True, name="调休上班"
    )
    # The 17th's reminder was missed (no check ran); Saturday the 19th is a working day.
    (reminder,) = _run(D(2026, 9, 19))
    assert reminder.issued_on == D(2026, 9, 19)


def test_a_quarter_missed_is_noted_to_the_legal_office_after_the_holidays(
    supervisor, profile, legal_department
):
    _run(REMINDER_DAY)
    # The last day itself: not overdue yet.
    assert [n.kind for n in _run(D(2026, 9, 30))] == ["reminder"]
    # The National Day holidays: no document is issued.
    for day in (D(2026, 10, 1), D(2026, 10, 5), D(2026, 10, 7)):
        assert len(_run(day)) == 1
    notices = _run(D(2026, 10, 8))
    overdue = notices[-1]
    assert overdue.kind == Notice.Kind.OVERDUE
    assert overdue.department == legal_department
    assert overdue.addressee_user is None
    assert overdue.issued_on == D(2026, 10, 8)
    assert (supervisor.get_full_name() or supervisor.username) in overdue.subject
    assert "2026年第3季度" in overdue.subject
    # Reruns, later days: nothing twice.
    assert len(_run(D(2026, 10, 8))) == 2
    assert len(_run(D(2026, 10, 9))) == 2


def test_a_report_filed_on_the_last_day_is_not_overdue(supervisor, profile, department_a):
    from supervisors import services

    activity(supervisor, department_a, D(2026, 9, 29))
    report = services.quarter_report(supervisor, D(2026, 9, 29))
    with at(D(2026, 9, 30)):
        services.report_change(report=report, actor=supervisor, text="书面报告")
        services.report_submit(report=report, actor=supervisor)
    assert _run(D(2026, 10, 8)) == []


def test_a_supervisor_out_of_office_owes_nothing(legal, supervisor, department_a):
    from .conftest import appoint

    appoint(legal, supervisor, [department_a], appointed_to=D(2026, 9, 15))
    assert _run(REMINDER_DAY) == []
    assert _run(D(2026, 10, 8)) == []

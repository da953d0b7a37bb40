"""The answer deadline of a recommendation to remove an officer from the post: 30 days from the
day after the decision, moved to the next working day; a reminder within the window, an overdue
notice the day after, once each."""

import pytest

from accountability import services
from accountability.deadlines import answer_deadline
from accountability.models import AccountabilityAction
from supervision import calendar
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import HolidaySchedule, Notice, ScheduleDay
from tests.clock import at

from .conftest import D

RULE = "accountability_answer"


@pytest.fixture
def recommendation(legal, department_a, officer_a, ground_a):
    with at(D(2026, 3, 10)):
        return services.action_decide(
            actor=legal,
            department=department_a,
            kind=AccountabilityAction.Kind.TRANSFER_RECOMMENDATION,
            officer=officer_a,
            facts="辱骂当事人。",
            grounds=[ground_a],
        )


def counts(day):
    with at(day):
        result = {r.rule: r for r in run_deadline_checks(day)}[RULE]
    return result.reminders, result.overdue


def test_the_last_day_and_the_day_after(recommendation):
    assert recommendation.answer_due == D(2026, 4, 9)
    assert counts(D(2026, 4, 1)) == (0, 0)
    assert counts(D(2026, 4, 7)) == (1, 0)
    assert counts(D(2026, 4, 9)) == (0, 0)  # the last day: reminded already, not overdue
    assert counts(D(2026, 4, 10)) == (0, 1)
    assert counts(D(2026, 4, 13)) == (0, 0)  # once
    overdue = Notice.objects.get(rule=RULE, kind=Notice.Kind.OVERDUE)
    assert overdue.department_id == recommendation.department_id
    assert "未按期答复调离张执法执法岗位建议" in overdue.subject
    assert "2026年4月9日" in overdue.body


def test_an_answered_recommendation_is_not_chased(recommendation, clerk_a):
    with at(D(2026, 4, 1)):
        services.action_answer(action=recommendation, actor=clerk_a, answer="已调离。")
    assert counts(D(2026, 4, 10)) == (0, 0)


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day(db):
    # Decided 2 September 2026: 30 days later is 2 October, in the National Day holiday.
    deadline = answer_deadline(D(2026, 9, 2))
    assert deadline.raw_last_day == D(2026, 10, 2)
    assert deadline.due == D(2026, 10, 8)
    assert deadline.skipped[0] == D(2026, 10, 2)
    assert "2026年10月8日" in deadline.explain()


def test_a_weekend_and_a_made_up_working_saturday(db, legal):
    # 30 days after 7 January 2026 is Friday 6 February; after 8 January, Saturday 7 February.
    assert answer_deadline(D(2026, 1, 8)).due == D(2026, 2, 9)
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(
        schedule=schedule, day=D(2026, 2, 7), is_working_day=True, name="调休上班"
    )
    assert answer_deadline(D(2026, 1, 8)).due == D(2026, 2, 7)


def test_a_new_schedule_recomputes_open_deadlines(recommendation):
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(
        schedule=schedule, day=D(2026, 4, 9), is_working_day=False, name="假日"
    )
    assert get_rule(RULE).recompute(calendar.WorkingCalendar.load()) == 1
    recommendation.refresh_from_db()
    assert recommendation.answer_due == D(2026, 4, 10)


def test_the_period_is_a_setting(db, settings):
    settings.ACCOUNTABILITY_ANSWER_DAYS = 15
    assert answer_deadline(D(2026, 3, 10)).due == D(2026, 3, 25)

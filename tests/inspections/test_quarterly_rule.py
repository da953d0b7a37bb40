"""Rule ``inspection_quarterly``: a reminder to the legal office itself when no inspection of the
quarter has been carried out by the day 15 working days of the quarter remain; a quarter that
ends without one recorded as missed, an overdue notice on the next working day, and the
dashboard showing it. Q3 2026: 30 September is a Wednesday, Sunday 20 September a working day,
25 September the Mid-Autumn Festival, 1–7 October the National Day week, Saturday 10 October a
working day."""

import datetime

import pytest

from inspections import services
from inspections.deadlines import reminder_day
from inspections.models import MissedQuarter
from supervision.calendar import WorkingCalendar
from supervision.deadlines import run_deadline_checks
from supervision.models import HolidaySchedule, Notice, ScheduleDay
from tests.clock import at

from .conftest import new_inspection

D = datetime.date
RULE = "inspection_quarterly"


def run(day):
    with at(day):
        results = run_deadline_checks(day)
    return next(r for r in results if r.rule == RULE)


def notices(kind=Notice.Kind.REMINDER):
    # (The second quarter, before any test's day, is always missed: its overdue notices are
    # left aside unless asked for.)
    return list(Notice.objects.filter(rule=RULE, kind=kind).order_by("pk"))


def test_the_reminder_day_of_the_third_quarter_of_2026(db):
    # 15 working days remain after 9 September: 10, 11, 14–18, 20 (a working Sunday), 21–24,
    # 28–30 (25 September is the Mid-Autumn Festival).
    assert reminder_day(2026, 3, WorkingCalendar.load()) == D(2026, 9, 9)


def test_no_reminder_the_day_before(legal):
    assert run(D(2026, 9, 8)).reminders == 0
    assert notices() == []


def test_the_reminder_on_its_day_goes_to_the_legal_office_itself(legal, department_a):
    result = run(D(2026, 9, 9))
    assert result.reminders == 1
    (notice,) = notices()
    assert notice.kind == Notice.Kind.REMINDER
    assert notice.department == legal.department  # the office's own department row
    assert notice.addressee == "宿州市人民政府法制办公室"
    assert notice.issued_on == D(2026, 9, 9)
    assert notice.due_date == D(2026, 9, 30)
    assert notice.subject == "提醒：2026年第3季度尚未开展执法监督专项检查"
    assert "2026年9月30日" in notice.body


def test_the_day_after_issues_nothing_twice(legal):
    run(D(2026, 9, 9))
    assert run(D(2026, 9, 10)).reminders == 0
    assert run(D(2026, 9, 9)).reminders == 0
    assert len(notices()) == 1


def test_a_missed_reminder_day_is_caught_up_the_next_working_day(legal):
    # Nothing ran on 9 September (say the server was down): the 10th issues it.
    assert run(D(2026, 9, 10)).reminders == 1


def test_a_made_up_working_saturday_moves_the_reminder_day(legal):
    schedule = HolidaySchedule.objects.create(year=2026)
    ScheduleDay.objects.create(
        schedule=schedule, day=D(2026, 9, 12), is_working_day=True, name="调休上班"
    )
    assert reminder_day(2026, 3, WorkingCalendar.load()) == D(2026, 9, 10)
    assert run(D(2026, 9, 9)).reminders == 0
    assert run(D(2026, 9, 10)).reminders == 1


def test_an_inspection_under_way_in_the_quarter_means_no_reminder(legal, department_a):
    inspection = new_inspection(legal, [department_a], day=D(2026, 8, 3))
    assert run(D(2026, 9, 9)).reminders == 1  # planned on paper only: still reminded
    Notice.objects.filter(kind=Notice.Kind.REMINDER).delete()
    with at(D(2026, 8, 3)):
        services.inspection_start(inspection=inspection, actor=legal)
    assert run(D(2026, 9, 9)).reminders == 0


def test_each_jurisdiction_is_judged_on_its_own(legal, department_a, county_legal):
    # The city's inspection does not count for the county.
    inspection = new_inspection(legal, [department_a], day=D(2026, 8, 3))
    with at(D(2026, 8, 3)):
        services.inspection_start(inspection=inspection, actor=legal)
    run(D(2026, 9, 9))
    (notice,) = notices()
    assert notice.department == county_legal.department
    assert notice.number.startswith("砀法监通〔2026〕")


def test_a_quarter_missed_is_recorded_in_the_national_day_week_and_noticed_after_it(legal):
    # 1 October, a holiday: the missed quarter is recorded, but no document issues.
    result = run(D(2026, 10, 1))
    assert result.acted == 1
    assert result.overdue == 0
    (missed,) = MissedQuarter.objects.all()
    assert (missed.office_id, missed.year, missed.quarter) == (legal.jurisdiction_id, 2026, 3)
    assert missed.recorded_on == D(2026, 10, 1)
    assert run(D(2026, 10, 7)).overdue == 0
    # 8 October, the first working day after the week.
    result = run(D(2026, 10, 8))
    assert result.acted == 0
    assert result.overdue == 1
    (notice,) = notices(Notice.Kind.OVERDUE)
    assert notice.issued_on == D(2026, 10, 8)
    assert notice.department == legal.department
    assert notice.subject == "通知：2026年第3季度未开展执法监督专项检查"
    # A rerun, and the made-up working Saturday 10 October, issue nothing twice.
    assert run(D(2026, 10, 8)).overdue == 0
    assert run(D(2026, 10, 10)).overdue == 0
    assert MissedQuarter.objects.count() == 1
    assert len(notices(Notice.Kind.OVERDUE)) == 1


def test_a_quarter_with_an_inspection_is_not_missed(legal, department_a):
    inspection = new_inspection(legal, [department_a], day=D(2026, 9, 29))
    with at(D(2026, 9, 29)):
        services.inspection_start(inspection=inspection, actor=legal)
    assert run(D(2026, 10, 8)).acted == 0
    assert MissedQuarter.objects.count() == 0


def test_quarters_kept_on_paper_are_never_missed(legal, settings):
    settings.INSPECTION_FIRST_JUDGED_QUARTER = "2026-3"
    assert run(D(2026, 7, 1)).acted == 0
    assert run(D(2026, 10, 8)).acted == 1
    assert list(MissedQuarter.objects.values_list("year", "quarter")) == [(2026, 3)]


@pytest.mark.parametrize("day", [D(2026, 7, 1), D(2026, 8, 15)])
def test_the_quarter_before_is_judged_all_through_the_next(legal, day):
    run(day)
    assert list(MissedQuarter.objects.values_list("year", "quarter")) == [(2026, 2)]


def test_the_missed_quarter_shows_on_the_dashboard(legal, browser):
    run(D(2026, 10, 8))
    browser.force_login(legal)
    with at(D(2026, 10, 9)):
        page = browser.get("/").content.decode()
    assert "2026年执法监督专项检查" in page
    assert "未开展" in page
    assert "本年度有1个季度未开展执法监督专项检查。" in page

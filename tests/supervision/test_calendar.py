"""The one rule for counting deadlines, on its edges with real 2026 dates."""

import datetime

import pytest

from supervision import calendar
from supervision.services import parse_schedule, schedule_enter

D = datetime.date

pytestmark = pytest.mark.django_db


def test_a_plain_period_ends_ten_days_after_the_event():
    deadline = calendar.deadline_after(D(2026, 3, 3), 10)
    assert deadline.raw_last_day == D(2026, 3, 13)
    assert deadline.due == D(2026, 3, 13)
    assert deadline.skipped == ()
    assert deadline.provisional is False


def test_the_period_starts_the_day_after_the_event():
    # The last day of a one-day period is the next day, not the event day.
    assert calendar.deadline_after(D(2026, 3, 3), 1).due == D(2026, 3, 4)


def test_a_last_day_on_a_sunday_moves_to_monday(db):
    deadline = calendar.deadline_after(D(2026, 3, 5), 10)
    assert deadline.raw_last_day == D(2026, 3, 15)
    assert deadline.due == D(2026, 3, 16)
    assert deadline.skipped == (D(2026, 3, 15),)


def test_a_last_day_inside_the_national_day_holiday_moves_past_it(db):
    deadline = calendar.deadline_after(D(2026, 9, 23), 10)
    assert deadline.raw_last_day == D(2026, 10, 3)
    assert deadline.due == D(2026, 10, 8)
    assert deadline.skipped == tuple(D(2026, 10, day) for day in range(3, 8))


def test_a_made_up_working_saturday_is_a_working_day(db):
    # 2026-10-10 is a Saturday worked in exchange for the National Day holiday (调休).
    deadline = calendar.deadline_after(D(2026, 9, 30), 10)
    assert D(2026, 10, 10).weekday() == 5
    assert deadline.due == D(2026, 10, 10)
    assert deadline.skipped == ()


def test_the_end_of_january_on_a_weekend_moves_to_monday(db):
    deadline = calendar.deadline_on(D(2026, 1, 31))
    assert deadline.due == D(2026, 2, 2)
    assert deadline.skipped == (D(2026, 1, 31), D(2026, 2, 1))
    assert deadline.event_day is None


def test_the_explanation_names_every_step(db):
    with_skips = calendar.deadline_after(D(2026, 9, 23), 10).explain()
    assert "2026年9月23日" in with_skips
    assert "10日" in with_skips
    assert "2026年10月3日" in with_skips
    assert "2026年10月7日" in with_skips
    assert "2026年10月8日" in with_skips
    plain = calendar.deadline_after(D(2026, 3, 3), 10).explain()
    assert "工作日" in plain
    assert "2026年3月13日" in plain


def test_a_year_nobody_knows_counts_weekends_only_and_is_provisional(db):
    deadline = calendar.deadline_on(D(2027, 1, 31))
    assert deadline.due == D(2027, 2, 1)
    assert deadline.provisional is True
    assert "暂定" in deadline.explain()


def test_a_period_reaching_into_an_unknown_year_is_provisional(db):
    deadline = calendar.deadline_after(D(2026, 12, 25), 10)
    assert deadline.due == D(2027, 1, 4)
    assert deadline.provisional is True


def test_the_legal_offices_schedule_makes_a_year_known(db, legal):
    days = parse_schedule("2027-02-01,休,春节调整\n2027-02-06,班,调休上班\n", year=2027)
    schedule_enter(year=2027, days=days, actor=legal)
    deadline = calendar.deadline_on(D(2027, 1, 31))
    assert deadline.due == D(2027, 2, 2)
    assert deadline.skipped == (D(2027, 1, 31), D(2027, 2, 1))
    assert deadline.provisional is False
    assert calendar.is_working_day(D(2027, 2, 6))


def test_the_legal_offices_entries_win_over_the_package(db, legal):
    schedule_enter(year=2026, days=parse_schedule("2026-03-13,休,临时调整", year=2026), actor=legal)
    assert calendar.deadline_after(D(2026, 3, 3), 10).due == D(2026, 3, 16)
    # A day the office did not list keeps the State Council's schedule.
    assert calendar.deadline_after(D(2026, 9, 30), 10).due == D(2026, 10, 10)


def test_correcting_a_schedule_replaces_its_days(db, legal):
    schedule_enter(year=2027, days=parse_schedule("2027-02-01,休", year=2027), actor=legal)
    schedule_enter(year=2027, days=parse_schedule("2027-02-02,休", year=2027), actor=legal)
    assert calendar.is_working_day(D(2027, 2, 1))
    assert not calendar.is_working_day(D(2027, 2, 2))


def test_add_working_days_skips_holidays(db):
    assert calendar.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert calendar.add_working_days(D(2026, 10, 8), 2) == D(2026, 10, 10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-13-01,休", "不是有效日期"),
        ("2026-10-01,休", "不在2027年内"),
        ("2027-10-01,maybe", "第二列"),
        ("2027-10-01", "用逗号分隔"),
        ("2027-10-01,休\n2027-10-01,班", "出现了两次"),
        ("\n# comment only\n", "没有列出任何日期"),
    ],
)
def test_a_wrong_schedule_file_is_refused_line_by_line(db, text, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        parse_schedule(text, year=2027)
    assert message in " ".join(caught.value.message_dict["days"])


def test_a_stored_deadline_explains_itself_as_it_was_counted(db):
    deadline = calendar.deadline_after(D(2026, 9, 23), 10)
    kept = calendar.Deadline.from_json(deadline.as_json())
    assert kept == deadline
    assert kept.explain() == deadline.explain()
    assert calendar.Deadline.from_json(None) is None


def test_a_published_result_is_contested_until_the_fifth_working_day(db, legal):
    """One rule for evaluation appeals and assessment contests (``calendar.contest_due``)."""
    # Monday 2 March 2026: Tuesday to Friday, then Monday 9 March.
    assert calendar.contest_due(D(2026, 3, 2)) == D(2026, 3, 9)
    # From Wednesday 1 April 2026, over 清明 (4–6 April): 2, 3, 7, 8 and 9 April.
    assert calendar.contest_due(D(2026, 4, 1)) == D(2026, 4, 9)
    # Saturday 10 October 2026 is a working day (调休 for National Day): it counts.
    assert calendar.contest_due(D(2026, 9, 30)) == D(2026, 10, 13)
    # A made-up working Saturday the legal office enters for a year the package does not know.
    assert calendar.contest_due(D(2027, 3, 3)) == D(2027, 3, 10)
    schedule_enter(
        year=2027, days=parse_schedule("2027-03-06,班,调休上班\n", year=2027), actor=legal
    )
    assert calendar.contest_due(D(2027, 3, 3)) == D(2027, 3, 9)

"""Years the calendar does not know: the statutory holidays of the 全国年节及纪念日放假办法 (2024
revision) count, provisionally, until the legal office enters the year's schedule."""

import datetime

import pytest

from supervision import calendar
from supervision.services import parse_schedule, schedule_enter

D = datetime.date

pytestmark = pytest.mark.django_db

# The State Council's schedule for 2027 as an office would type it (an example, not the real one).
SCHEDULE_2027 = """\
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-20,班,调休上班
"""


def test_the_statutory_holidays_of_2027_follow_the_law_and_the_lunar_calendar():
    holidays = calendar.statutory_holidays(2027)
    assert sorted(holidays) == [
        D(2027, 1, 1),
        # 春节: 除夕 (5 February 2027) through 初三.
        D(2027, 2, 5),
        D(2027, 2, 6),
        D(2027, 2, 7),
        D(2027, 2, 8),
        D(2027, 4, 5),  # 清明, the solar term
        D(2027, 5, 1),
        D(2027, 5, 2),
        D(2027, 6, 9),  # 端午, lunar 5/5
        D(2027, 9, 15),  # 中秋, lunar 8/15
        D(2027, 10, 1),
        D(2027, 10, 2),
        D(2027, 10, 3),
    ]
    assert holidays[D(2027, 2, 5)] == "Spring Festival"


def test_the_statutory_holidays_agree_with_the_published_2026_schedule():
    # Every day the law fixes in 2026 is a holiday in the State Council's 2026 schedule.
    for day in calendar.statutory_holidays(2026):
        assert not calendar.is_working_day(day), day


def test_a_decision_of_22_december_2026_is_not_due_on_new_years_day_2027():
    deadline = calendar.deadline_after(D(2026, 12, 22), 10)
    assert deadline.raw_last_day == D(2027, 1, 1)
    assert deadline.due == D(2027, 1, 4)
    assert deadline.skipped == (D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3))
    assert deadline.provisional is True
    assert deadline.explain() == (
        "期限10日，自2026年12月22日的次日起算，期限届满日为2027年1月1日。"
        "2027年1月1日为元旦（法定节假日，尚未公布调休安排）。"
        "2027年1月1日、2027年1月2日、2027年1月3日为法定节假日或休息日，"
        "期限顺延至其后第一个工作日，即2027年1月4日。"
        "当年节假日安排尚未公布，暂按双休日和法定节假日推算，此截止日期为暂定日期，"
        "录入当年安排后将自动重新计算。"
    )


def test_the_day_before_the_holiday_is_still_a_working_day():
    deadline = calendar.deadline_after(D(2026, 12, 21), 10)
    assert deadline.due == D(2026, 12, 31)
    assert deadline.provisional is False


def test_the_spring_festival_of_an_unknown_year_moves_a_deadline_past_it():
    deadline = calendar.deadline_after(D(2027, 1, 26), 10)
    assert deadline.raw_last_day == D(2027, 2, 5)
    assert deadline.due == D(2027, 2, 9)
    assert "2027年2月5日、2027年2月6日、2027年2月7日、2027年2月8日为春节（法定节假日" in (
        deadline.explain()
    )


def test_national_day_of_an_unknown_year_lasts_the_three_days_the_law_fixes():
    # 1 October 2027 is a Friday: 1-3 October off by law, Monday 4 October is (provisionally) worked.
    deadline = calendar.deadline_on(D(2027, 10, 1))
    assert deadline.due == D(2027, 10, 4)
    assert deadline.provisional is True


def test_entering_the_years_schedule_replaces_the_statutory_guess(legal):
    before = calendar.deadline_after(D(2027, 1, 26), 10)
    assert before.due == D(2027, 2, 9)
    schedule_enter(year=2027, days=parse_schedule(SCHEDULE_2027, year=2027), actor=legal)
    after = calendar.deadline_after(D(2027, 1, 26), 10)
    assert after.due == D(2027, 2, 12)
    assert after.provisional is False
    assert "为春节假期" in after.explain()
    assert "尚未公布" not in after.explain()
    # A day the law fixes but the office's schedule does not list is a working day: 清明 here.
    assert calendar.is_working_day(D(2027, 4, 5))


def test_the_explanation_for_22_december_2026_after_the_2027_schedule_is_entered(legal):
    schedule_enter(year=2027, days=parse_schedule(SCHEDULE_2027, year=2027), actor=legal)
    deadline = calendar.deadline_after(D(2026, 12, 22), 10)
    assert deadline.due == D(2027, 1, 4)
    assert deadline.provisional is False
    assert deadline.explain() == (
        "期限10日，自2026年12月22日的次日起算，期限届满日为2027年1月1日。"
        "2027年1月1日为元旦假期。"
        "2027年1月1日、2027年1月2日、2027年1月3日为法定节假日或休息日，"
        "期限顺延至其后第一个工作日，即2027年1月4日。"
    )


def test_a_made_up_working_saturday_is_named_in_the_explanation():
    deadline = calendar.deadline_after(D(2026, 9, 30), 10)
    assert deadline.due == D(2026, 10, 10)
    assert deadline.explain() == (
        "期限10日，自2026年9月30日的次日起算，期限届满日为2026年10月10日。"
        "2026年10月10日（星期六）为调休工作日，截止日期为2026年10月10日。"
    )


def test_a_last_day_on_a_holiday_moves_to_a_made_up_working_saturday(legal):
    schedule = "2027-05-03,休,劳动节\n2027-05-07,休,劳动节\n2027-05-08,班,调休上班\n"
    schedule_enter(year=2027, days=parse_schedule(schedule, year=2027), actor=legal)
    deadline = calendar.deadline_after(D(2027, 4, 27), 10)
    assert deadline.skipped == (D(2027, 5, 7),)
    assert deadline.due == D(2027, 5, 8)
    assert deadline.explain() == (
        "期限10日，自2027年4月27日的次日起算，期限届满日为2027年5月7日。"
        "2027年5月7日为劳动节假期。"
        "2027年5月7日为法定节假日或休息日，期限顺延至其后第一个工作日，即2027年5月8日。"
        "2027年5月8日（星期六）为调休工作日，截止日期为2027年5月8日。"
    )

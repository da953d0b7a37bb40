"""Official documents on working days: the daily checks issue nothing on a day off, and the next
working day's run issues what fell due meanwhile (National Day week 2026, and the make-up working
Saturday of 10 October 2026)."""

import io

from django.core.management import call_command

from supervision.deadlines import run_deadline_checks
from supervision.models import Notice

from .conftest import D, decided


def overdue_notices():
    return list(Notice.objects.filter(rule="decision_filing", kind="overdue").order_by("sequence"))


def test_nothing_is_issued_in_the_national_day_week_and_all_of_it_on_8_october(
    legal, clerk_a, category_a
):
    # Made on 20 September, due on Wednesday 30 September: overdue from 1 October.
    due_before = decided(clerk_a, legal, category_a, made_on=D(2026, 9, 20))
    assert due_before.filing_due == D(2026, 9, 30)
    # Made on 23 September: the last day, 3 October, moves past the holiday to 8 October.
    due_after = decided(
        clerk_a, legal, category_a, made_on=D(2026, 9, 23), number="宿建罚决〔2026〕2号"
    )
    assert due_after.filing_due == D(2026, 10, 8)
    run_deadline_checks(D(2026, 9, 30))  # the last day: a reminder of both, no overdue notice
    reminders = Notice.objects.filter(rule="decision_filing", kind="reminder").count()
    assert reminders == 2
    assert overdue_notices() == []
    for day in range(1, 8):
        results = run_deadline_checks(D(2026, 10, day))
        assert all(r.issued == [] for r in results), day
    assert Notice.objects.filter(issued_on__gt=D(2026, 9, 30)).count() == 0
    run_deadline_checks(D(2026, 10, 8))
    (notice,) = overdue_notices()
    assert notice.object_key == f"decision_filing:{due_before.department_id}:2026-10-08"
    assert due_before.case_number in notice.subject
    assert notice.issued_on == D(2026, 10, 8)
    assert notice.sequence == Notice.objects.filter(issued_on=D(2026, 9, 30)).count() + 1


def test_the_made_up_working_saturday_issues_and_the_sunday_after_does_not(
    legal, clerk_a, category_a
):
    # Made on 29 September: due on Friday 9 October, overdue from Saturday 10 October, a working
    # day made up for the National Day holiday (调休).
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 9, 29))
    assert decision.filing_due == D(2026, 10, 9)
    run_deadline_checks(D(2026, 10, 9))
    assert overdue_notices() == []
    run_deadline_checks(D(2026, 10, 10))
    (notice,) = overdue_notices()
    assert notice.issued_on == D(2026, 10, 10)


def test_an_ordinary_sunday_issues_nothing_and_monday_does(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 9, 29))
    out = io.StringIO()
    call_command("run_deadline_checks", "--date", "2026-10-11", stdout=out)
    assert overdue_notices() == []
    assert "2026-10-11 is not a working day" in out.getvalue()
    call_command("run_deadline_checks", "--date", "2026-10-12", stdout=io.StringIO())
    (notice,) = overdue_notices()
    assert notice.object_key == f"decision_filing:{decision.department_id}:2026-10-12"
    assert notice.issued_on == D(2026, 10, 12)

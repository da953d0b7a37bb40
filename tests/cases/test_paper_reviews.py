"""Decisions reviewed and made on paper before the portal existed, entered later: the review's
declared day, the decision on or after it, deadlines and notices that follow the declared days."""

import io

import pytest
from django.core.management import call_command

from cases.models import MajorDecision
from supervision.models import AuditEntry, Notice
from tests.clock import at

from .conftest import D, register

URL = "/api/v1/decisions/"

pytestmark = pytest.mark.django_db


def test_a_paper_review_and_decision_of_september_entered_in_december(
    api, legal, clerk_a, category_a
):
    with at(D(2026, 12, 3)):
        decision = register(clerk_a, category_a)
        reviewed = api(legal).post(
            f"{URL}{decision.pk}/review/",
            {"result": "passed", "opinion": "同意。", "reviewed_on": "2026-09-22"},
            format="json",
        )
        assert reviewed.status_code == 200, reviewed.json()
        assert reviewed.json()["reviewed_on"] == "2026-09-22"
        made = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "2026-09-24"}, format="json"
        )
    assert made.status_code == 200, made.json()
    assert made.json()["filing_due"] == "2026-10-08"
    assert made.json()["filing_status"] == "overdue"
    # The checks of 9 October (run now, for that day) issue its overdue notice.
    call_command("run_deadline_checks", "--date", "2026-10-09", stdout=io.StringIO())
    notice = Notice.objects.get(rule="decision_filing", kind="overdue")
    assert notice.object_key == f"decision_filing:{decision.department_id}:2026-10-09"
    assert notice.issued_on == D(2026, 10, 9)


def test_the_audit_keeps_the_declared_day_and_the_moment_it_was_entered(legal, clerk_a, category_a):
    from cases import services

    with at(D(2026, 12, 3), hour=15):
        decision = register(clerk_a, category_a)
        services.decision_review(
            decision=decision,
            result="passed",
            opinion="同意。",
            actor=legal,
            reviewed_on=D(2026, 9, 22),
        )
    entry = AuditEntry.objects.for_record(decision).get(action="review_passed")
    assert entry.after["reviewed_on"] == "2026-09-22"
    assert entry.after["reviewed_at"].startswith("2026-12-03T07:00")  # 15:00 in Asia/Shanghai
    assert entry.at.date() == D(2026, 12, 3)


def test_the_review_day_defaults_to_today(api, legal, clerk_a, category_a):
    with at(D(2026, 12, 3)):
        decision = register(clerk_a, category_a)
        response = api(legal).post(f"{URL}{decision.pk}/review/", {"result": "passed"})
    assert response.json()["reviewed_on"] == "2026-12-03"


def test_a_review_day_in_the_future_is_a_field_error_and_saves_nothing(
    api, legal, clerk_a, category_a
):
    with at(D(2026, 12, 3)):
        decision = register(clerk_a, category_a)
        tomorrow = api(legal).post(
            f"{URL}{decision.pk}/review/",
            {"result": "passed", "reviewed_on": "2026-12-04"},
            format="json",
        )
        today = api(legal).post(
            f"{URL}{decision.pk}/review/",
            {"result": "passed", "reviewed_on": "2026-12-03"},
            format="json",
        )
    assert tomorrow.status_code == 400
    assert tomorrow.json() == {"reviewed_on": ["审核日期不能晚于今天。"]}
    assert today.status_code == 200


def test_a_decision_the_day_before_the_paper_review_is_refused(api, legal, clerk_a, category_a):
    with at(D(2026, 12, 3)):
        decision = register(clerk_a, category_a)
        api(legal).post(
            f"{URL}{decision.pk}/review/",
            {"result": "passed", "reviewed_on": "2026-09-22"},
            format="json",
        )
        before = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "2026-09-21"}, format="json"
        )
        same_day = api(clerk_a).post(
            f"{URL}{decision.pk}/decide/", {"decision_date": "2026-09-22"}, format="json"
        )
    assert before.status_code == 400
    assert before.json() == {
        "decision_date": ["决定日期不能早于法制审核通过之日（2026年9月22日）。"]
    }
    assert same_day.status_code == 200
    assert same_day.json()["filing_due"] == "2026-10-08"


def test_the_review_page_takes_the_paper_day(browser, legal, clerk_a, category_a):
    with at(D(2026, 12, 3)):
        decision = register(clerk_a, category_a)
        browser.force_login(legal)
        form = browser.get(f"/cases/decisions/{decision.pk}/").content.decode()
        assert 'name="reviewed_on"' in form
        future = browser.post(
            f"/cases/decisions/{decision.pk}/review/",
            {"result": "passed", "reviewed_on": "2026-12-05"},
        )
        assert "审核日期不能晚于今天。" in future.content.decode()
        assert MajorDecision.objects.get().review_status == "pending"
        response = browser.post(
            f"/cases/decisions/{decision.pk}/review/",
            {"result": "passed", "reviewed_on": "2026-09-22"},
        )
        assert response.status_code == 302
        detail = browser.get(f"/cases/decisions/{decision.pk}/").content.decode()
    assert MajorDecision.objects.get().reviewed_on == D(2026, 9, 22)
    assert "审核日期：2026年9月22日" in detail


def test_a_decision_of_22_december_2026_before_and_after_the_2027_schedule(
    api, legal, clerk_a, category_a
):
    from supervision.services import parse_schedule, schedule_enter

    from .conftest import decided

    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 22))
    assert (decision.filing_due, decision.filing_due_provisional) == (D(2027, 1, 4), True)
    with at(D(2026, 12, 22)):
        before = api(clerk_a).get(f"{URL}{decision.pk}/").json()["deadline"]["explanation"]
    assert "2027年1月1日为元旦（法定节假日，尚未公布调休安排）。" in before
    # The office enters a schedule for 2027 in which 4 January is also a day off (an example).
    schedule = "2027-01-01,休,元旦\n2027-01-04,休,元旦调休\n"
    with at(D(2026, 12, 23)):
        schedule_enter(year=2027, days=parse_schedule(schedule, year=2027), actor=legal)
        after = api(clerk_a).get(f"{URL}{decision.pk}/").json()
    assert (after["filing_due"], after["filing_due_provisional"]) == ("2027-01-05", False)
    assert after["deadline"]["explanation"] == (
        "期限10日，自2026年12月22日的次日起算，期限届满日为2027年1月1日。"
        "2027年1月1日为元旦假期。2027年1月4日为元旦调休假期。"
        "2027年1月1日、2027年1月2日、2027年1月3日、2027年1月4日为法定节假日或休息日，"
        "期限顺延至其后第一个工作日，即2027年1月5日。"
    )
    entry = AuditEntry.objects.for_record(decision).get(action="recompute_due")
    assert entry.after["filing_due"] == "2027-01-05"

"""The Django admin is one more door: the review gate holds there too."""

from cases.models import MajorDecision
from tests.clock import at

from .conftest import D, passed


def test_the_admin_cannot_write_a_decision_date_directly(browser, admin_user, pending_a):
    browser.force_login(admin_user)
    url = f"/admin/cases/majordecision/{pending_a.pk}/change/"
    assert browser.get(url).status_code == 200  # it can be read
    response = browser.post(url, {"decision_date": "2026-03-03", "review_status": "passed"})
    assert response.status_code == 403
    assert browser.get("/admin/cases/majordecision/add/").status_code == 403
    stored = MajorDecision.objects.get()
    assert (stored.review_status, stored.decision_date) == ("pending", None)


def test_the_admin_action_goes_through_the_review_gate(browser, admin_user, pending_a):
    browser.force_login(admin_user)
    with at(D(2026, 3, 3)):
        response = browser.post(
            "/admin/cases/majordecision/",
            {"action": "record_made_today", "_selected_action": [pending_a.pk]},
            follow=True,
        )
    text = response.content.decode()
    assert "该决定尚未通过法制审核（正在审核中），不能登记为已作出。" in text
    assert MajorDecision.objects.get().decision_date is None


def test_the_admin_action_records_a_passed_decision_with_its_deadline(
    browser, admin_user, legal, clerk_a, category_a
):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 4))
    browser.force_login(admin_user)
    with at(D(2026, 3, 5)):
        response = browser.post(
            "/admin/cases/majordecision/",
            {"action": "record_made_today", "_selected_action": [decision.pk]},
            follow=True,
        )
    assert "已将1件决定登记为已作出。" in response.content.decode()
    decision.refresh_from_db()
    assert (decision.decision_date, decision.filing_due) == (D(2026, 3, 5), D(2026, 3, 16))


def test_only_the_administrator_enters_the_admin(browser, legal, pending_a):
    browser.force_login(legal)
    response = browser.get(f"/admin/cases/majordecision/{pending_a.pk}/change/")
    assert response.status_code == 302

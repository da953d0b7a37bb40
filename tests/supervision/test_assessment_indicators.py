"""The year's template of indicators: the city's legal office sets what each indicator is worth in
a year (audited); the year's sheets count with it; a year without a template keeps the rules' own
points; nobody else reaches the page."""

import datetime
from decimal import Decimal

import pytest

from supervision import dashboard
from supervision.models import AssessmentIndicator, AuditEntry
from tests.clock import at
from tests.factories import decided_decision

D = datetime.date
URL = "/assessment/indicators/?year=2026"


@pytest.fixture
def three_late(department_a):
    for month in (3, 4, 5):
        decided_decision(department_a, D(2026, month, 3), filed=D(2026, month, 25))
    return department_a


def sheet_line(department, year, name):
    sheet = next(
        s
        for s in dashboard.sheets(dashboard.departments_for_all(), year)
        if s.department == department
    )
    return next((rule, d) for rule, d in sheet.lines if rule.name == name)


def posted(rules, **changes):
    data = {}
    for rule in rules:
        data[f"{rule.name}__max_points"] = str(rule.max_points)
        if rule.uses_per_item:
            data[f"{rule.name}__per_item"] = str(rule.per_item)
        data[f"{rule.name}__basis"] = str(rule.basis)
    data.update(changes)
    return data


@at(D(2027, 3, 1))
def test_the_city_office_sets_the_years_points_and_the_sheets_count_with_them(
    browser, legal, three_late
):
    rule, deduction = sheet_line(three_late, 2026, "decision_filing")
    assert (rule.max_points, rule.per_item, deduction.points) == (20, 2, 6)  # the rule's own

    browser.force_login(legal)
    page = browser.get(URL).content.decode()
    assert "重大行政执法决定备案：分值" in page
    rules = dashboard.indicators(2026)
    response = browser.post(
        URL,
        posted(
            rules,
            decision_filing__max_points="5",
            decision_filing__per_item="3",
            decision_filing__basis="每件逾期或者未备案扣3分，最多扣5分",
        ),
    )
    assert response.status_code == 302
    row = AssessmentIndicator.objects.get()  # only what changed has a row
    assert (row.year, row.rule, row.max_points, row.per_item) == (2026, "decision_filing", 5, 3)
    entry = AuditEntry.objects.get(action="create", object_id=str(row.pk))
    assert entry.actor == legal

    rule, deduction = sheet_line(three_late, 2026, "decision_filing")
    assert (rule.max_points, deduction.points) == (Decimal("5"), Decimal("5"))  # 9, capped at 5
    assert str(rule.basis) == "每件逾期或者未备案扣3分，最多扣5分"
    # Another year keeps the rules' own points.
    assert sheet_line(three_late, 2027, "decision_filing")[0].max_points == 20

    # A change is audited with before and after; saving the same again writes nothing.
    data = posted(dashboard.indicators(2026), decision_filing__max_points="8")
    assert browser.post(URL, data).status_code == 302
    assert browser.post(URL, data).status_code == 302
    change = AuditEntry.objects.get(action="change", object_id=str(row.pk))
    assert (change.before["max_points"], change.after["max_points"]) == ("5.0", "8.0")
    sheet = browser.get(f"/assessment/{three_late.pk}/2026/").content.decode()
    assert "每件逾期或者未备案扣3分，最多扣8分" not in sheet  # the office's words, as typed
    assert "每件逾期或者未备案扣3分，最多扣5分" in sheet


@at(D(2027, 3, 1))
def test_bad_points_answer_field_errors_in_chinese_and_change_nothing(browser, legal):
    browser.force_login(legal)
    response = browser.post(
        URL, posted(dashboard.indicators(2026), decision_filing__max_points="120")
    )
    assert response.status_code == 400
    assert "100" in response.content.decode()
    response = browser.post(URL, posted(dashboard.indicators(2026), decision_filing__per_item="x"))
    assert response.status_code == 400
    assert "请输入一个数字" in response.content.decode()
    assert not AssessmentIndicator.objects.exists()


@at(D(2027, 3, 1))
def test_only_the_city_office_reaches_the_template(browser, clerk_a, county_legal, supervisor):
    for user in (clerk_a, county_legal, supervisor):
        browser.force_login(user)
        assert browser.get(URL).status_code == 404
        assert browser.post(URL, {"decision_filing__max_points": "1"}).status_code == 404
    assert not AssessmentIndicator.objects.exists()

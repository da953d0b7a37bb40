"""The cases app's deadline rules on the kernel's engine: which items, which notices, once,
set-based, and recomputed when a year's holiday schedule is entered."""

import io

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from cases import services
from cases.models import CaseCatalogue, MajorDecision
from supervision import notices
from supervision.calendar import WorkingCalendar
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import AuditEntry, Notice
from supervision.services import schedule_enter
from tests.clock import at

from .conftest import D, decided, make_departments, passed, signed_catalogue


def issued(rule, kind=None):
    found = Notice.objects.filter(rule=rule).order_by("sequence")
    return list(found.filter(kind=kind) if kind else found)


def check(day):
    with at(day):
        return {r.rule: (r.reminders, r.overdue) for r in run_deadline_checks(day)}


def selects(captured):
    """Reads in the captured queries; on PostgreSQL ``.iterator()`` reads through a server-side
    cursor, logged as ``DECLARE ... CURSOR ... FOR SELECT``."""
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("SELECT", "DECLARE"))
    )


# A major decision, from the browser to the overdue notice ------------------------------------


def test_a_decision_from_registration_to_its_overdue_notice(
    browser, legal, clerk_a, clerk_b, category_a, api
):
    browser.force_login(clerk_a)
    with at(D(2026, 3, 3)):
        browser.post(
            "/cases/decisions/new/",
            {
                "case_number": "宿建罚决〔2026〕5号",
                "title": "某置业公司擅自施工案",
                "party": "宿州某置业有限公司",
                "category": category_a.pk,
                "summary": "未取得施工许可擅自施工。",
            },
        )
    decision = MajorDecision.objects.get()
    browser.force_login(legal)
    with at(D(2026, 3, 4)):
        browser.post(
            f"/cases/decisions/{decision.pk}/review/", {"result": "passed", "opinion": "同意。"}
        )
    browser.force_login(clerk_a)
    with at(D(2026, 3, 5)):
        browser.post(f"/cases/decisions/{decision.pk}/decide/", {"decision_date": "2026-03-05"})
    decision.refresh_from_db()
    assert decision.filing_due == D(2026, 3, 16)  # 3-15 is a Sunday

    assert check(D(2026, 3, 6))["decision_filing"] == (0, 0)
    # Three working days before the deadline (11, 12, 13, 16 March): a reminder, once.
    assert check(D(2026, 3, 10))["decision_filing"] == (0, 0)
    assert check(D(2026, 3, 11))["decision_filing"] == (1, 0)
    assert check(D(2026, 3, 11))["decision_filing"] == (0, 0)
    assert check(D(2026, 3, 16))["decision_filing"] == (0, 0)
    (reminder,) = issued("decision_filing", Notice.Kind.REMINDER)
    assert reminder.subject == "关于重大行政执法决定（宿建罚决〔2026〕5号）备案期限将至的提醒"
    assert reminder.department == clerk_a.department
    assert reminder.due_date == D(2026, 3, 16)
    # The day after the deadline: the overdue notice, once.
    assert check(D(2026, 3, 17))["decision_filing"] == (0, 1)
    assert check(D(2026, 3, 17))["decision_filing"] == (0, 0)
    (overdue,) = issued("decision_filing", Notice.Kind.OVERDUE)
    assert overdue.subject == "关于重大行政执法决定（宿建罚决〔2026〕5号）逾期未备案的通知"
    assert "某置业公司擅自施工案" in overdue.body
    assert "2026年3月5日作出" in overdue.body
    assert "备案期限至2026年3月16日" in overdue.body
    assert "2026年3月15日" in overdue.explanation  # the Sunday it moved over
    assert overdue.number.startswith("宿法监通〔2026〕")
    text = (
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(notices.render_pdf(overdue))).pages)
        .replace(" ", "")
        .replace("\n", "")
    )
    assert "逾期未备案的通知" in text
    assert overdue.number in text
    assert "2026年3月16日" in text
    # The department's inbox has it; the other department's does not.
    numbers = [n["number"] for n in api(clerk_a).get("/api/v1/notices/").json()["results"]]
    assert overdue.number in numbers
    assert overdue.number not in [
        n["number"] for n in api(clerk_b).get("/api/v1/notices/").json()["results"]
    ]


def test_the_command_prints_per_rule_counts(legal, clerk_a, category_a):
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 5))
    out = io.StringIO()
    with at(D(2026, 3, 17)):
        call_command("run_deadline_checks", "--date", "2026-03-17", stdout=out)
    assert "decision_filing: 0 reminders, 1 overdue notices" in out.getvalue()


def test_a_decision_filed_in_time_gets_no_notice(legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 5))
    with at(D(2026, 3, 9)):
        services.decision_file(decision=decision, actor=clerk_a)
    for day in (D(2026, 3, 11), D(2026, 3, 17), D(2026, 4, 1)):
        assert check(day)["decision_filing"] == (0, 0)


def test_decisions_not_made_are_not_due(legal, clerk_a, category_a, pending_a):
    passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 2), number="passed-only")
    assert check(D(2026, 12, 1))["decision_filing"] == (0, 0)


def test_finding_due_decisions_costs_the_same_queries_for_3_and_30(legal, clerk_a, category_a):
    rule = get_rule("decision_filing")
    day = D(2026, 3, 13)

    def make(numbers):
        for n in numbers:
            # Made 3 March (due 13 March, a reminder) or 2 March (due 12 March, overdue).
            decided(clerk_a, legal, category_a, made_on=D(2026, 3, 2 + n % 2), number=f"N{n}")

    def count():
        calendar = WorkingCalendar.load()
        with CaptureQueriesContext(connection) as captured:
            drafts = list(rule.drafts(day, calendar))
        return selects(captured), len(drafts)

    make(range(3))
    few, drafted_few = count()
    make(range(100, 127))
    many, drafted_many = count()
    # A reminder per decision due soon; one overdue notice for the department.
    assert (drafted_few, drafted_many) == (1 + 1, 14 + 1)
    assert few == many == 2  # one query for the reminders, one for the overdue decisions


def test_one_overdue_notice_per_department_lists_its_decisions_once(
    legal, clerk_a, clerk_b, category_a, category_b
):
    for n, made_on in enumerate([D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 3)], 1):
        decided(clerk_a, legal, category_a, made_on=made_on, number=f"宿建罚决〔2026〕{n}号")
    decided(clerk_b, legal, category_b, made_on=D(2026, 3, 3), number="宿交罚决〔2026〕9号")
    assert check(D(2026, 3, 17))["decision_filing"] == (0, 2)
    by_department = {n.department: n for n in issued("decision_filing", "overdue")}
    to_a, to_b = by_department[clerk_a.department], by_department[clerk_b.department]
    assert to_a.subject == "关于3件重大行政执法决定逾期未备案的通知"
    assert to_a.body.count("备案期限至") == 3
    assert "宿建罚决〔2026〕1号" in to_a.body
    assert "宿建罚决〔2026〕3号" in to_a.body
    assert "宿交罚决〔2026〕9号" not in to_a.body
    assert to_b.subject == "关于重大行政执法决定（宿交罚决〔2026〕9号）逾期未备案的通知"
    assert (to_a.object_id, to_a.period) == (clerk_a.department_id, "2026-03-17")
    # Told once: the same day again, the next days, nothing.
    for day in (D(2026, 3, 17), D(2026, 3, 18), D(2026, 3, 19)):
        assert check(day)["decision_filing"] == (0, 0)
    # A decision falling due later is listed in a notice of its own day, alone.
    later = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 9), number="宿建罚决〔2026〕4号")
    assert later.filing_due == D(2026, 3, 19)
    assert check(D(2026, 3, 20))["decision_filing"] == (0, 1)
    newest = issued("decision_filing", "overdue")[-1]
    assert "宿建罚决〔2026〕4号" in newest.subject
    assert "宿建罚决〔2026〕1号" not in newest.body


def test_a_decision_told_alone_before_the_grouping_is_not_told_again(legal, clerk_a, category_a):
    told = decided(clerk_a, legal, category_a, made_on=D(2026, 3, 2), number="宿建罚决〔2026〕1号")
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 2), number="宿建罚决〔2026〕2号")
    rule = get_rule("decision_filing")
    draft = rule.draft(told, Notice.Kind.OVERDUE, D(2026, 3, 13))
    draft.object_key, draft.object_id = rule.item_key(told), told.pk  # as it was issued then
    with at(D(2026, 3, 13)):
        notices.issue([draft], rule="decision_filing", day=D(2026, 3, 13))
    assert check(D(2026, 3, 17))["decision_filing"] == (0, 1)
    newest = issued("decision_filing", "overdue")[-1]
    assert "宿建罚决〔2026〕2号" in newest.subject


# The case-file catalogue -----------------------------------------------------------------------


def test_reminders_then_overdue_notices_to_departments_without_a_filed_catalogue(
    legal, legal_department, clerk_a, clerk_b, department_a, department_b
):
    with at(D(2026, 1, 10)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2025)
    with at(D(2026, 1, 20)):
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue, actor=clerk_a)
    assert check(D(2026, 1, 20))["catalogue_filing"] == (0, 0)
    # 28 January + 3 working days reaches 2 February, the deadline (31 Jan is a Saturday).
    assert check(D(2026, 1, 28))["catalogue_filing"] == (1, 0)
    assert check(D(2026, 1, 29))["catalogue_filing"] == (0, 0)
    assert check(D(2026, 2, 2))["catalogue_filing"] == (0, 0)
    assert check(D(2026, 2, 3))["catalogue_filing"] == (0, 1)
    assert check(D(2026, 2, 3))["catalogue_filing"] == (0, 0)
    reminder, overdue = issued("catalogue_filing")
    # Only department B, which has not even opened its catalogue; never the legal office.
    assert {reminder.department, overdue.department} == {department_b}
    assert reminder.subject == "关于2025年度案卷目录备案期限将至的提醒"
    assert overdue.subject == "关于2025年度案卷目录逾期未备案的通知"
    assert overdue.addressee == "宿州市交通运输局"
    assert "2026年1月31日" in overdue.explanation
    assert "2026年2月1日" in overdue.explanation


def test_an_open_catalogue_not_filed_is_overdue_too(clerk_a, department_a):
    with at(D(2026, 1, 10)):
        services.catalogue_open(actor=clerk_a, year=2025)
    assert check(D(2026, 2, 3))["catalogue_filing"] == (0, 1)
    assert issued("catalogue_filing")[0].department == department_a


def test_finding_departments_without_a_catalogue_costs_the_same_for_3_and_30(legal):
    rule = get_rule("catalogue_filing")
    day = D(2026, 2, 3)

    def count():
        calendar = WorkingCalendar.load()
        with CaptureQueriesContext(connection) as captured:
            drafts = list(rule.drafts(day, calendar))
        return selects(captured), len(drafts)

    make_departments(range(3))
    few, drafted_few = count()
    make_departments(range(100, 127))
    many, drafted_many = count()
    assert (drafted_few, drafted_many) == (3, 30)
    assert few == many == 1


# Recomputing after a year's schedule is entered ----------------------------------------------


def test_entering_a_years_schedule_fixes_provisional_deadlines(legal, clerk_a, category_a):
    open_decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25), number="open")
    filed_decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25), number="filed")
    with at(D(2026, 12, 28)):
        services.decision_file(decision=filed_decision, actor=clerk_a)
    with at(D(2027, 1, 2)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2026)
    assert (open_decision.filing_due, open_decision.filing_due_provisional) == (D(2027, 1, 4), True)
    assert (catalogue.due, catalogue.due_provisional) == (D(2027, 2, 1), True)

    # A made-up 2027 schedule: 4 January and 1 February are holidays.
    with at(D(2027, 1, 3)):
        _schedule, changed = schedule_enter(
            year=2027,
            days=[
                (D(2027, 1, 1), False, "元旦"),
                (D(2027, 1, 4), False, "调休"),
                (D(2027, 2, 1), False, "调休"),
            ],
            actor=legal,
        )
    assert changed["decision_filing"] == 1
    assert changed["catalogue_filing"] == 1
    open_decision.refresh_from_db()
    filed_decision.refresh_from_db()
    catalogue.refresh_from_db()
    assert (open_decision.filing_due, open_decision.filing_due_provisional) == (
        D(2027, 1, 5),
        False,
    )
    assert (catalogue.due, catalogue.due_provisional) == (D(2027, 2, 2), False)
    # A filed decision keeps the deadline it was filed against.
    assert (filed_decision.filing_due, filed_decision.filing_due_provisional) == (
        D(2027, 1, 4),
        True,
    )
    entry = AuditEntry.objects.for_record(open_decision).get(action="recompute_due")
    assert entry.before == {"filing_due": "2027-01-04", "filing_due_provisional": True}
    assert entry.after == {"filing_due": "2027-01-05", "filing_due_provisional": False}
    # Entering the same schedule again changes nothing.
    with at(D(2027, 1, 3)):
        _schedule, again = schedule_enter(
            year=2027,
            days=[
                (D(2027, 1, 1), False, "元旦"),
                (D(2027, 1, 4), False, "调休"),
                (D(2027, 2, 1), False, "调休"),
            ],
            actor=legal,
        )
    assert again["decision_filing"] == again["catalogue_filing"] == 0
    assert CaseCatalogue.objects.get().due == D(2027, 2, 2)


def test_a_filed_record_keeps_the_explanation_stored_with_its_deadline(
    browser, api, legal, clerk_a, category_a
):
    open_decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25), number="open")
    filed_decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25), number="filed")
    with at(D(2026, 12, 28)):
        services.decision_file(decision=filed_decision, actor=clerk_a)
    with at(D(2027, 1, 2)):
        catalogue = services.catalogue_open(actor=clerk_a, year=2026)
    with at(D(2027, 1, 20)):
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue, actor=clerk_a)

    def deadline(url):
        return api(clerk_a).get(url).json()["deadline"]

    def page(url):
        browser.force_login(clerk_a)
        return browser.get(url).content.decode()

    def explained(deadline):
        return f'<p class="explanation">{deadline["explanation"]}</p>'

    decision_url = f"/api/v1/decisions/{filed_decision.pk}/"
    catalogue_url = f"/api/v1/catalogues/{catalogue.pk}/"
    filed_before, catalogue_before = deadline(decision_url), deadline(catalogue_url)
    assert (filed_before["due"], filed_before["provisional"]) == ("2027-01-04", True)
    assert (catalogue_before["due"], catalogue_before["provisional"]) == ("2027-02-01", True)

    # A made-up 2027 schedule: 4 January and 1 February are holidays.
    with at(D(2027, 1, 21)):
        schedule_enter(
            year=2027,
            days=[(D(2027, 1, 4), False, "调休"), (D(2027, 2, 1), False, "调休")],
            actor=legal,
        )

    # Filed: the deadline as it was counted when the record was filed, explanation and all.
    assert deadline(decision_url) == filed_before
    assert deadline(catalogue_url) == catalogue_before
    filed_page = page(f"/cases/decisions/{filed_decision.pk}/")
    assert explained(filed_before) in filed_page
    assert "<strong>2027年1月4日</strong>" in filed_page
    assert explained(catalogue_before) in page(f"/cases/catalogues/{catalogue.pk}/")
    # Open: counted again, and explained as counted again.
    reopened = deadline(f"/api/v1/decisions/{open_decision.pk}/")
    assert (reopened["due"], reopened["skipped"], reopened["provisional"]) == (
        "2027-01-05",
        ["2027-01-04"],
        False,
    )
    open_page = page(f"/cases/decisions/{open_decision.pk}/")
    assert explained(reopened) in open_page
    assert "<strong>2027年1月5日</strong>" in open_page
    assert explained(filed_before) not in open_page

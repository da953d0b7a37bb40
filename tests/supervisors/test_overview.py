"""The legal office's overview of its supervisors (constant queries whatever their number), its
.xlsx, the quarter's compilation for the government (a numbered notice and its PDF), the
supervisor's personal reminder in their inbox, and the demo."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from supervision import notices
from supervision.deadlines import run_deadline_checks
from supervision.models import Notice, User
from supervisors import services
from supervisors.models import QuarterlyReport, SupervisorProfile
from tests.clock import at
from tests.factories import DepartmentFactory, SupervisorFactory

from .conftest import D, activity, appoint

DEC_3 = D(2026, 12, 3)


def _supervisors(legal, count, departments):
    for n in range(count):
        person = SupervisorFactory(first_name=f"监督员{n}")
        appoint(legal, person, departments)
        activity(person, departments[0], D(2026, 10, 20 + n % 5))
        report = services.quarter_report(person, D(2026, 10, 20))
        if n % 2:
            with at(D(2026, 11, 2)):
                services.report_change(report=report, actor=person, text="报告")
                services.problem_add(
                    report=report, actor=person, department=departments[0], description="问题"
                )
                services.report_submit(report=report, actor=person)


def _queries(browser, url):
    with at(DEC_3), CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_overview_costs_the_same_for_3_or_30_supervisors(browser, legal, department_a):
    browser.force_login(legal)
    _supervisors(legal, 3, [department_a])
    few = _queries(browser, "/supervisors/?year=2026&quarter=4")
    _supervisors(legal, 27, [department_a, DepartmentFactory()])
    many = _queries(browser, "/supervisors/?year=2026&quarter=4")
    assert few == many
    print(f"supervisors overview: {many} queries")


def test_the_overview_shows_each_supervisors_quarter_and_exports(
    browser, legal, supervisor, profile, department_a
):
    _supervisors(legal, 2, [department_a])
    browser.force_login(legal)
    with at(DEC_3):
        page = browser.get("/supervisors/?year=2026&quarter=4").content.decode()
        export = browser.get("/supervisors/?year=2026&quarter=4&export=xlsx")
    assert "监督员1" in page
    assert "按时报送" in page
    assert "未报送" in page
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "监督员"
    assert {row[0] for row in rows[1:]} >= {"监督员0", "监督员1"}


def test_the_quarter_is_compiled_into_one_numbered_document(
    browser, legal, supervisor, profile, department_a
):
    _supervisors(legal, 2, [department_a])
    with at(D(2026, 12, 31)):
        browser.force_login(legal)
        early = browser.post("/supervisors/compile/", {"year": 2026, "quarter": 4})
    assert early.status_code == 409
    with at(D(2027, 1, 4)):
        browser.force_login(legal)
        response = browser.post("/supervisors/compile/", {"year": 2026, "quarter": 4})
        assert response.status_code == 302
        again = browser.post("/supervisors/compile/", {"year": 2026, "quarter": 4})
        assert again.status_code == 409
    notice = Notice.objects.get(rule=services.COMPILATION_RULE)
    assert notice.number == "宿法监通〔2027〕1号"
    assert notice.addressee == "宿州市人民政府"
    text = (
        "".join(
            page.extract_text() for page in PdfReader(io.BytesIO(notices.render_pdf(notice))).pages
        )
        .replace(" ", "")
        .replace("\n", "")
    )
    assert "关于2026年第4季度特邀行政执法监督员监督工作情况的报告" in text
    assert "3名监督员中有1名报送了书面报告" in text
    assert "监督员1" in text
    assert "逾期" not in text


def test_the_supervisor_reads_their_reminder_and_marks_it_read(
    browser, supervisor, profile, other_supervisor
):
    with at(D(2026, 9, 16)):
        run_deadline_checks(D(2026, 9, 16))
    mine = Notice.objects.get(addressee_user=supervisor)
    theirs = Notice.objects.get(addressee_user=other_supervisor)
    browser.force_login(supervisor)
    inbox = browser.get("/notices/").content.decode()
    assert mine.number in inbox
    assert theirs.number not in inbox
    assert browser.get(f"/notices/{theirs.pk}/").status_code == 404
    assert browser.post(f"/notices/{mine.pk}/", {"action": "read"}).status_code == 302
    mine.refresh_from_db()
    assert mine.read_by == supervisor


@pytest.mark.usefixtures("db")
def test_the_demo_has_three_supervisors_with_a_mix_of_quarters(settings):
    settings.DEBUG = True
    with at(DEC_3):
        call_command("seed_demo", stdout=io.StringIO())
        call_command("seed_demo", stdout=io.StringIO())
    assert SupervisorProfile.objects.count() == 3
    q3 = {
        r.supervisor.username: r
        for r in QuarterlyReport.objects.filter(year=2026, quarter=3).select_related("supervisor")
    }
    assert q3["supervisor1"].on_time is True
    assert q3["supervisor2"].on_time is False
    assert q3["supervisor3"].submitted_on is None
    assert User.objects.get(username="supervisor1").contact_departments.count() == 2

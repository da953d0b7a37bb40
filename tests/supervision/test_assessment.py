"""The annual assessment's sheets: full marks less each registered deduction, ranked; the page,
the .xlsx workbook and the PDF; each department's sheet readable by its own clerk and the legal
offices above it, nobody else."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from supervision import dashboard
from tests.clock import at
from tests.factories import DepartmentFactory, decided_decision

D = datetime.date


@pytest.fixture
def year_2026(department_a, department_b):
    """2026 judged on 1 March 2027: A filed two decisions late, B one; neither filed a catalogue
    or a training plan; C (another city department) the same as B."""
    decided_decision(department_a, D(2026, 3, 3), filed=D(2026, 3, 20))
    decided_decision(department_a, D(2026, 4, 1), filed=D(2026, 4, 20))
    decided_decision(department_b, D(2026, 3, 3), filed=D(2026, 3, 20))
    department_c = DepartmentFactory(code="CGJ", name="宿州市城市管理行政执法局")
    decided_decision(department_c, D(2026, 3, 3), filed=D(2026, 3, 20))
    return department_a, department_b, department_c


@at(D(2027, 3, 1))
def test_sheets_are_full_marks_less_the_deductions_and_ties_share_a_rank(year_2026):
    sheets = dashboard.sheets(dashboard.departments_for_all(), 2026)
    # Catalogue for 2025 missing (5) and the 2026 plan missing (5) for all three.
    assert [(s.department.code, s.score, s.rank) for s in sheets] == [
        ("CGJ", 88, 1),
        ("JTJ", 88, 1),
        ("ZJJ", 86, 3),
    ]
    lines = {rule.name: deduction for rule, deduction in sheets[2].lines}
    assert lines["decision_filing"].points == 4
    assert lines["training_hours"] is None


@at(D(2027, 3, 1))
def test_the_page_ranks_the_departments_and_links_each_sheet(browser, legal, year_2026):
    department_a = year_2026[0]
    browser.force_login(legal)
    page = browser.get("/assessment/?year=2026").content.decode()
    assert "2026年度依法行政考核（行政执法监督部分）" in page
    assert f'href="/assessment/{department_a.pk}/2026/"' in page
    sheet = browser.get(f"/assessment/{department_a.pk}/2026/").content.decode()
    assert "重大行政执法决定备案" in sheet
    assert "应于2026年3月13日前备案，2026年3月20日备案" in sheet
    assert "<strong>86.0</strong>" in sheet


@at(D(2027, 3, 1))
def test_the_workbook_has_the_ranking_and_a_sheet_per_department(browser, legal, year_2026):
    browser.force_login(legal)
    response = browser.get("/assessment/?year=2026&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["排名", "CGJ", "JTJ", "ZJJ"]
    ranking = list(workbook["排名"].values)
    assert ranking[0][:3] == ("名次", "部门", "行政区划")
    assert ranking[-1][1] == "宿州市住房和城乡建设局"
    assert ranking[-1][-1] == 86
    zjj = list(workbook["ZJJ"].values)
    assert zjj[-1][:2] == ("最终得分", 86)
    texts = [row[3] for row in zjj if row[3]]
    assert any("2026年3月20日备案" in text for text in texts)


@at(D(2027, 3, 1))
def test_the_pdf_is_the_sheet_of_the_departments_legal_office(browser, legal, year_2026):
    department_a = year_2026[0]
    browser.force_login(legal)
    response = browser.get(f"/assessment/{department_a.pk}/2026/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "宿州市人民政府法制办公室" in compact
    assert "宿州市住房和城乡建设局" in compact
    assert "86.0" in compact


@at(D(2027, 3, 1))
def test_a_clerk_reads_their_own_sheet_only(browser, clerk_a, year_2026):
    department_a, department_b, _c = year_2026
    browser.force_login(clerk_a)
    page = browser.get("/assessment/?year=2026").content.decode()
    assert "宿州市住房和城乡建设局" in page
    assert "宿州市交通运输局" not in page
    assert browser.get(f"/assessment/{department_a.pk}/2026/").status_code == 200
    for url in [f"/assessment/{department_b.pk}/2026/", f"/assessment/{department_b.pk}/2026/pdf/"]:
        assert browser.get(url).status_code == 404
    workbook = load_workbook(io.BytesIO(browser.get("/assessment/?format=xlsx").content))
    assert workbook.sheetnames == ["排名", "ZJJ"]


@at(D(2027, 3, 1))
def test_a_county_office_reads_its_own_and_the_city_reads_the_countys(
    browser, legal, county_legal, county_department, department_a
):
    browser.force_login(county_legal)
    assert browser.get(f"/assessment/{department_a.pk}/2026/").status_code == 404
    assert browser.get(f"/assessment/{county_department.pk}/2026/").status_code == 200
    page = browser.get("/assessment/?year=2026").content.decode()
    assert "宿州市住房和城乡建设局" not in page
    browser.force_login(legal)
    assert browser.get(f"/assessment/{county_department.pk}/2026/pdf/").status_code == 200


def test_the_supervisor_and_the_public_read_no_sheet(browser, supervisor, department_a):
    url = f"/assessment/{department_a.pk}/2026/"
    assert browser.get(url).status_code == 302  # to the login page
    browser.force_login(supervisor)
    assert browser.get("/assessment/").status_code == 404
    assert browser.get(url).status_code == 404


def test_a_year_out_of_range_is_not_found(browser, legal, department_a):
    browser.force_login(legal)
    assert browser.get(f"/assessment/{department_a.pk}/1/").status_code == 404
    assert browser.get("/assessment/?year=abc").status_code == 200


# The API --------------------------------------------------------------------------------------------


@at(D(2027, 3, 1))
def test_the_api_gives_the_sheets_and_the_figures_in_the_callers_scope(
    api, legal, clerk_b, year_2026
):
    department_a = year_2026[0]
    sheets = api(legal).get("/api/v1/assessment/?year=2026").json()
    assert [(s["department_name"], s["score"], s["rank"]) for s in sheets][-1] == (
        "宿州市住房和城乡建设局",
        "86.0",
        3,
    )
    filing = next(d for d in sheets[-1]["deductions"] if d["rule"] == "decision_filing")
    assert filing["points"] == "4.0"
    assert filing["items"][0]["url"].startswith("/cases/decisions/")
    mine = api(clerk_b).get("/api/v1/assessment/?year=2026").json()
    assert [s["department_name"] for s in mine] == ["宿州市交通运输局"]

    board = api(legal).get("/api/v1/dashboard/").json()
    row = next(r for r in board["rows"] if r["department"] == department_a.pk)
    assert row["figures"]["catalogue_overdue"]["value"] == "1.0"
    assert {c["name"] for c in board["columns"]} >= {"decisions_overdue", "compliant_percent"}
    assert [
        r["department_name"] for r in api(clerk_b).get("/api/v1/dashboard/").json()["rows"]
    ] == ["宿州市交通运输局"]


def test_the_api_refuses_a_bad_year_in_chinese_and_strangers(api, legal, supervisor):
    response = api(legal).get("/api/v1/assessment/?year=abc")
    assert response.status_code == 400
    assert response.json() == {"year": ["请输入年份，例如 2026。"]}
    assert api(legal).get("/api/v1/assessment/?year=1999").status_code == 400
    assert api(supervisor).get("/api/v1/assessment/").status_code == 404
    assert api(supervisor).get("/api/v1/dashboard/").status_code == 404
    assert api().get("/api/v1/dashboard/").status_code in (401, 403)


# Manual items ---------------------------------------------------------------------------------------


@at(D(2027, 3, 1))
def test_the_legal_office_adds_a_manual_item_with_reasons_and_it_is_audited(
    browser, legal, year_2026
):
    from supervision.models import AssessmentAdjustment, AuditEntry

    department_a = year_2026[0]
    browser.force_login(legal)
    url = f"/assessment/{department_a.pk}/2026/items/new/"
    response = browser.post(url, {"points": "-3", "reason": "专项检查发现执法案卷不规范。"})
    assert response.status_code == 302
    item = AssessmentAdjustment.objects.get()
    assert (item.department, item.year, item.created_by) == (department_a, 2026, legal)
    entry = AuditEntry.objects.get(action="record", object_id=str(item.pk))
    assert entry.jurisdiction_id == department_a.jurisdiction_id
    sheet = browser.get(f"/assessment/{department_a.pk}/2026/").content.decode()
    assert "专项检查发现执法案卷不规范。" in sheet
    assert "<strong>83.0</strong>" in sheet  # 86 less 3
    # Nothing without reasons, nothing of 0 points: field errors in Chinese, nothing saved.
    response = browser.post(url, {"points": "0", "reason": " "})
    assert response.status_code == 400
    assert "必填" in response.content.decode()
    response = browser.post(url, {"points": "0", "reason": "理由"})
    assert response.status_code == 400
    assert "分值应在-100至100之间，且不为0。" in response.content.decode()
    assert AssessmentAdjustment.objects.count() == 1


@at(D(2027, 3, 1))
def test_only_the_departments_own_legal_office_adds_items(
    browser, clerk_a, county_legal, county_department, legal, department_a
):
    browser.force_login(clerk_a)
    assert (
        browser.post(
            f"/assessment/{department_a.pk}/2026/items/new/", {"points": "-1", "reason": "x"}
        ).status_code
        == 404
    )
    browser.force_login(county_legal)
    assert browser.get(f"/assessment/{department_a.pk}/2026/items/new/").status_code == 404
    # The city sees the county's sheet but does not handle it.
    browser.force_login(legal)
    assert browser.get(f"/assessment/{county_department.pk}/2026/items/new/").status_code == 404
    assert (
        "录入人工事项"
        not in browser.get(f"/assessment/{county_department.pk}/2026/").content.decode()
    )

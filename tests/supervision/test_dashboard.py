"""The legal office's dashboard and a clerk's home: the figures each registry contributes through
supervision.dashboard, scoped by jurisdiction, linked to their lists, in a constant number of
queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import EnforcementEntity
from personnel.models import Certificate
from supervision import dashboard
from supervision.models import Finding
from tests.clock import at
from tests.factories import (
    AssessmentFactory,
    CertificateFactory,
    ClerkFactory,
    DepartmentFactory,
    EnforcementEntityFactory,
    OfficerFactory,
    TrainingRecordFactory,
    decided_decision,
)

D = datetime.date


def figure(board, department, column):
    row = next(r for r in board.rows if r.department == department)
    return row.cell(column)


# The figures -------------------------------------------------------------------------------------


def test_overdue_filings_count_from_the_day_after_the_deadline(department_a):
    decision = decided_decision(department_a, D(2026, 3, 3))  # due 13 March 2026 (a Friday)
    assert decision.filing_due == D(2026, 3, 13)
    departments = dashboard.departments_for_all()
    last_day = dashboard.board(departments, D(2026, 3, 13))
    assert figure(last_day, department_a, "decisions_overdue").value == 0
    day_after = dashboard.board(departments, D(2026, 3, 14))
    cell = figure(day_after, department_a, "decisions_overdue")
    assert cell.value == 1
    assert cell.url == f"/cases/decisions/?department={department_a.pk}&filing_status=overdue"
    # The row's overdue total adds it to the rest (last year's catalogue, this year's plan).
    assert day_after.rows[0].overdue == last_day.rows[0].overdue + 1


def test_due_within_five_working_days_skips_the_holidays_and_counts_a_working_saturday(
    department_a,
):
    # From Wednesday 30 September 2026: 1-7 October are the National Day holiday, Saturday
    # 10 October is a working day; the fifth working day is Tuesday 13 October.
    decided_decision(department_a, D(2026, 9, 30), filing_due=D(2026, 10, 13))
    decided_decision(department_a, D(2026, 9, 30), filing_due=D(2026, 10, 14))
    board = dashboard.board(dashboard.departments_for_all(), D(2026, 9, 30))
    cell = figure(board, department_a, "decisions_due_soon")
    assert cell.value == 1
    assert "filing_due_before=2026-10-13" in cell.url
    assert "filing_status=awaiting_filing" in cell.url


def test_last_years_catalogue_is_overdue_after_the_first_working_day_of_february(
    department_a, department_b
):
    from cases.models import CaseCatalogue

    # 31 January 2026 is a Saturday: the catalogue for 2025 is due on Monday 2 February.
    CaseCatalogue.objects.create(
        department=department_a, year=2025, due=D(2026, 2, 2), filed_on=D(2026, 2, 2)
    )
    departments = dashboard.departments_for_all()
    on_the_day = dashboard.board(departments, D(2026, 2, 2))
    assert figure(on_the_day, department_b, "catalogue_overdue").value == 0
    after = dashboard.board(departments, D(2026, 2, 3))
    assert figure(after, department_a, "catalogue_overdue").value == 0
    cell = figure(after, department_b, "catalogue_overdue")
    assert cell.value == 1
    assert cell.url == f"/cases/catalogues/?department={department_b.pk}&year=2025"
    assert cell.title == "2025年度案卷目录应于2026年2月2日前备案。"


def test_training_compliance_certificates_and_entities(department_a, department_b):
    entity = EnforcementEntityFactory(
        department=department_a, status=EnforcementEntity.Status.PUBLISHED
    )
    EnforcementEntityFactory(department=department_a, name="草稿主体")  # a draft does not count
    officers = OfficerFactory.create_batch(4, entity=entity)
    for officer in officers[:3]:
        TrainingRecordFactory(officer=officer)
        AssessmentFactory(officer=officer)
    AssessmentFactory(officer=officers[1], score=50)  # a failed attempt: the best one counts
    TrainingRecordFactory(officer=officers[3], hours=39)  # short of 40
    AssessmentFactory(officer=officers[3])
    CertificateFactory(officer=officers[0])
    CertificateFactory(officer=officers[1], status=Certificate.Status.WITHHELD)
    CertificateFactory(officer=officers[2], status=Certificate.Status.EXPIRED)
    CertificateFactory(officer=officers[3], status=Certificate.Status.REVOKED)

    board = dashboard.board(dashboard.departments_for_all(), D(2026, 12, 1))
    compliance = figure(board, department_a, "compliant_percent")
    assert str(compliance.value) == "75.0"
    assert compliance.url == f"/training/departments/{department_a.pk}/?year=2026"
    assert compliance.title == "4人中3人达标"
    assert figure(board, department_b, "compliant_percent").value is None  # nobody to count
    assert [
        figure(board, department_a, f"certificates_{s}").value
        for s in Certificate.Status
        if s != "revoked"
    ] == [1, 1, 1]
    assert figure(board, department_a, "certificates_withheld").url == (
        f"/personnel/certificates/?department={department_a.pk}&status=withheld"
    )
    assert figure(board, department_a, "entities_published").value == 1
    assert figure(board, department_b, "entities_published").value == 0


def test_overdue_per_month_this_year_and_last(department_a):
    decided_decision(department_a, D(2025, 6, 2), filed=D(2025, 6, 30))  # due 12 June 2025, late
    decided_decision(department_a, D(2026, 3, 3))  # due 13 March 2026, not filed
    decided_decision(department_a, D(2026, 3, 4), filed=D(2026, 3, 5))  # on time
    decided_decision(department_a, D(2026, 11, 25))  # due 5 December: not yet overdue on 1 December
    counts = dashboard.overdue_by_month(
        dashboard.departments_for_all(), [2025, 2026], D(2026, 12, 1)
    )
    assert {key: n for key, n in counts.items() if n} == {(2025, 6): 1, (2026, 3): 1}


# The pages: scope, links, charts -------------------------------------------------------------------


@at(D(2026, 12, 1))
def test_the_city_sees_every_department_grouped_by_jurisdiction(
    browser, legal, department_a, county_department
):
    decided_decision(department_a, D(2026, 11, 2))
    browser.force_login(legal)
    page = browser.get("/").content.decode()
    assert "执法监督概览" in page
    assert page.index("宿州市住房和城乡建设局") < page.index("砀山县市场监督管理局")
    assert '<th scope="rowgroup" colspan' in page
    assert "砀山县</th>" in page
    assert (
        f'href="/cases/decisions/?department={department_a.pk}&amp;filing_status=overdue"' in page
    )
    # The charts are SVG drawn here, with their numbers in a table; no script.
    assert page.count("<svg") >= 3
    assert "各部门逾期事项排名" in page
    assert "逐月逾期事项" in page
    assert "<script>" not in page
    assert "onclick" not in page


@at(D(2026, 12, 1))
def test_a_county_legal_office_sees_its_own_departments_only(
    browser, county_legal, department_a, county_department
):
    browser.force_login(county_legal)
    page = browser.get("/").content.decode()
    assert "砀山县市场监督管理局" in page
    assert "宿州市住房和城乡建设局" not in page
    assert "砀山县人民政府法制办公室·执法监督概览" in page


@at(D(2026, 12, 1))
def test_a_clerks_home_shows_their_own_department(browser, clerk_a, department_b):
    decided_decision(clerk_a.department, D(2026, 11, 2))
    decided_decision(department_b, D(2026, 11, 2))
    browser.force_login(clerk_a)
    page = browser.get("/").content.decode()
    assert "宿州市住房和城乡建设局今日概况" in page
    # The decision, last year's catalogue and this year's training plan.
    assert re.search(r'tile-value">3</span><span class="tile-label">逾期事项', page)
    assert re.search(r'tile-value">0</span><span class="tile-label">未读通知', page)
    assert "宿州市交通运输局" not in page
    assert "各部门逾期事项排名" not in page


def test_the_supervisor_and_the_public_get_no_dashboard(browser, supervisor, department_a):
    assert browser.get("/").status_code == 302
    browser.force_login(supervisor)
    page = browser.get("/").content.decode()
    assert "执法监督概览" not in page
    assert "今日概况" not in page


# Constant queries --------------------------------------------------------------------------------


def _city(size):
    departments = DepartmentFactory.create_batch(size)
    for department in departments:
        entity = EnforcementEntityFactory(
            department=department, status=EnforcementEntity.Status.PUBLISHED
        )
        officer = OfficerFactory(entity=entity)
        CertificateFactory(officer=officer)
        TrainingRecordFactory(officer=officer)
        AssessmentFactory(officer=officer)
        decided_decision(department, D(2026, 10, 12))
        Finding.objects.create(department=department, problem="案卷未装订归档")
    return departments


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/", "/assessment/?year=2026"])
def test_the_dashboard_costs_the_same_queries_for_3_and_30_departments(browser, legal, url):
    browser.force_login(legal)
    with at(D(2026, 12, 1)):
        _city(3)
        small = _queries(browser, url)
        _city(27)
        large = _queries(browser, url)
    assert small == large
    page = browser.get(url).content.decode()
    assert len(re.findall(r"宿州市测试局\d+", page)) >= 30


def test_a_clerks_home_costs_a_fixed_number_of_queries(browser, department_a):
    clerk = ClerkFactory(department=department_a)
    browser.force_login(clerk)
    with at(D(2026, 12, 1)):
        before = _queries(browser, "/")
        decided_decision(department_a, D(2026, 10, 12))
        decided_decision(department_a, D(2026, 10, 13))
        assert _queries(browser, "/") == before

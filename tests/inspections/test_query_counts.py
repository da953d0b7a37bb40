"""The list, the findings list and an inspection's page cost the same number of queries for 3
inspections (or findings) as for 30."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections import services
from tests.clock import at
from tests.factories import SupervisorFactory

from .conftest import new_inspection

D = datetime.date


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def make(legal, departments, n, *, findings=0):
    made = []
    for i in range(n):
        inspection = new_inspection(
            legal,
            departments,
            title=f"专项检查{i}",
            team=[SupervisorFactory(), legal],
        )
        with at(D(2026, 7, 20)):
            services.inspection_start(inspection=inspection, actor=legal)
            for j in range(findings):
                services.inspection_finding(
                    inspection=inspection,
                    actor=legal,
                    department=departments[j % len(departments)],
                    problem=f"问题{j}",
                    due_on=D(2026, 8, 31),
                )
        made.append(inspection)
    return made


def test_the_list_pages_cost_the_same_for_3_and_30(browser, legal, department_a, department_b):
    browser.force_login(legal)
    make(legal, [department_a, department_b], 3, findings=1)
    [queries(browser, url) for url in ("/inspections/", "/inspections/findings/")]  # warm
    few = [queries(browser, url) for url in ("/inspections/", "/inspections/findings/")]
    make(legal, [department_a, department_b], 27, findings=1)
    many = [queries(browser, url) for url in ("/inspections/", "/inspections/findings/")]
    assert few == many
    print(f"list: {few[0]} queries; findings list: {few[1]} queries")


def test_the_inspection_page_costs_the_same_for_3_and_30_findings(
    browser, legal, department_a, department_b
):
    browser.force_login(legal)
    (few_findings,) = make(legal, [department_a, department_b], 1, findings=3)
    (many_findings,) = make(legal, [department_a, department_b], 1, findings=30)
    queries(browser, f"/inspections/{few_findings.pk}/")  # caches warmed (content types, session)
    few = queries(browser, f"/inspections/{few_findings.pk}/")
    many = queries(browser, f"/inspections/{many_findings.pk}/")
    assert few == many
    print(f"inspection page: {few} queries")

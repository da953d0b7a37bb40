"""The officers' year (clause 10, annex 2): per officer, the year's training hours and assessment
(training's columns), verified bad-conduct records and whether the officer may be rated
"advanced" (personnel's), through the kernel's officer columns; scoped; exported for the personnel
office; a constant number of queries whatever the number of officers."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.clock import at
from tests.factories import (
    AssessmentFactory,
    EnforcementEntityFactory,
    OfficerFactory,
    TrainingRecordFactory,
)

from .test_assessment import record

D = datetime.date
URL = "/personnel/officers/year/?year=2026"


@at(D(2026, 12, 1))
def test_each_officer_with_hours_assessment_conduct_and_the_advanced_mark(
    browser, legal, clerk_b, department_a
):
    entity = EnforcementEntityFactory(department=department_a, status="published")
    good = OfficerFactory(entity=entity, name="李明")
    TrainingRecordFactory(officer=good, hours=42)
    AssessmentFactory(officer=good, score=88)
    barred = OfficerFactory(entity=entity, name="王建国")
    record(barred, D(2026, 5, 20))
    record(barred, D(2025, 5, 20))  # another year

    browser.force_login(legal)
    page = browser.get(URL).content.decode()
    assert "2026年度执法人员情况" in page
    assert "可否评为先进" in page
    response = browser.get(f"{URL}&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    header = list(rows["姓名"])
    assert header[4:] == [
        "培训学时",
        "考核成绩",
        "考核结果",
        "达到40学时要求",
        "经核实的不良执法行为",
        "可否评为先进",
    ]
    assert list(rows["李明"][4:]) == [42, 88, "合格", "是", 0, "是"]
    assert list(rows["王建国"][4:]) == [0, None, "未参加考核", "否", 1, "否"]  # no score

    browser.force_login(clerk_b)  # another department's officers are not theirs
    assert "李明" not in browser.get(URL).content.decode()


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


@at(D(2026, 12, 1))
def test_the_page_costs_the_same_queries_for_3_and_30_officers(browser, legal, department_a):
    entity = EnforcementEntityFactory(department=department_a, status="published")
    browser.force_login(legal)
    for officer in OfficerFactory.create_batch(3, entity=entity):
        TrainingRecordFactory(officer=officer)
        record(officer, D(2026, 3, 3))
    small = _queries(browser)
    for officer in OfficerFactory.create_batch(27, entity=entity):
        TrainingRecordFactory(officer=officer)
        record(officer, D(2026, 3, 3))
    assert _queries(browser) == small

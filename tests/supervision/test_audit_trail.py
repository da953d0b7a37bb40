"""The audit trail a civil servant reads (/audit/ and each record's history): choices by their
labels, related records by their names and linked, times in Asia/Shanghai in one format, the
actor's real name and role, files by their original names; filtered, paginated, exported; the
queries of a page do not grow with its entries; a county's office reads its own only."""

import datetime
import io
import re

import pytest
from django.contrib.auth.signals import user_logged_in
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from entities import services as entity_services
from entities.models import EnforcementEntity
from supervision import audit
from supervision.models import Jurisdiction
from supervision.security import events
from tests.clock import at
from tests.factories import (
    ClerkFactory,
    DepartmentFactory,
    EnforcementEntityFactory,
    LegalStaffFactory,
)
from tests.samples import PDF, upload

D = datetime.date
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


@pytest.fixture
def named_clerk(department_a):
    return ClerkFactory(
        username="zhangsan", first_name="三", last_name="张", department=department_a
    )


@pytest.fixture
def entity(named_clerk):
    with at(D(2026, 3, 2), hour=9):
        created = entity_services.entity_create(
            actor=named_clerk,
            name="宿州市住房和城乡建设局执法大队",
            kind="statutory",
            legal_basis="《城乡规划法》",
            establishment_document=upload("三定方案（2026）.pdf", PDF),
        )
    with at(D(2026, 3, 3), hour=16):
        return entity_services.entity_submit(entity=created, actor=named_clerk)


def page_of(browser, user, url="/audit/"):
    browser.force_login(user)
    response = browser.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_entry_reads_in_words_not_codes(browser, legal, entity):
    page = page_of(browser, legal)
    # the actor by name and role, the time in Beijing time in the pages' one format
    assert "张三（部门填报员）" in page
    assert "zhangsan" not in page
    assert "2026年3月3日 16:00" in page
    assert not ISO_TIME.search(page)
    # the status by its labels, the record type and the record linked to its page
    assert "状态：草稿 → 已报送" in page
    assert "执法主体" in page
    assert f'<a href="/entities/{entity.pk}/">宿州市住房和城乡建设局执法大队</a>' in page
    # the department by its name, linked where it has a page; the file by the name it was given
    assert "宿州市住房和城乡建设局" in page
    assert "三定方案（2026）.pdf" in page
    assert "entities/" + entity.establishment_document.name.rpartition("/")[2] not in page
    assert ">submit<" not in page
    # (the status code, not the record type main added: <option value="supervision.documentdraft">)
    assert ">draft<" not in page
    assert "：draft" not in page
    assert "draft →" not in page


def test_related_records_are_named_and_ids_never_shown(browser, legal, entity, department_b):
    with transaction.atomic():
        audit.record(
            entity,
            action="change",
            actor=legal,
            before={"department_id": entity.department_id, "kind": "statutory"},
            after={"department_id": department_b.pk, "kind": "entrusted"},
        )
    page = page_of(browser, legal, "/audit/?action=change")
    assert "部门：宿州市住房和城乡建设局 → 宿州市交通运输局" in page
    assert "类别：法定 → 委托" in page
    assert f"→ {department_b.pk}<" not in page


def test_the_history_on_a_record_page_reads_like_the_processing_table(browser, named_clerk, entity):
    page = page_of(browser, named_clerk, f"/entities/{entity.pk}/")
    assert "办理记录" in page
    assert "<td>报送</td><td>张三（部门填报员）</td>" in page
    assert "2026年3月2日 09:00" in page
    assert "状态：草稿 → 已报送" in page


# Filters, pagination, export ------------------------------------------------------------------


@pytest.fixture
def two_departments(legal, clerk_a, clerk_b):
    with at(D(2026, 5, 6)):
        a = entity_services.entity_create(
            actor=clerk_a,
            name="甲主体",
            kind="statutory",
            legal_basis="某法",
            establishment_document=upload("a.pdf", PDF),
        )
    with at(D(2026, 5, 20)):
        b = entity_services.entity_create(
            actor=clerk_b,
            name="乙主体",
            kind="statutory",
            legal_basis="某法",
            establishment_document=upload("b.pdf", PDF),
        )
        entity_services.entity_submit(entity=b, actor=clerk_b)
    return a, b


@pytest.fixture(autouse=True)
def _logins_not_audited_here():
    """These tests count the records' entries; the login that security audits (issue 18) is
    tested in tests/security."""
    user_logged_in.disconnect(dispatch_uid="security-login")
    yield
    user_logged_in.connect(events.on_login, dispatch_uid="security-login")


def _rows(page):
    return page.count("<tr>") - 1  # the header row


def test_filters_by_period_actor_department_record_type_and_action(
    browser, legal, clerk_a, clerk_b, two_departments
):
    _a, b = two_departments
    browser.force_login(legal)

    def shown(query):
        page = browser.get("/audit/?" + query).content.decode()
        return {name for name in ("甲主体", "乙主体") if f">{name}<" in page}, _rows(page)

    assert shown("") == ({"甲主体", "乙主体"}, 3)
    assert shown("at_from=2026-05-07") == ({"乙主体"}, 2)
    assert shown("at_to=2026-05-06") == ({"甲主体"}, 1)
    assert shown(f"actor={clerk_a.pk}") == ({"甲主体"}, 1)
    assert shown(f"department={b.department_id}") == ({"乙主体"}, 2)
    assert shown("action=submit") == ({"乙主体"}, 1)
    assert shown("record_type=entities.enforcemententity") == ({"甲主体", "乙主体"}, 3)
    assert shown("record_type=cases.majordecision") == (set(), 1)  # the "no entries" row
    page = browser.get("/audit/").content.decode()
    assert '<option value="submit">报送</option>' in page
    assert '<option value="entities.enforcemententity">执法主体</option>' in page


def test_a_wrong_filter_is_ignored_never_a_500(browser, legal, two_departments):
    browser.force_login(legal)
    response = browser.get("/audit/?at_from=2026-13-40&action=frobnicate&department=999999")
    assert response.status_code == 200
    assert _rows(response.content.decode()) == 3


def test_the_trail_exports_to_a_spreadsheet_with_its_filter(browser, legal, two_departments):
    browser.force_login(legal)
    response = browser.get("/audit/?export=xlsx&action=submit")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = [str(cell) for cell in rows[0] if cell]
    assert header[:5] == ["时间", "记录类型", "记录", "操作", "操作人"]
    cells = [str(cell) for row in rows[1:] for cell in row if cell]
    assert "乙主体" in cells
    assert "甲主体" not in cells
    assert "报送" in cells
    assert any("状态：草稿 → 已报送" in cell for cell in cells)
    assert any(cell.startswith("2026年5月20日") for cell in cells)


def test_the_trail_is_paginated(browser, legal, department_a):
    entity = EnforcementEntityFactory(department=department_a)
    with transaction.atomic():
        audit.record_many([entity] * 60, action="change", actor=legal)
    browser.force_login(legal)
    first = browser.get("/audit/").content.decode()
    assert _rows(first) == 50
    assert "第 1 / 2 页" in first or "1 / 2" in first
    assert _rows(browser.get("/audit/?page=2").content.decode()) == 10


def _entries(count, legal, clerk):
    with transaction.atomic():
        for n in range(count):
            entity = EnforcementEntityFactory(department=clerk.department, name=f"主体{count}-{n}")
            audit.record(entity, action="create", actor=clerk, after=audit.snapshot(entity))
            before = audit.snapshot(entity)
            entity.status = EnforcementEntity.Status.SUBMITTED
            audit.record(
                entity, action="submit", actor=legal, before=before, after=audit.snapshot(entity)
            )


def test_a_page_costs_the_same_queries_for_3_entries_as_for_30(browser, legal, clerk_a):
    browser.force_login(legal)
    browser.get("/audit/")  # content types and sessions warmed up
    _entries(3, legal, clerk_a)
    with CaptureQueriesContext(connection) as few:
        assert browser.get("/audit/").status_code == 200
    _entries(27, legal, clerk_a)  # audit rows are never deleted (a trigger refuses it)
    with CaptureQueriesContext(connection) as many:
        page = browser.get("/audit/").content.decode()
    assert _rows(page) == 50
    assert len(many) == len(few)


# Who reads which part of the trail ------------------------------------------------------------


@pytest.fixture
def dangshan(db):
    return Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )


@pytest.fixture
def county(dangshan):
    department = DepartmentFactory(
        code="DS-SJJ", name="砀山县市场监督管理局", jurisdiction=dangshan
    )
    office = DepartmentFactory(
        code="DS-FZB", name="砀山县人民政府法制办公室", jurisdiction=dangshan, is_legal_office=True
    )
    clerk = ClerkFactory(username="ds_clerk", department=department)
    legal = LegalStaffFactory(username="ds_legal", department=office)
    with at(D(2026, 6, 1)):
        entity_services.entity_create(
            actor=clerk,
            name="砀山县执法主体",
            kind="statutory",
            legal_basis="某法",
            establishment_document=upload("c.pdf", PDF),
        )
    return legal, department


def test_a_county_office_reads_its_own_trail_only(browser, legal, county, two_departments):
    county_legal, _county_department = county
    page = page_of(browser, county_legal)
    assert "砀山县执法主体" in page
    assert "甲主体" not in page
    assert "乙主体" not in page
    # the actors and departments it may filter by are its own
    assert "ds_clerk" in page
    assert "clerk_a" not in page
    a, _b = two_departments
    assert "甲主体" not in page_of(browser, county_legal, f"/audit/?department={a.department_id}")
    history = page_of(browser, county_legal, f"/audit/?model=entities.enforcemententity&id={a.pk}")
    assert "甲主体" not in history
    export = browser.get("/audit/?export=xlsx")
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = {str(cell) for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "砀山县执法主体" in cells
    assert not any("甲主体" in cell for cell in cells)
    # the city's office reads the county's too
    assert "砀山县执法主体" in page_of(browser, legal)


def test_a_clerk_has_no_trail(browser, clerk_a):
    browser.force_login(clerk_a)
    assert browser.get("/audit/").status_code == 404
    assert browser.get("/audit/?export=xlsx").status_code == 404

"""One audit vocabulary (``AuditEntry.Action``) and one rule for who reads a record's history
(``audit.history_for``): the legal office, and the clerks of the record's own department."""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import translation

from cases import services as cases_services
from entities import services as entity_services
from supervision import audit
from supervision.models import AuditEntry
from tests.clock import at
from tests.samples import PDF, upload

ROOT = Path(__file__).resolve().parents[2]
APPS = ["supervision", "entities", "personnel", "cases", "training", "complaints"]
WRITERS = {"record", "record_many", "transition", "save_new"}  # audit.record(...), workflow.*(...)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _strings(value: ast.expr, literals: set, prefixes: set) -> None:
    """The strings an ``action=`` argument can be: literals, both sides of a conditional, and
    the constant start of an f-string (``f"review_{result}"`` → ``review_``)."""
    if isinstance(value, ast.JoinedStr):
        head = value.values[0]
        prefixes.add(head.value if isinstance(head, ast.Constant) else "")
    elif isinstance(value, ast.Constant) and isinstance(value.value, str):
        literals.add(value.value)
    else:
        for child in ast.iter_child_nodes(value):
            _strings(child, literals, prefixes)


def actions_in_source() -> tuple[set[str], set[str]]:
    """(the action strings, the f-string prefixes) passed as ``action=`` to the audit writers."""
    literals, prefixes = set(), set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                name = isinstance(node, ast.Call) and (
                    getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                )
                if name in WRITERS:
                    for keyword in node.keywords:
                        if keyword.arg == "action":
                            _strings(keyword.value, literals, prefixes)
    return literals, prefixes


def test_every_action_the_services_write_is_in_the_vocabulary():
    literals, prefixes = actions_in_source()
    assert {"create", "submit", "withhold", "add_items", "remove_item", "recompute_due"} <= literals
    assert sorted(literals - set(audit.Action.values)) == []
    for prefix in prefixes:  # action=f"review_{result}"
        assert prefix
        assert any(value.startswith(prefix) for value in audit.Action.values), prefix
    assert {"review_passed", "review_failed"} <= set(audit.Action.values)


def test_every_action_has_a_chinese_label():
    with translation.override("zh-hans"):
        for value, label in audit.Action.choices:
            assert CJK.search(str(label)), value


def test_an_action_outside_the_vocabulary_is_refused(department_a):
    with transaction.atomic():
        with pytest.raises(ValueError, match="frobnicate"):
            audit.record(department_a, action="frobnicate")
        with pytest.raises(ValueError, match="frobnicate"):
            audit.record_many([department_a], action="frobnicate")
    assert not AuditEntry.objects.exists()


def test_the_audit_page_shows_labels_never_codes(browser, legal, clerk_a):
    with at(datetime.date(2026, 1, 10)):
        catalogue = cases_services.catalogue_open(actor=clerk_a, year=2025)
        cases_services.catalogue_items_add(
            catalogue=catalogue,
            rows=[
                (
                    2,
                    {
                        "case_number": "宿建罚〔2025〕1号",
                        "title": "某公司违法建设案",
                        "kind": "penalty",
                        "closing_date": datetime.date(2025, 3, 4),
                    },
                )
            ],
            actor=clerk_a,
        )
    with transaction.atomic():  # one entry of every other action, on the same record
        for value in audit.Action.values:
            if value not in ("open", "add_items"):
                audit.record(catalogue, action=value, actor=legal)
    browser.force_login(legal)
    pages = AuditEntry.objects.count() // 50 + 1  # the trail shows 50 entries a page
    page = "".join(browser.get(f"/audit/?page={n}").content.decode() for n in range(1, pages + 1))
    assert "<td>添加目录条目" in page
    with translation.override("zh-hans"):
        for value, label in audit.Action.choices:
            assert f"<td>{label}" in page, value
            assert f"<td>{value}<" not in page, value


# Who reads a record's history -----------------------------------------------------------------


@pytest.fixture
def submitted_entity(clerk_a):
    entity = entity_services.entity_create(
        actor=clerk_a,
        name="某执法主体",
        kind="statutory",
        legal_basis="某法",
        establishment_document=upload("三定方案.pdf", PDF),
    )
    return entity_services.entity_submit(entity=entity, actor=clerk_a)


def test_a_clerk_reads_the_history_of_their_departments_record(browser, clerk_a, submitted_entity):
    browser.force_login(clerk_a)
    page = browser.get(f"/entities/{submitted_entity.pk}/").content.decode()
    assert "clerk_a · 报送" in page
    assert "clerk_a · 新建" in page
    assert "· submit" not in page


def test_the_legal_office_reads_every_history(browser, legal, submitted_entity):
    browser.force_login(legal)
    page = browser.get(f"/entities/{submitted_entity.pk}/").content.decode()
    assert "clerk_a · 报送" in page


def test_a_clerk_of_another_department_gets_404_for_the_record(browser, clerk_b, submitted_entity):
    browser.force_login(clerk_b)
    assert browser.get(f"/entities/{submitted_entity.pk}/").status_code == 404
    assert not audit.history_for(clerk_b, submitted_entity).exists()


def test_the_rule_is_the_same_in_the_api(
    api, clerk_a, clerk_b, legal, supervisor, submitted_entity
):
    url = f"/api/v1/audit-entries/?model=entities.enforcemententity&object_id={submitted_entity.pk}"
    own = api(clerk_a).get(url)
    assert own.status_code == 200
    assert [entry["action"] for entry in own.json()["results"]] == ["submit", "create"]
    assert api(legal).get(url).json()["count"] == 2
    assert api(clerk_b).get(url).status_code == 404
    assert api(clerk_b).get(url.replace(str(submitted_entity.pk), "x")).status_code == 404
    assert api(clerk_a).get("/api/v1/audit-entries/?model=no.such&object_id=1").status_code == 404
    # The whole trail, and a single entry by its id, stay the legal office's.
    assert api(clerk_a).get("/api/v1/audit-entries/").status_code == 403
    entry_id = own.json()["results"][0]["id"]
    assert api(clerk_a).get(f"/api/v1/audit-entries/{entry_id}/").status_code == 403
    assert api(supervisor).get(url).status_code == 403
    assert not audit.history_for(supervisor, submitted_entity).exists()

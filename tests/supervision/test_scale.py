"""Guards for lists and checks at province scale (issue 19), without timings: each list's order
backed by an index, keyset pages in the API, counts without COUNT(*) over a whole large table,
notices found by an indexed id, persistent connections, the public lookup's one query."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from personnel import selectors
from personnel.models import Certificate, Officer
from supervision import notices
from supervision.deadlines import DeadlineRule, get_rule, registered_rules
from supervision.models import Notice
from supervision.web import paging
from tests.factories import CertificateFactory, EnforcementEntityFactory, OfficerFactory

D = datetime.date

# Each large list and its order (Meta.ordering), which an index must serve as it stands: ordered
# by a joined column ("department__code"), PostgreSQL sorts a whole department for every page.
LARGE_LISTS = [
    ("personnel", "officer"),
    ("personnel", "certificate"),
    ("cases", "majordecision"),
    ("personnel", "annualreview"),
    ("training", "trainingrecord"),
]


def _index_fields(model_state):
    return [list(index.fields) for index in model_state.options.get("indexes", [])]


@pytest.mark.parametrize(("app", "model"), LARGE_LISTS)
def test_each_large_list_is_ordered_by_an_index(db, app, model):
    state = MigrationLoader(connection).project_state()
    model_state = state.models[app, model]
    wanted = [name.removesuffix("_id") for name in model_state.options["ordering"]]
    assert any(fields[: len(wanted)] == wanted for fields in _index_fields(model_state)), wanted


def test_the_rules_find_notices_already_issued_by_an_indexed_id(db):
    state = MigrationLoader(connection).project_state()
    indexes = _index_fields(state.models["supervision", "notice"])
    assert any(fields[:3] == ["rule", "kind", "object_id"] for fields in indexes)
    for rule in registered_rules():
        if type(rule).open_items is DeadlineRule.open_items:
            continue  # a rule that groups its own items (a legal office's quarter, ...)
        sql = str(rule._without_notice(rule.open_items(), Notice.Kind.OVERDUE).query)
        assert ("||" not in sql and "CONCAT" not in sql.upper()) or rule.name == "rectification"


def test_no_rule_builds_a_notice_key_per_row(db, department_a):
    """The rules that tell a department (an office) once per year, quarter or campaign find the
    notices already issued by the subject's id and the period, through the same index, not by a
    key built for every row ("<rule>:" || id || ...)."""
    from publication.models import CleanupCampaign
    from supervision.calendar import WorkingCalendar

    calendar = WorkingCalendar.load()
    # In the window and after the deadline of the yearly filings; near a quarter's end.
    days = [D(2026, 12, 28), D(2027, 1, 27), D(2027, 2, 3)]
    with CaptureQueriesContext(connection) as queries:
        for rule in registered_rules():
            if rule.name == "rectification":  # each round of a finding: its id, then the key
                continue
            for day in days:
                list(rule.drafts(day, calendar))
    cleanup = get_rule("normative_document_cleanup")
    sql = [q["sql"] for q in queries] + [
        str(cleanup.departments_owing(CleanupCampaign(pk=1), kind).query)
        for kind in (Notice.Kind.REMINDER, Notice.Kind.OVERDUE)
    ]
    assert [q for q in sql if "||" in q or "CONCAT" in q.upper()] == []
    assert any('"period"' in q for q in sql)


def test_a_notice_keeps_the_id_its_key_names():
    assert (
        notices.object_id_of(
            "annual_review", notices.NoticeDraft("overdue", 1, "", "", "annual_review:42")
        )
        == 42
    )
    other = notices.NoticeDraft("overdue", 1, "", "", "training_plan:2026:7")
    assert notices.object_id_of("training_plan", other) is None
    assert (
        notices.object_id_of("x", notices.NoticeDraft("overdue", 1, "", "", "x:1:2", object_id=1))
        == 1
    )


def test_connections_persist_and_are_checked():
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


# Counting -----------------------------------------------------------------------------------------


def test_only_a_whole_table_may_be_estimated(db):
    assert paging.is_unfiltered(Officer.objects.all())
    assert paging.is_unfiltered(Officer.objects.select_related("department").order_by("name"))
    assert not paging.is_unfiltered(Officer.objects.filter(name="张三"))
    assert not paging.is_unfiltered(Officer.objects.none())


def test_a_small_or_filtered_list_is_counted_exactly(db, department_a):
    entity = EnforcementEntityFactory(department=department_a)
    OfficerFactory.create_batch(3, entity=entity)
    assert paging.count_rows(Officer.objects.all()) == 3
    assert paging.count_rows(Officer.objects.filter(department=department_a)) == 3
    assert paging.count_rows(Officer.objects.none()) == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the estimate is PostgreSQL's")
def test_a_whole_large_table_is_counted_from_the_estimate(db, monkeypatch):
    monkeypatch.setattr(paging, "_estimated_rows", lambda queryset: 1_000_000)
    with CaptureQueriesContext(connection) as queries:
        assert paging.count_rows(Officer.objects.all()) == 1_000_000
    assert not any("COUNT(" in q["sql"] for q in queries)


def test_a_list_page_goes_no_deeper_than_the_limit():
    paginator = paging.CountingPaginator(list(range(50 * paging.MAX_PAGES + 500)), 50)
    assert paginator.num_pages == paging.MAX_PAGES


# Keyset pages in the API ----------------------------------------------------------------------------


def _officers(department, n):
    entity = EnforcementEntityFactory(department=department)
    # Names that repeat, so that the order needs the id to be total.
    return [OfficerFactory(entity=entity, name=f"执法员{i % 3}") for i in range(n)]


def _walk(client, url):
    ids, pages = [], 0
    while url:
        body = client.get(url).json()
        ids += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    return ids, pages


def test_the_api_pages_by_keyset_through_every_row_once(api, legal, department_a, department_b):
    _officers(department_a, 4)
    _officers(department_b, 3)
    expected = list(Officer.objects.values_list("id", flat=True))
    client = api(legal)
    first = client.get("/api/v1/officers/?page_size=2").json()
    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == 7
    assert first["previous"] is None
    assert "cursor=" in first["next"]
    ids, pages = _walk(client, "/api/v1/officers/?page_size=2")
    assert ids == expected
    assert pages == 4


def test_previous_goes_back_to_the_same_rows(api, legal, department_a):
    _officers(department_a, 5)
    client = api(legal)
    first = client.get("/api/v1/officers/?page_size=2").json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]
    assert back["previous"] is None


def test_numbered_pages_still_answer(api, legal, department_a):
    _officers(department_a, 5)
    body = api(legal).get("/api/v1/officers/?page=2&page_size=2").json()
    assert [r["id"] for r in body["results"]] == list(Officer.objects.values_list("id", flat=True))[
        2:4
    ]


@pytest.mark.parametrize(
    "cursor", ["nonsense", "eyJ2IjpbMV0sImIiOmZhbHNlfQ", "eyJ2IjpbIngiLCJ5IiwieiJdLCJiIjpmYWxzZX0"]
)
def test_a_bad_cursor_is_a_field_error(api, legal, department_a, cursor):
    response = api(legal).get(f"/api/v1/officers/?cursor={cursor}")
    assert response.status_code == 400
    assert response.json() == {"cursor": ["该页的游标无效。"]}


def test_a_deep_page_costs_the_queries_of_the_first(api, legal, department_a, department_b):
    def queries(department, n):
        _officers(department, n)
        client = api(legal)
        first = client.get("/api/v1/officers/?page_size=2").json()
        with CaptureQueriesContext(connection) as captured:
            client.get(first["next"])
        return len(captured)

    assert queries(department_a, 3) == queries(department_b, 30)


def test_certificates_page_by_keyset(api, legal, department_a):
    entity = EnforcementEntityFactory(department=department_a)
    for i in range(5):
        CertificateFactory(officer=OfficerFactory(entity=entity), issued_on=D(2025, 3, 1 + i % 2))
    ids, _pages = _walk(api(legal), "/api/v1/certificates/?page_size=2")
    assert ids == list(Certificate.objects.values_list("id", flat=True))


# The public lookup ---------------------------------------------------------------------------------


def test_a_missed_number_is_not_searched_again_as_a_name(db):
    with CaptureQueriesContext(connection) as queries:
        assert selectors.public_certificates("皖ZFZJJ202600007") == []
    assert len(queries) == 1


# E-mails ----------------------------------------------------------------------------------------------


def test_notices_are_emailed_in_batches(department_a, clerk_a):
    from django.core import mail

    clerk_a.email = "lq@zjj.example.gov.cn"
    clerk_a.save()

    def queries(n, start):
        drafts = [
            notices.NoticeDraft("overdue", department_a.pk, "主题", "正文", f"r:{start + i}")
            for i in range(n)
        ]
        issued = notices.issue(drafts, rule="r", day=D(2026, 3, 2))
        with CaptureQueriesContext(connection) as captured:
            assert notices.send_emails([notice.pk for notice in issued]) == n
        return len(captured)

    assert queries(3, 0) == queries(30, 100)
    assert len(mail.outbox) == 33
    assert not Notice.objects.filter(emailed_at__isnull=True).exists()


def test_a_large_issue_refreshes_the_notices_statistics(
    department_a, monkeypatch, django_capture_on_commit_callbacks
):
    """Autovacuum analyses the notices minutes later: until then the planner joins the next
    check's NOT EXISTS as if the rule had no notices (a nested loop over every pair)."""
    refreshed = []
    monkeypatch.setattr(notices, "ANALYZE_AFTER", 3)
    monkeypatch.setattr(notices, "_refresh_statistics", lambda: refreshed.append(True))

    def issue(n, start):
        drafts = [
            notices.NoticeDraft("overdue", department_a.pk, "主题", "正文", f"r:{start + i}")
            for i in range(n)
        ]
        with django_capture_on_commit_callbacks(execute=True):
            notices.issue(drafts, rule="r", day=D(2026, 3, 2))

    issue(2, 0)
    assert refreshed == []
    issue(3, 10)
    assert refreshed == [True]

"""Entrustment agreements: filed by the clerk, published by the legal office while in force, and
reminded 30 days before their term ends (rule ``entrustment_expiry``)."""

import datetime

import pytest

from entities.models import Entrustment
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import AuditEntry, Notice
from tests.clock import at

from .conftest import pdf

D = datetime.date
S = Entrustment.Status


START, END = D(2026, 1, 1), D(2026, 12, 31)


def make_entrustment(principal, status=S.DRAFT, starts_on=START, ends_on=END, **extra):
    entrustment = Entrustment(
        principal=principal,
        entrusted_organisation=extra.pop("entrusted_organisation", "宿州市房屋征收服务中心"),
        matters=extra.pop("matters", "违法建设的调查、责令改正"),
        legal_basis=extra.pop("legal_basis", "《中华人民共和国行政处罚法》第二十条"),
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        **extra,
    )
    entrustment.agreement_file.save("协议.pdf", pdf(), save=False)
    entrustment.save()
    return entrustment


def payload(principal, **changes):
    return {
        "principal": principal.pk,
        "entrusted_organisation": "宿州市房屋征收服务中心",
        "matters": "违法建设的调查、责令改正",
        "legal_basis": "《中华人民共和国行政处罚法》第二十条",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "agreement_file": pdf("协议.pdf"),
        **changes,
    }


@at(D(2026, 3, 2))
def test_filed_by_the_clerk_published_by_the_legal_office(api, clerk_a, legal, published_a):
    created = api(clerk_a).post("/api/v1/entrustments/", payload(published_a), format="multipart")
    assert created.status_code == 201, created.json()
    url = f"/api/v1/entrustments/{created.json()['id']}"
    assert created.json()["status"] == "draft"
    filed = api(clerk_a).post(f"{url}/file/").json()
    assert filed["status"] == "filed"
    assert filed["filed_on"] == "2026-03-02"
    assert api(clerk_a).post(f"{url}/publish/").status_code == 403
    published = api(legal).post(f"{url}/publish/").json()
    assert published["status"] == "published"
    assert published["in_force"] is True
    ended = api(legal).post(f"{url}/terminate/", {"reason": "委托事项调整"}, format="json").json()
    assert ended["status"] == "terminated"
    assert ended["in_force"] is False
    assert list(
        AuditEntry.objects.filter(object_id=str(ended["id"]), content_type__model="entrustment")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "file", "publish", "terminate"]


def test_the_term_must_end_after_it_starts(api, clerk_a, published_a):
    response = api(clerk_a).post(
        "/api/v1/entrustments/",
        payload(published_a, starts_on="2026-05-01", ends_on="2026-05-01"),
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {"ends_on": ["期限届满日须晚于起始日。"]}
    assert not Entrustment.objects.exists()


def test_a_clerk_cannot_entrust_for_another_departments_entity(api, clerk_a, published_b):
    response = api(clerk_a).post("/api/v1/entrustments/", payload(published_b), format="multipart")
    assert response.status_code == 400
    assert "principal" in response.json()


def test_filing_needs_the_agreement_file(api, clerk_a, published_a):
    entrustment = make_entrustment(published_a)
    entrustment.agreement_file = ""
    entrustment.save()
    response = api(clerk_a).post(f"/api/v1/entrustments/{entrustment.pk}/file/")
    assert response.status_code == 409
    assert response.json() == {"detail": "请先上传已签订的协议文本，再报送备案。"}


def test_an_agreement_of_an_unpublished_entity_is_not_published(api, legal, entity_a):
    entrustment = make_entrustment(entity_a, status=S.FILED)
    response = api(legal).post(f"/api/v1/entrustments/{entrustment.pk}/publish/")
    assert response.status_code == 409
    assert response.json() == {"detail": "委托机关尚未公告为执法主体，该协议不能公告。"}


@at(D(2027, 1, 5))
def test_an_ended_agreement_is_not_published(api, legal, published_a):
    entrustment = make_entrustment(published_a, status=S.FILED)
    response = api(legal).post(f"/api/v1/entrustments/{entrustment.pk}/publish/")
    assert response.status_code == 409
    assert response.json() == {"detail": "该协议期限已届满。"}


@pytest.mark.parametrize(
    ("status", "action"), [(S.DRAFT, "publish"), (S.PUBLISHED, "file"), (S.TERMINATED, "terminate")]
)
def test_wrong_state_is_409(api, legal, published_a, status, action):
    entrustment = make_entrustment(published_a, status=status)
    response = api(legal).post(
        f"/api/v1/entrustments/{entrustment.pk}/{action}/", {"reason": "x"}, format="json"
    )
    assert response.status_code == 409


def test_clerk_b_gets_404(api, browser, clerk_b, published_a):
    entrustment = make_entrustment(published_a)
    assert api(clerk_b).get(f"/api/v1/entrustments/{entrustment.pk}/").status_code == 404
    browser.force_login(clerk_b)
    for url in ["", "edit/", "agreement/"]:
        assert browser.get(f"/entities/entrustments/{entrustment.pk}/{url}").status_code == 404
    assert browser.post(f"/entities/entrustments/{entrustment.pk}/file/").status_code == 404


@at(D(2026, 3, 2))
def test_the_browser_workflow(browser, clerk_a, legal, published_a):
    browser.force_login(clerk_a)
    response = browser.post(
        "/entities/entrustments/new/",
        {**payload(published_a), "agreement_file": pdf("协议.pdf")},
    )
    entrustment = Entrustment.objects.get()
    assert response["Location"] == f"/entities/entrustments/{entrustment.pk}/"
    browser.post(f"/entities/entrustments/{entrustment.pk}/file/")
    browser.force_login(legal)
    page = browser.get(f"/entities/entrustments/{entrustment.pk}/").content.decode()
    assert "已报备案" in page
    browser.post(f"/entities/entrustments/{entrustment.pk}/publish/")
    entrustment.refresh_from_db()
    assert entrustment.status == S.PUBLISHED
    download = browser.get(f"/entities/entrustments/{entrustment.pk}/agreement/")
    assert download.status_code == 200


def notices(rule="entrustment_expiry"):
    return list(Notice.objects.filter(rule=rule).order_by("id"))


@pytest.mark.parametrize(
    ("day", "reminded"),
    [
        (D(2026, 12, 1), True),  # 30 days ahead: the first day of the window
        (D(2026, 11, 30), False),  # 31 days ahead
        (D(2026, 12, 31), True),  # the last day of the term
    ],
)
def test_reminder_30_days_ahead(published_a, day, reminded):
    make_entrustment(published_a, status=S.PUBLISHED)
    run_deadline_checks(day)
    found = notices()
    assert [n.kind for n in found] == (["reminder"] if reminded else [])
    if reminded:
        assert found[0].department == published_a.department
        assert found[0].due_date == D(2026, 12, 31)
        assert "2026年12月31日" in found[0].subject
        assert "宿州市房屋征收服务中心" in found[0].body


def test_an_overdue_notice_the_day_after_and_each_only_once(published_a):
    make_entrustment(published_a, status=S.PUBLISHED)
    run_deadline_checks(D(2026, 12, 10))
    run_deadline_checks(D(2026, 12, 10))
    # New Year's Day and a Saturday: nothing is issued on a day off; Monday issues it.
    run_deadline_checks(D(2027, 1, 1))
    run_deadline_checks(D(2027, 1, 2))
    assert [n.kind for n in notices()] == ["reminder"]
    run_deadline_checks(D(2027, 1, 4))
    run_deadline_checks(D(2027, 1, 5))
    assert [n.kind for n in notices()] == ["reminder", "overdue"]
    assert notices()[1].issued_on == D(2027, 1, 4)
    assert notices()[1].subject == "关于委托执法协议已到期的通知"


def test_draft_filed_and_terminated_agreements_are_not_reminded(published_a):
    for status in (S.DRAFT, S.FILED, S.TERMINATED):
        make_entrustment(published_a, status=status)
    run_deadline_checks(D(2026, 12, 20))
    assert notices() == []


def test_the_rule_reads_the_indexed_end_date():
    rule = get_rule("entrustment_expiry")
    assert rule.due_field == "ends_on"
    assert rule.reminder_days == 30
    index = next(i for i in Entrustment._meta.indexes if i.fields == ["ends_on"])
    assert index.condition is not None


@at(D(2026, 6, 1))
def test_list_and_export_with_filters(browser, legal, published_a):
    from io import BytesIO

    from openpyxl import load_workbook

    make_entrustment(published_a, status=S.PUBLISHED, entrusted_organisation="甲中心")
    make_entrustment(published_a, status=S.DRAFT, entrusted_organisation="乙中心")
    browser.force_login(legal)
    page = browser.get("/entities/entrustments/?status=published").content.decode()
    assert "甲中心" in page
    assert "乙中心" not in page
    response = browser.get("/entities/entrustments/?status=published&export=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[2] for r in rows[1:]] == ["甲中心"]

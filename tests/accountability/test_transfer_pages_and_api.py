"""Transfer pages and API: the department records and moves its transfer, the legal office sees
every department's with the outcomes per department; another department is a 404; wrong input a
400 in Chinese; a transition the state does not allow a 409."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from accountability import transfers
from accountability.models import CriminalTransfer
from tests.clock import at, moment
from tests.factories import OfficerFactory

from .conftest import D


@pytest.fixture
def team(officer_a):
    return [officer_a, OfficerFactory(entity=officer_a.entity, name="王办案")]


def reported(clerk, team, number="宿建罚〔2026〕12号"):
    with at(D(2026, 3, 2), 10):
        return transfers.transfer_report(
            actor=clerk,
            case_number=number,
            case_title="某公司无证施工案",
            suspected_offence="重大责任事故罪",
            team=team,
            reported_at=moment(D(2026, 3, 2), 9),
        )


def test_the_clerk_records_a_transfer_step_by_step_on_the_pages(browser, clerk_a, team):
    browser.force_login(clerk_a)
    with at(D(2026, 3, 2), 10):
        response = browser.post(
            "/accountability/transfers/new/",
            {
                "case_number": "宿建罚〔2026〕12号",
                "case_title": "某公司无证施工案",
                "suspected_offence": "重大责任事故罪",
                "team": [o.pk for o in team],
                "reported_at": "2026-03-02T09:00",
            },
            follow=True,
        )
    text = response.content.decode()
    assert "涉嫌犯罪案件报告已登记。" in text
    assert "待负责人决定" in text
    transfer = CriminalTransfer.objects.get()
    url = f"/accountability/transfers/{transfer.pk}/"
    with at(D(2026, 3, 2), 15):
        bad = browser.post(
            f"{url}decide/", {"transfer_case": "0", "decided_at": "2026-03-02T14:00"}
        )
        assert bad.status_code == 400
        assert "请说明不移送的理由。" in bad.content.decode()
        browser.post(f"{url}decide/", {"transfer_case": "1", "decided_at": "2026-03-02T14:00"})
        late = browser.post(
            f"{url}decide/", {"transfer_case": "1", "decided_at": "2026-03-02T14:00"}
        )
    assert late.status_code == 409
    assert "负责人已对该案作出决定。" in late.content.decode()
    page = browser.get(url).content.decode()
    assert "2026年3月3日 14:00" in page  # the 24-hour clock, in the pages' one date format
    assert "公安机关" in page


def test_scope_pages_and_api(browser, api, clerk_a, clerk_b, legal, team, county_legal, supervisor):
    transfer = reported(clerk_a, team)
    url = f"/accountability/transfers/{transfer.pk}/"
    for user in (clerk_b, county_legal):
        browser.force_login(user)
        assert browser.get(url).status_code == 404
        assert browser.post(f"{url}decide/", {"transfer_case": "1"}).status_code == 404
        export = browser.get("/accountability/transfers/?export=xlsx")
        assert load_workbook(io.BytesIO(export.content)).active.max_row <= 2
        assert api(user).get(f"/api/v1/criminal-transfers/{transfer.pk}/").status_code == 404
    browser.force_login(supervisor)
    assert browser.get("/accountability/transfers/").status_code == 404
    browser.force_login(legal)
    listed = browser.get("/accountability/transfers/").content.decode()
    assert "各部门移送结果" in listed
    assert "待负责人决定 1" in listed
    assert browser.get(url).status_code == 200


def test_the_api_runs_the_transitions(api, clerk_a, team):
    with at(D(2026, 3, 2), 10):
        created = api(clerk_a).post(
            "/api/v1/criminal-transfers/",
            {
                "case_number": "宿建罚〔2026〕13号",
                "case_title": "某公司非法倾倒案",
                "suspected_offence": "污染环境罪",
                "team": [o.pk for o in team],
                "reported_at": "2026-03-02T09:00:00+08:00",
            },
            format="json",
        )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["decision_due"] == "2026-03-05"
    pk = body["id"]
    with at(D(2026, 3, 2), 15):
        early = api(clerk_a).post(
            f"/api/v1/criminal-transfers/{pk}/handover/",
            {"transferred_at": "2026-03-02T15:00:00+08:00", "police_organ": "宿州市公安局"},
            format="json",
        )
        assert early.status_code == 409
        decided = api(clerk_a).post(
            f"/api/v1/criminal-transfers/{pk}/decide/",
            {"transfer_case": True, "decided_at": "2026-03-02T14:00:00+08:00"},
            format="json",
        )
    assert decided.status_code == 200
    assert decided.json()["transfer_due_at"].startswith("2026-03-03T14:00:00")
    with at(D(2026, 3, 2), 15):
        future = api(clerk_a).post(
            f"/api/v1/criminal-transfers/{pk}/handover/",
            {"transferred_at": "2026-03-04T15:00:00+08:00", "police_organ": "宿州市公安局"},
            format="json",
        )
    assert future.status_code == 400
    assert future.json() == {"transferred_at": ["时间不能晚于现在。"]}


def test_list_queries_do_not_grow_with_rows(browser, legal, clerk_a, team):
    browser.force_login(legal)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/accountability/transfers/").status_code == 200
        return len(captured)

    for n in range(3):
        reported(clerk_a, team, number=f"A{n}")
    few = queries()
    for n in range(3, 30):
        reported(clerk_a, team, number=f"A{n}")
    assert few == queries()


def test_the_polices_reply_is_attached_through_the_api(api, clerk_a, legal, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.samples import EXECUTABLE, PDF

    transfer = reported(clerk_a, team)
    with at(D(2026, 3, 2), 15):
        transfer = transfers.transfer_decide(
            transfer=transfer,
            actor=clerk_a,
            transfer_case=True,
            decided_at=moment(D(2026, 3, 2), 14),
        )
        transfers.transfer_handover(
            transfer=transfer,
            actor=clerk_a,
            transferred_at=moment(D(2026, 3, 2), 15),
            police_organ="宿州市公安局",
        )
    url = f"/api/v1/criminal-transfers/{transfer.pk}/police/"
    with at(D(2026, 3, 9)):
        bad = api(clerk_a).post(
            url,
            {
                "case_opened": "false",
                "received_on": "2026-03-09",
                "reply": SimpleUploadedFile("x.pdf", EXECUTABLE),
            },
            format="multipart",
        )
        assert bad.status_code == 400
        assert "reply" in bad.json()
        done = api(clerk_a).post(
            url,
            {
                "case_opened": "false",
                "received_on": "2026-03-09",
                "reply": SimpleUploadedFile("不予立案通知书.pdf", PDF),
            },
            format="multipart",
        )
    assert done.status_code == 200, done.json()
    assert done.json()["reconsideration_due"] == "2026-03-12"
    transfer.refresh_from_db()
    assert transfer.police_reply_name == "不予立案通知书.pdf"
    assert transfer.police_reply.name.startswith("private/accountability/transfers/")
    from django.test import Client

    browser = Client()
    browser.force_login(legal)
    document = browser.get(f"/accountability/transfers/{transfer.pk}/documents/police_reply/")
    assert document.status_code == 200
    assert (
        "不予立案通知书.pdf" in document["Content-Disposition"]
        or "filename*" in document["Content-Disposition"]
    )

"""The rectification loop (整改) in the kernel: a finding against a department, the order with its
due date (one rule), the department's report, acceptance or return, the follow-up check; its
notices, its pages and API, and who sees and acts on what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from supervision import rectification
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, Finding, Jurisdiction, Notice
from supervision.services import schedule_enter
from tests.clock import at
from tests.factories import PDF, DepartmentFactory, LegalStaffFactory

D = datetime.date


def raise_finding(legal, department, **extra):
    return rectification.finding_raise(
        department=department,
        problem=extra.pop("problem", "处罚决定书未载明救济途径"),
        standard=extra.pop("standard", "《行政处罚法》第四十四条"),
        actor=legal,
        **extra,
    )


@pytest.fixture
def county(db):
    return Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )


@pytest.fixture
def county_department(county):
    return DepartmentFactory(code="DS-ZJJ", name="砀山县住房和城乡建设局", jurisdiction=county)


@pytest.fixture
def county_legal(county):
    office = DepartmentFactory(
        code="DS-FZB", name="砀山县人民政府法制办公室", jurisdiction=county, is_legal_office=True
    )
    return LegalStaffFactory(username="county_legal", department=office)


# The loop ---------------------------------------------------------------------------------------


def test_a_finding_from_order_to_follow_up(legal, clerk_a, department_a):
    with at(D(2026, 3, 2)):
        finding = raise_finding(legal, department_a)
        assert finding.status == "raised"
        assert finding.round == 0
        finding = rectification.finding_order(finding=finding, actor=legal, due_on=D(2026, 3, 31))
        assert (finding.status, finding.due_on, finding.round) == ("ordered", D(2026, 3, 31), 1)
    with at(D(2026, 3, 20)):
        finding = rectification.finding_report(
            finding=finding,
            actor=clerk_a,
            text="已补正文书并组织培训",
            evidence=SimpleUploadedFile("整改材料.pdf", PDF),
        )
        assert finding.status == "reported"
        returned = rectification.finding_return(finding=finding, actor=legal, reason="证据不足")
    # 15 days after the return: 4 April 2026 is 清明 (4-6 April), so the due date moves.
    assert returned.status == "ordered"
    assert returned.round == 2
    assert returned.due_on == D(2026, 4, 7)
    with at(D(2026, 4, 1)):
        rectification.finding_report(finding=returned, actor=clerk_a, text="补充了培训签到表")
        closed = rectification.finding_accept(finding=returned, actor=legal)
    assert closed.status == "closed"
    assert closed.closed_on == D(2026, 4, 1)
    reports = list(closed.reports.order_by("round"))
    assert [(r.round, r.decision) for r in reports] == [(1, "returned"), (2, "accepted")]
    assert reports[0].reasons == "证据不足"
    assert reports[0].evidence_name == "整改材料.pdf"
    with at(D(2026, 6, 15)):
        reopened = rectification.finding_follow_up(
            finding=closed, actor=legal, result="reopened", note="回头看发现问题仍存在"
        )
    assert (reopened.status, reopened.round, reopened.follow_up) == ("ordered", 3, "reopened")
    actions = list(
        AuditEntry.objects.for_record(closed).order_by("at", "id").values_list("action", flat=True)
    )
    assert actions == ["raise", "order", "report", "return", "report", "accept", "reopen"]


def test_confirmed_at_the_follow_up_stays_closed_and_is_checked_once(legal, clerk_a, department_a):
    with at(D(2026, 3, 2)):
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal
        )
        rectification.finding_report(finding=finding, actor=clerk_a, text="已整改")
        rectification.finding_accept(finding=finding, actor=legal)
        confirmed = rectification.finding_follow_up(
            finding=finding, actor=legal, result="confirmed"
        )
        assert (confirmed.status, confirmed.follow_up) == ("closed", "confirmed")
        with pytest.raises(TransitionNotAllowed):
            rectification.finding_follow_up(finding=finding, actor=legal, result="confirmed")


def test_wrong_states_and_wrong_people_are_refused(legal, clerk_a, clerk_b, department_a):
    with at(D(2026, 3, 2)):
        finding = raise_finding(legal, department_a)
        with pytest.raises(TransitionNotAllowed):
            rectification.finding_report(finding=finding, actor=clerk_a, text="x")
        with pytest.raises(TransitionNotAllowed):
            rectification.finding_accept(finding=finding, actor=legal)
        rectification.finding_order(finding=finding, actor=legal)
        with pytest.raises(PermissionDenied):
            rectification.finding_report(finding=finding, actor=clerk_b, text="x")
        with pytest.raises(PermissionDenied):
            rectification.finding_order(finding=finding, actor=clerk_a)
        with pytest.raises(ValidationError) as error:
            rectification.finding_report(finding=finding, actor=clerk_a, text=" ")
        assert error.value.message_dict == {"text": ["请说明整改所做的工作。"]}
        rectification.finding_report(finding=finding, actor=clerk_a, text="已整改")
        with pytest.raises(ValidationError) as error:
            rectification.finding_return(finding=finding, actor=legal, reason="")
        assert error.value.message_dict == {"reason": ["请填写理由。"]}
        with pytest.raises(ValidationError) as error:
            rectification.finding_order(
                finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 3, 1)
            )
        assert "due_on" in error.value.message_dict


def test_the_source_is_any_record_through_a_generic_link(legal, department_a, clerk_a):
    with at(D(2026, 3, 2)):
        finding = raise_finding(legal, department_a, source=clerk_a)  # any model will do
    assert Finding.objects.from_source(clerk_a).get() == finding
    assert finding.source_label == str(clerk_a)
    assert Finding.objects.open_by_department() == {department_a.pk: 1}


# The due date and its notices -----------------------------------------------------------------


def test_the_due_date_moves_over_a_holiday_and_keeps_a_made_up_working_saturday(
    legal, department_a, admin_user
):
    with at(D(2026, 9, 1)):
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 10, 3)
        )
        assert finding.due_on == D(2026, 10, 8)  # 国庆: 1–7 October
        saturday = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 10, 10)
        )
        assert saturday.due_on == D(2026, 10, 10)  # 调休: a working Saturday
        last_day = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 9, 30)
        )
        assert last_day.due_on == D(2026, 9, 30)


def test_a_made_up_working_saturday_entered_by_the_office_is_a_due_date(legal, department_a):
    with at(D(2027, 1, 4)):
        schedule_enter(
            year=2027,
            days=[(D(2027, 2, 20), True, "调休上班")],
            source="国办发明电〔2026〕1号",
            actor=legal,
        )
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2027, 2, 20)
        )
    assert finding.due_on == D(2027, 2, 20)
    assert not finding.due_provisional


def test_reminder_and_overdue_notice_once_per_round_on_the_edges(legal, clerk_a, department_a):
    with at(D(2026, 3, 2)):
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 3, 31)
        )

    def notices(kind):
        return list(Notice.objects.filter(rule="rectification", kind=kind))

    with at(D(2026, 3, 31)):  # the last day: a reminder, not overdue
        run_deadline_checks(D(2026, 3, 31))
    assert len(notices("reminder")) == 1
    assert notices("overdue") == []
    with at(D(2026, 4, 1)):  # the day after: overdue, once
        run_deadline_checks(D(2026, 4, 1))
        run_deadline_checks(D(2026, 4, 1))
    (overdue,) = notices("overdue")
    assert overdue.department == department_a
    assert overdue.number.startswith("宿法监通〔2026〕")
    assert "2026年3月31日" in overdue.body
    with at(D(2026, 4, 2)):
        rectification.finding_report(finding=finding, actor=clerk_a, text="已整改")
        rectification.finding_return(
            finding=finding, actor=legal, reason="不完整", due_on=D(2026, 4, 10)
        )
    with at(D(2026, 4, 13)):
        run_deadline_checks(D(2026, 4, 13))
    assert len(notices("overdue")) == 2  # the second round has its own


def test_a_county_finding_is_noticed_by_the_county_office(county_legal, county_department):
    with at(D(2026, 3, 2)):
        rectification.finding_order(
            finding=raise_finding(county_legal, county_department),
            actor=county_legal,
            due_on=D(2026, 3, 10),
        )
    with at(D(2026, 3, 11)):
        run_deadline_checks(D(2026, 3, 11))
    (notice,) = Notice.objects.filter(rule="rectification", kind="overdue")
    assert notice.number.startswith("砀法监通〔2026〕")


# Who sees and acts ------------------------------------------------------------------------------


def test_another_departments_finding_is_404_everywhere(
    legal, clerk_a, clerk_b, department_a, browser, api
):
    with at(D(2026, 3, 2)):
        finding = rectification.finding_order(
            finding=raise_finding(
                legal, department_a, evidence=SimpleUploadedFile("证据.pdf", PDF)
            ),
            actor=legal,
        )
    browser.force_login(clerk_b)
    for url in [
        f"/findings/{finding.pk}/",
        f"/findings/{finding.pk}/evidence/",
    ]:
        assert browser.get(url).status_code == 404
    assert browser.post(f"/findings/{finding.pk}/report/", {"text": "x"}).status_code == 404
    page = browser.get("/findings/?state=open")
    assert "处罚决定书未载明救济途径" not in page.content.decode()
    export = browser.get("/findings/?state=open&export=xlsx")
    assert export.status_code == 200
    assert "处罚决定书".encode() not in export.content
    client = api(clerk_b)
    assert client.get(f"/api/v1/findings/{finding.pk}/").status_code == 404
    assert client.get("/api/v1/findings/").json()["count"] == 0
    assert client.post(f"/api/v1/findings/{finding.pk}/report/", {"text": "x"}).status_code == 404
    browser.force_login(clerk_a)
    assert browser.get(f"/findings/{finding.pk}/evidence/").status_code == 200


def test_the_city_sees_a_county_finding_but_cannot_act(
    legal, county_legal, county_department, department_a, api
):
    with at(D(2026, 3, 2)):
        county_finding = raise_finding(county_legal, county_department)
        city_finding = raise_finding(legal, department_a)
        with pytest.raises(PermissionDenied):
            rectification.finding_raise(department=county_department, problem="x", actor=legal)
    city = api(legal)
    assert city.get(f"/api/v1/findings/{county_finding.pk}/").status_code == 200
    answer = city.post(f"/api/v1/findings/{county_finding.pk}/order/", {}, format="json")
    assert answer.status_code == 403
    county = api(county_legal)
    assert county.get(f"/api/v1/findings/{city_finding.pk}/").status_code == 404
    assert [f["id"] for f in county.get("/api/v1/findings/").json()["results"]] == [
        county_finding.pk
    ]


# Pages and API ----------------------------------------------------------------------------------


def test_the_loop_through_the_pages(legal, clerk_a, department_a, browser):
    browser.force_login(legal)
    with at(D(2026, 3, 2)):
        answer = browser.post(
            "/findings/new/",
            {"department": department_a.pk, "problem": "案卷未编页码", "standard": "立卷归档"},
        )
        finding = Finding.objects.get()
        assert answer.status_code == 302
        assert (
            browser.post(f"/findings/{finding.pk}/order/", {"due_on": "2026-04-30"}).status_code
            == 302
        )
        bad = browser.post(f"/findings/{finding.pk}/accept/", {})
        assert bad.status_code == 409
    browser.force_login(clerk_a)
    with at(D(2026, 3, 5)):
        page = browser.get(f"/findings/{finding.pk}/").content.decode()
        assert "报告整改情况" in page
        assert browser.post(f"/findings/{finding.pk}/report/", {"text": ""}).status_code == 400
        assert (
            browser.post(f"/findings/{finding.pk}/report/", {"text": "已编页码"}).status_code == 302
        )
    browser.force_login(legal)
    with at(D(2026, 3, 6)):
        assert browser.post(f"/findings/{finding.pk}/accept/", {}).status_code == 302
        page = browser.get(f"/findings/{finding.pk}/").content.decode()
    finding.refresh_from_db()
    assert finding.status == "closed"
    assert "已整改销号" in page
    assert "整改已通过" in page


def test_the_loop_through_the_api(legal, clerk_a, department_a, api):
    office, clerk = api(legal), api(clerk_a)
    with at(D(2026, 3, 2)):
        created = office.post(
            "/api/v1/findings/",
            {"department": department_a.pk, "problem": "未告知陈述申辩权利", "status": "closed"},
            format="json",
        )
        assert created.status_code == 400
        assert "status" in created.json()
        created = office.post(
            "/api/v1/findings/",
            {"department": department_a.pk, "problem": "未告知陈述申辩权利"},
            format="json",
        )
        assert created.status_code == 201
        pk = created.json()["id"]
        ordered = office.post(
            f"/api/v1/findings/{pk}/order/", {"due_on": "2026-04-30"}, format="json"
        )
        assert ordered.json()["due_on"] == "2026-04-30"
        assert clerk.post(f"/api/v1/findings/{pk}/accept/", {}, format="json").status_code == 403
        assert office.post(f"/api/v1/findings/{pk}/accept/", {}, format="json").status_code == 409
        reported = clerk.post(f"/api/v1/findings/{pk}/report/", {"text": "已整改"}, format="json")
        assert reported.json()["status"] == "reported"
        returned = office.post(f"/api/v1/findings/{pk}/return/", {}, format="json")
        assert returned.status_code == 400
        assert returned.json()["reason"] == ["该字段是必填项。"]
        returned = office.post(
            f"/api/v1/findings/{pk}/return/", {"reason": "不完整"}, format="json"
        )
        assert returned.json()["status"] == "ordered"
        assert returned.json()["round"] == 2


def test_the_list_costs_the_same_queries_for_3_and_30(legal, department_a, browser):
    browser.force_login(legal)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert browser.get("/findings/?state=open").status_code == 200
        return len(captured)

    with at(D(2026, 3, 2)):
        for _ in range(3):
            raise_finding(legal, department_a)
        three = count()
        for _ in range(27):
            raise_finding(legal, department_a)
        assert count() == three


def test_the_office_sees_open_and_overdue_findings_by_department(
    legal, department_a, department_b, browser
):
    with at(D(2026, 3, 2)):
        rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2026, 3, 10)
        )
        raise_finding(legal, department_a)
        raise_finding(legal, department_b)
    browser.force_login(legal)
    with at(D(2026, 3, 11)):
        rows = list(Finding.objects.for_user(legal).open_summary(D(2026, 3, 11)))
        page = browser.get("/findings/?state=open").content.decode()
    assert [(r["department__name"], r["open"], r["overdue"]) for r in rows] == [
        ("宿州市住房和城乡建设局", 2, 1),
        ("宿州市交通运输局", 1, 0),
    ]
    assert "各部门未完成整改的问题" in page


def test_a_report_with_evidence_through_the_api(legal, clerk_a, department_a, api):
    with at(D(2026, 3, 2)):
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal
        )
        answer = api(clerk_a).post(
            f"/api/v1/findings/{finding.pk}/report/",
            {"text": "已整改", "evidence": SimpleUploadedFile("整改.pdf", PDF)},
            format="multipart",
        )
        assert answer.status_code == 200
        bad = api(clerk_a).post(
            f"/api/v1/findings/{finding.pk}/report/",
            {"text": "x", "evidence": SimpleUploadedFile("a.pdf", b"MZ not a pdf")},
            format="multipart",
        )
    assert bad.status_code == 409  # reported already: the state refuses before the file
    report = finding.reports.get()
    assert report.evidence_name == "整改.pdf"


def test_entering_a_years_schedule_recounts_open_rectifications(legal, department_a):
    with at(D(2026, 12, 1)):
        finding = rectification.finding_order(
            finding=raise_finding(legal, department_a), actor=legal, due_on=D(2027, 2, 20)
        )
    assert finding.due_on == D(2027, 2, 22)  # a Saturday, weekends only: provisional
    assert finding.due_provisional
    with at(D(2026, 12, 2)):
        schedule_enter(year=2027, days=[(D(2027, 2, 20), True, "调休上班")], actor=legal)
    finding.refresh_from_db()
    assert (finding.due_on, finding.due_provisional) == (D(2027, 2, 20), False)
    assert AuditEntry.objects.for_record(finding).filter(action="recompute_due").exists()

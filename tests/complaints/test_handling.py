"""The legal office registers, triages and approves; the department answers what it was assigned.
Pages, API and services answer the same, and another department's clerk gets 404 everywhere."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import services
from complaints.models import Complaint
from supervision import notes
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, User
from supervision.models_rectification import Finding
from tests.clock import at
from tests.factories import UserFactory
from tests.samples import PDF

from .conftest import NAME, PHONE, D, accepted, answered, letter, register

pytestmark = pytest.mark.django_db


# Registration by the legal office -----------------------------------------------------------


def test_the_legal_office_registers_a_letter_with_its_original(browser, legal, department_a):
    browser.force_login(legal)
    with at(D(2026, 3, 2)):
        response = browser.post(
            "/complaints/new/",
            {
                "department": department_a.pk,
                "channel": "letter",
                "received_on": "2026-03-02",
                "work_order": "来信〔2026〕15号",
                "facts": "执法人员违规收费。",
                "name": NAME,
                "phone": PHONE,
                "original": letter(),
            },
        )
        assert response.status_code == 302, response.context["form"].errors
        page = browser.get(response["Location"]).content.decode()
        assert "只显示这一次" in page
        assert NAME in page
        assert PHONE in page
        assert "只显示这一次" not in browser.get(response["Location"]).content.decode()
    complaint = Complaint.objects.get()
    assert complaint.created_by == legal
    assert complaint.channel == "letter"
    assert complaint.attachments.get().kind == "original"


def test_a_letter_without_its_original_is_refused_on_its_field(browser, legal, department_a):
    browser.force_login(legal)
    with at(D(2026, 3, 2)):
        response = browser.post(
            "/complaints/new/",
            {
                "department": department_a.pk,
                "channel": "letter",
                "received_on": "2026-03-02",
                "facts": "某事",
                "anonymous": "on",
            },
        )
    assert response.status_code == 400
    assert response.context["form"].errors["original"] == ["请上传来信或工单原件。"]
    assert not Complaint.objects.exists()


def test_a_clerk_cannot_register_and_a_county_office_only_its_own(
    api, clerk_a, department_a, county_legal, county_department
):
    body = {"channel": "phone", "received_on": "2026-03-02", "facts": "某事", "anonymous": True}
    with at(D(2026, 3, 2)):
        assert (
            api(clerk_a)
            .post("/api/v1/complaints/", {**body, "department": department_a.pk}, format="json")
            .status_code
            == 403
        )
        city = api(county_legal).post(
            "/api/v1/complaints/", {**body, "department": department_a.pk}, format="json"
        )
        assert city.status_code == 400
        assert "department" in city.json()
        own = api(county_legal).post(
            "/api/v1/complaints/", {**body, "department": county_department.pk}, format="json"
        )
    assert own.status_code == 201
    assert own.json()["tracking_code"].startswith("TS-")
    assert own.json()["accept_due"] == "2026-03-09"


# Triage and handling ---------------------------------------------------------------------------


def test_the_whole_way_through_the_api(api, legal, clerk_a, department_a):
    complaint, _code = register(legal, department_a)
    url = f"/api/v1/complaints/{complaint.pk}"
    office, clerk = api(legal), api(clerk_a)
    assert clerk.get(f"{url}/").status_code == 404  # not forwarded yet
    with at(D(2026, 3, 3)):
        assert office.post(f"{url}/accept/", {}, format="json").json()["status"] == "accepted"
        assert office.post(f"{url}/accept/", {}, format="json").status_code == 409
        assert clerk.get(f"{url}/").status_code == 404  # kept by the office so far
        assigned = office.post(f"{url}/assign/", {}, format="json").json()
    assert assigned["status"] == "assigned"
    assert assigned["conclude_due"] == "2026-04-02"
    seen = clerk.get(f"{url}/").json()
    assert seen["complainant"] is None
    assert NAME not in str(seen)
    assert PHONE not in str(seen)
    with at(D(2026, 3, 10)):
        bad = clerk.post(
            f"{url}/answer/",
            {"investigation": "", "answer": "x", "outcome": "maybe"},
            format="json",
        )
        assert bad.status_code == 400
        assert set(bad.json()) == {"investigation", "outcome"}
        answer = {"investigation": "已核实。", "answer": "经查属实。", "outcome": "true"}
        assert clerk.post(f"{url}/answer/", answer, format="json").json()["status"] == "answered"
        assert clerk.post(f"{url}/approve/", {}, format="json").status_code == 403
        returned = office.post(
            f"{url}/return/", {"reason": "证据不足，请补充视频。"}, format="json"
        )
        assert returned.json()["status"] == "assigned"
        assert clerk.post(f"{url}/answer/", answer, format="json").status_code == 200
        done = office.post(f"{url}/approve/", {}, format="json").json()
    assert done["status"] == "concluded"
    assert done["concluded_on"] == "2026-03-10"
    assert office.post(f"{url}/approve/", {}, format="json").status_code == 409


def test_refer_and_refuse_need_reasons_and_are_final(api, legal, department_a):
    first, _ = register(legal, department_a)
    second, _ = register(legal, department_a)
    office = api(legal)
    with at(D(2026, 3, 3)):
        missing = office.post(
            f"/api/v1/complaints/{first.pk}/refuse/", {"reason": ""}, format="json"
        )
        assert missing.status_code == 400
        refused = office.post(
            f"/api/v1/complaints/{first.pk}/refuse/",
            {"reason": "不属于行政执法投诉。"},
            format="json",
        )
        assert refused.json()["status"] == "refused"
        referred = office.post(
            f"/api/v1/complaints/{second.pk}/refer/",
            {"reason": "属于劳动争议。", "referred_to": "市人力资源和社会保障局"},
            format="json",
        )
        assert referred.json()["status"] == "referred"
        again = office.post(f"/api/v1/complaints/{second.pk}/accept/", {}, format="json")
    assert again.status_code == 409
    assert again.json()["detail"] == "该投诉已作出受理决定，不再处于待受理状态。"


def test_the_office_may_handle_a_complaint_itself(legal, department_a, clerk_a):
    complaint = accepted(legal, department_a, assign=False)
    with at(D(2026, 3, 10)):
        with pytest.raises(PermissionDenied):
            services.complaint_answer(
                complaint=complaint, actor=clerk_a, investigation="x", answer="y", outcome="untrue"
            )
        services.complaint_answer(
            complaint=complaint, actor=legal, investigation="x", answer="y", outcome="untrue"
        )
        done = services.complaint_approve(complaint=complaint, actor=legal)
    assert done.status == "concluded"
    assert done.forwarded_at is None
    assert not Complaint.objects.for_user(clerk_a).exists()


def test_the_city_sees_a_county_complaint_but_cannot_act_on_it(
    api, legal, county_legal, county_department, county_clerk, clerk_a
):
    complaint, _ = register(county_legal, county_department)
    assert api(legal).get(f"/api/v1/complaints/{complaint.pk}/").status_code == 200
    with at(D(2026, 3, 3)):
        assert (
            api(legal)
            .post(f"/api/v1/complaints/{complaint.pk}/accept/", {}, format="json")
            .status_code
            == 403
        )
        assert (
            api(county_legal)
            .post(f"/api/v1/complaints/{complaint.pk}/accept/", {"assign": True}, format="json")
            .status_code
            == 200
        )
    # The city's office reads it masked; the county's office in full; the clerk not at all.
    city = api(legal).get(f"/api/v1/complaints/{complaint.pk}/").json()["complainant"]
    assert city == {"name": "李**", "phone": "138****5678", "contact": "", "masked": True}
    assert (
        api(county_legal).get(f"/api/v1/complaints/{complaint.pk}/").json()["complainant"]["name"]
        == NAME
    )
    assert (
        api(county_clerk).get(f"/api/v1/complaints/{complaint.pk}/").json()["complainant"] is None
    )
    assert api(county_legal).get("/api/v1/complaints/").json()["count"] == 1
    county_own = [c["id"] for c in api(county_legal).get("/api/v1/complaints/").json()["results"]]
    assert county_own == [complaint.pk]
    assert api(clerk_a).get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404


def test_the_extension_moves_the_due_date_once(api, legal, department_a):
    complaint = accepted(legal, department_a)  # accepted 3 March: due 2 April
    url = f"/api/v1/complaints/{complaint.pk}/extend/"
    with at(D(2026, 3, 20)):
        too_long = api(legal).post(url, {"days": 31, "reason": "需鉴定。"}, format="json")
        assert too_long.status_code == 400
        assert too_long.json() == {"days": ["延长天数应为1至30日。"]}
        extended = (
            api(legal).post(url, {"days": 30, "reason": "需委托鉴定。"}, format="json").json()
        )
        assert api(legal).post(url, {"days": 5, "reason": "再延"}, format="json").status_code == 409
    assert extended["conclude_due"] == "2026-05-06"  # 2 May is in the Labour Day holiday
    assert extended["conclude_deadline"]["event_day"] == "2026-04-02"


# Privacy ---------------------------------------------------------------------------------------


def test_the_department_never_sees_who_complained_until_released(
    browser, legal, clerk_a, department_a
):
    complaint, _ = register(legal, department_a, channel="letter", original=letter())
    with at(D(2026, 3, 3)):
        services.complaint_accept(complaint=complaint, actor=legal, assign=True)
    browser.force_login(clerk_a)
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert NAME not in page
    assert PHONE not in page
    assert "对部门保密" in page
    # The letter names the complainant: the clerk neither sees it listed nor downloads it.
    original = complaint.attachments.get()
    assert "来信或工单原件" not in page
    assert browser.get(f"/complaints/{complaint.pk}/attachments/{original.pk}/").status_code == 404
    export = browser.get("/complaints/?export=xlsx")
    cells = [
        c
        for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(
            values_only=True
        )
        for c in row
    ]
    assert NAME not in cells
    assert PHONE not in cells
    assert "投诉人" not in cells

    with at(D(2026, 3, 4)):
        with pytest.raises(PermissionDenied):
            services.complaint_release_identity(complaint=complaint, actor=clerk_a, reason="x")
        services.complaint_release_identity(
            complaint=complaint, actor=legal, reason="需当面核实现场情况。"
        )
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert NAME in page
    assert PHONE in page
    download = browser.get(f"/complaints/{complaint.pk}/attachments/{original.pk}/")
    assert download.status_code == 200
    assert NAME not in download["Content-Disposition"]
    entry = AuditEntry.objects.get(action="release_identity")
    assert entry.reason == "需当面核实现场情况。"


def test_no_identity_in_the_audit_trail_or_the_logs(legal, clerk_a, department_a, caplog):
    caplog.set_level("DEBUG")
    complaint = answered(legal, clerk_a, department_a)
    with at(D(2026, 3, 11)):
        services.complaint_approve(complaint=complaint, actor=legal)
    dumped = "".join(
        f"{e.before}{e.after}{e.reason}{e.object_repr}" for e in AuditEntry.objects.all()
    )
    assert "register" in AuditEntry.objects.values_list("action", flat=True)
    assert NAME not in dumped
    assert PHONE not in dumped
    assert NAME not in caplog.text
    assert PHONE not in caplog.text


def test_the_legal_office_export_carries_identities(browser, legal, department_a):
    register(legal, department_a)
    browser.force_login(legal)
    export = browser.get("/complaints/?export=xlsx")
    cells = [
        c
        for row in openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(
            values_only=True
        )
        for c in row
    ]
    assert NAME in cells
    assert PHONE in cells


# Who sees what ---------------------------------------------------------------------------------


def test_another_departments_clerk_gets_404_everywhere(
    browser, api, legal, clerk_a, clerk_b, department_a
):
    complaint = answered(legal, clerk_a, department_a)
    with at(D(2026, 3, 10)):
        services.complaint_attach(
            complaint=complaint,
            actor=legal,
            kind="evidence",
            upload=SimpleUploadedFile("照片.pdf", PDF, content_type="application/pdf"),
        )
    attachment = complaint.attachments.get()
    browser.force_login(clerk_b)
    assert browser.get(f"/complaints/{complaint.pk}/").status_code == 404
    assert browser.post(f"/complaints/{complaint.pk}/answer/", {}).status_code == 404
    assert (
        browser.get(f"/complaints/{complaint.pk}/attachments/{attachment.pk}/").status_code == 404
    )
    assert complaint.reference not in browser.get("/complaints/").content.decode()
    export = browser.get("/complaints/?export=xlsx")
    assert complaint.facts not in str(
        list(openpyxl.load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    )
    client = api(clerk_b)
    assert client.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 404
    assert client.get("/api/v1/complaints/").json()["count"] == 0
    assert client.post(f"/api/v1/complaints/{complaint.pk}/approve/").status_code == 404
    browser.force_login(clerk_a)
    assert (
        browser.get(f"/complaints/{complaint.pk}/attachments/{attachment.pk}/").status_code == 200
    )
    assert browser.get("/complaints/statistics/").status_code == 404


def test_pages_show_the_refusals(browser, legal, department_a):
    complaint = accepted(legal, department_a)
    browser.force_login(legal)
    with at(D(2026, 3, 4)):
        again = browser.post(f"/complaints/{complaint.pk}/accept/", {})
        assert again.status_code == 409
        assert "不再处于待受理状态" in again.content.decode()
        missing = browser.post(f"/complaints/{complaint.pk}/extend/", {"days": "", "reason": ""})
        assert missing.status_code == 400
        done = browser.post(f"/complaints/{complaint.pk}/extend/", {"days": "10", "reason": "鉴定"})
    assert done.status_code == 302
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "已延期" in page
    assert "鉴定" in page


def test_the_transitions_and_services_refuse_wrong_states(legal, clerk_a, department_a):
    complaint, _ = register(legal, department_a)
    with at(D(2026, 3, 3)):
        with pytest.raises(TransitionNotAllowed):
            services.complaint_approve(complaint=complaint, actor=legal)
        with pytest.raises(TransitionNotAllowed):
            services.complaint_extend(complaint=complaint, actor=legal, days=5, reason="x")
        with pytest.raises(TransitionNotAllowed):
            services.complaint_answer(
                complaint=complaint, actor=legal, investigation="x", answer="y", outcome="true"
            )


def test_statistics_for_the_legal_office(browser, legal, clerk_a, department_a):
    complaint = answered(legal, clerk_a, department_a)
    with at(D(2026, 3, 11)):
        services.complaint_approve(complaint=complaint, actor=legal)
    register(legal, department_a, channel="email")
    browser.force_login(legal)
    with at(D(2026, 3, 12)):
        response = browser.get("/complaints/statistics/?year=2026")
    figures = response.context["figures"]
    assert figures["total"] == 2
    assert figures["concluded_on_time"] == 1
    assert figures["on_time_share"] == 100.0
    assert {row["label"] for row in figures["by_channel"]} == {"电话", "电子邮件"}
    assert figures["by_outcome"] == [{"label": "属实", "count": 1}]
    assert figures["by_month"][2]["count"] == 2


def test_the_printable_reply_names_the_complainant_for_the_office_only(
    browser, legal, clerk_a, department_a
):
    from pypdf import PdfReader

    complaint = answered(legal, clerk_a, department_a)
    browser.force_login(legal)
    with at(D(2026, 3, 11)):
        assert browser.get(f"/complaints/{complaint.pk}/reply.pdf").status_code == 404
        services.complaint_approve(complaint=complaint, actor=legal)
        response = browser.get(f"/complaints/{complaint.pk}/reply.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = text.replace(" ", "").replace("\n", "")
    assert "执法投诉答复书" in text
    assert f"{NAME}：" in text
    assert "已责令当事执法人员作出书面检查" in text
    assert "2026年3月11日" in text
    browser.force_login(clerk_a)
    with at(D(2026, 3, 11)):
        assert browser.get(f"/complaints/{complaint.pk}/reply.pdf").status_code == 404


def test_the_county_office_lists_its_own_and_the_city_cannot_act_on_them(
    browser, legal, county_legal, county_department, department_a
):
    county_complaint, _ = register(county_legal, county_department)
    city_complaint, _ = register(legal, department_a)
    browser.force_login(county_legal)
    with at(D(2026, 3, 3)):
        listed = browser.get("/complaints/").content.decode()
        assert county_complaint.reference in listed
        assert city_complaint.reference not in listed
        assert browser.get(f"/complaints/{city_complaint.pk}/").status_code == 404
        browser.force_login(legal)
        listed = browser.get("/complaints/").content.decode()
        assert county_complaint.reference in listed
        assert "李**" in listed
        page = browser.get(f"/complaints/{county_complaint.pk}/").content.decode()
        assert "受理投诉" not in page
        assert NAME not in page
        assert browser.post(f"/complaints/{county_complaint.pk}/accept/", {}).status_code == 403
        assert browser.get(f"/complaints/{county_complaint.pk}/reply.pdf").status_code == 404


# A complaint found true goes into the rectification loop --------------------------------------


@pytest.mark.parametrize("outcome", ["true", "partly_true"])
def test_a_complaint_found_true_becomes_a_finding_the_department_rectifies(
    browser, legal, clerk_a, department_a, outcome
):
    complaint = answered(legal, clerk_a, department_a, outcome=outcome)
    with at(D(2026, 3, 12)):
        services.complaint_approve(complaint=complaint, actor=legal)
    (finding,) = Finding.objects.from_source(complaint)
    assert finding.department == department_a
    assert finding.status == "ordered"
    assert notes.render(finding.problem).splitlines() == [
        "投诉反映：执法人员在检查时态度恶劣，未出示执法证件。",
        "调查核实：经调取执法记录仪视频，情况属实。",
        "核查结论：" + {"true": "属实", "partly_true": "部分属实"}[outcome],
    ]
    assert notes.render(finding.source_label) == f"投诉{complaint.reference}"
    # 30 days after 12 March is 11 April, a Saturday: due the next working day.
    assert finding.due_on == D(2026, 4, 13)
    browser.force_login(clerk_a)
    page = browser.get(f"/complaints/{complaint.pk}/").content.decode()
    assert f'href="/findings/{finding.pk}/"' in page
    assert "整改" in page
    # The complainant's name is nowhere in the finding the department reads.
    assert NAME not in browser.get(f"/findings/{finding.pk}/").content.decode()


def test_a_complaint_found_untrue_raises_no_finding(legal, clerk_a, department_a):
    complaint = answered(legal, clerk_a, department_a, outcome="untrue")
    with at(D(2026, 3, 12)):
        services.complaint_approve(complaint=complaint, actor=legal)
    assert not Finding.objects.from_source(complaint).exists()


def test_an_identity_release_is_a_security_event(api, browser, legal, clerk_a, department_a):
    complaint = answered(legal, clerk_a, department_a)
    with at(D(2026, 3, 4)):
        services.complaint_release_identity(complaint=complaint, actor=legal, reason="需当面核实。")
    auditor = UserFactory(username="auditor1", role=User.Role.AUDITOR)
    events = api(auditor).get("/api/v1/audit-entries/?kind=security").json()["results"]
    assert "release_identity" in {e["action"] for e in events}
    assert "register" not in {e["action"] for e in events}
    browser.force_login(auditor)
    page = browser.get("/audit/?kind=security").content.decode()
    assert "已告知投诉人身份" in page
    assert "安全事件" in browser.get("/audit/").content.decode()

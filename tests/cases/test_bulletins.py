"""Bulletins (通报) built from the state of the records, drafted, previewed, edited, issued, voided
and replaced; read per department; criticisms (通报批评) issued by hand."""

import io

import pytest
from pypdf import PdfReader

from supervision.models import AuditEntry, DocumentDraft, DocumentSequence, Notice
from tests.clock import at

from .conftest import D, decided

pytestmark = pytest.mark.django_db

TODAY = D(2026, 10, 30)
PERIOD = {"start": "2026-10-01", "end": "2026-10-30"}


def pdf_text(content: bytes) -> str:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return text.replace(" ", "").replace("\n", "")


@pytest.fixture
def records(legal, clerk_a, category_a):
    """Filed late, still outstanding, filed on time; and no notice ever sent about any of them."""
    from cases import services

    late = decided(clerk_a, legal, category_a, made_on=D(2026, 9, 20), number="宿建罚决〔2026〕1号")
    with at(D(2026, 10, 12)):
        services.decision_file(decision=late, actor=clerk_a)
    outstanding = decided(
        clerk_a, legal, category_a, made_on=D(2026, 9, 29), number="宿建罚决〔2026〕2号"
    )
    on_time = decided(
        clerk_a, legal, category_a, made_on=D(2026, 9, 1), number="宿建罚决〔2026〕3号"
    )
    with at(D(2026, 9, 10)):
        services.decision_file(decision=on_time, actor=clerk_a)
    assert not Notice.objects.exists()
    return {"late": late, "outstanding": outstanding, "on_time": on_time}


def draft_bulletin(api, legal, **extra):
    with at(TODAY):
        response = api(legal).post("/api/v1/notices/bulletin/", {**PERIOD, **extra}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_bulletin_lists_every_overdue_item_of_the_records_and_what_became_of_it(
    api, legal, records, department_a, department_b
):
    draft = draft_bulletin(api, legal)
    items = draft["items"]
    assert (
        "宿州市住房和城乡建设局：重大行政执法决定宿建罚决〔2026〕1号“某置业有限公司未取得施工许可擅自施工案”"
        "的备案，应于2026年9月30日前完成，已于2026年10月12日逾期补办。" in items
    )
    # Due on 9 October; working days from 10 October (a made-up working Saturday) to 30 October.
    assert (
        "宿州市住房和城乡建设局：重大行政执法决定宿建罚决〔2026〕2号“某置业有限公司未取得施工许可擅自施工案”"
        "的备案，应于2026年10月9日前完成，至今未办，已逾期16个工作日。" in items
    )
    assert not any("宿建罚决〔2026〕3号" in line for line in items)
    # Departments without their 2025 case-file catalogue or their 2026 training plan are listed.
    for department in (department_a, department_b):
        assert any(
            line.startswith(
                f"{department.name}：2025年度案卷目录的报送，应于2026年2月2日前完成，至今未办"
            )
            for line in items
        )
        assert any(
            line.startswith(
                f"{department.name}：2026年度培训计划的报送，应于2026年2月2日前完成，至今未办"
            )
            for line in items
        )
    assert draft["opening"].startswith("经核查台账记录，2026年10月1日至2026年10月30日期间")
    assert draft["status"] == "draft"
    assert draft["number"] is None


def test_a_draft_takes_no_number_until_it_is_issued(api, legal, clerk_a, records):
    draft = draft_bulletin(api, legal)
    assert not Notice.objects.exists()
    assert not DocumentSequence.objects.exists()
    with at(TODAY):
        edited = api(legal).patch(
            f"/api/v1/notice-drafts/{draft['id']}/",
            {"opening": "现将2026年10月逾期工作通报如下："},
            format="json",
        )
        assert edited.status_code == 200
        preview = api(legal).get(f"/api/v1/notice-drafts/{draft['id']}/pdf/")
        assert preview["Content-Type"] == "application/pdf"
        text = pdf_text(preview.content)
        assert "草稿" in text
        assert "现将2026年10月逾期工作通报如下" in text
        assert "宿建罚决〔2026〕2号" in text
        assert "签发时编号" in text
        assert not Notice.objects.exists()
        # Clerks neither see nor issue drafts.
        assert api(clerk_a).get(f"/api/v1/notice-drafts/{draft['id']}/").status_code == 403
        assert api(clerk_a).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").status_code == 403
        issued = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/")
        again = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/")
    assert issued.status_code == 201
    notice = Notice.objects.get()
    assert notice.number == "宿法监通〔2026〕1号"
    assert notice.kind == "bulletin"
    assert notice.department is None
    assert notice.issued_on == TODAY
    assert notice.body.split("\n")[0] == "现将2026年10月逾期工作通报如下："
    assert "已逾期16个工作日" in notice.body
    assert again.status_code == 409
    assert again.json() == {"detail": "该草稿已签发，不能再修改。"}
    assert Notice.objects.count() == 1
    assert DocumentDraft.objects.get().status == "issued"
    late_edit = api(legal).patch(
        f"/api/v1/notice-drafts/{draft['id']}/", {"subject": "改"}, format="json"
    )
    assert late_edit.status_code == 409


def test_void_keeps_the_number_stamps_the_pdf_and_a_replacement_cites_it(
    api, legal, clerk_a, records
):
    draft = draft_bulletin(api, legal)
    with at(TODAY):
        first = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").json()
        not_void = api(legal).post(
            "/api/v1/notices/bulletin/", {**PERIOD, "replaces": first["id"]}, format="json"
        )
        assert not_void.status_code == 400
        assert "replaces" in not_void.json()
        no_reason = api(legal).post(f"/api/v1/notices/{first['id']}/void/", {}, format="json")
        assert no_reason.status_code == 400
        assert api(clerk_a).post(
            f"/api/v1/notices/{first['id']}/void/", {"reason": "x"}, format="json"
        ).status_code in (403, 404)
        voided = api(legal).post(
            f"/api/v1/notices/{first['id']}/void/",
            {"reason": "统计期间有误，应为10月1日至10月31日。"},
            format="json",
        )
        assert voided.status_code == 200
        twice = api(legal).post(
            f"/api/v1/notices/{first['id']}/void/", {"reason": "再次"}, format="json"
        )
        assert twice.status_code == 409
    old = Notice.objects.get(pk=first["id"])
    assert old.number == "宿法监通〔2026〕1号"
    assert old.is_void
    seen = api(clerk_a).get(f"/api/v1/notices/{old.pk}/").json()
    assert seen["voided_at"] is not None
    assert seen["void_reason"] == "统计期间有误，应为10月1日至10月31日。"
    text = pdf_text(api(clerk_a).get(f"/api/v1/notices/{old.pk}/pdf/").content)
    assert "作废" in text
    assert "统计期间有误" in text
    assert AuditEntry.objects.for_record(old).filter(action="void").count() == 1

    replacement = draft_bulletin(api, legal, replaces=old.pk)
    with at(TODAY):
        issued = api(legal).post(f"/api/v1/notice-drafts/{replacement['id']}/issue/").json()
    new = Notice.objects.get(pk=issued["id"])
    assert new.number == "宿法监通〔2026〕2号"
    assert new.replaces == old
    assert new.body.split("\n")[0] == "本文件更正并替代宿法监通〔2026〕1号（已作废）。"


def test_each_department_reads_a_bulletin_to_every_department_on_its_own(
    api, legal, clerk_a, clerk_b, records, browser
):
    draft = draft_bulletin(api, legal)
    with at(TODAY):
        notice = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").json()
        assert api(clerk_a).get(f"/api/v1/notices/{notice['id']}/").json()["read_at"] is None
        read = api(clerk_a).post(f"/api/v1/notices/{notice['id']}/read/")
        assert read.status_code == 200
        assert read.json()["read_at"] is not None
        assert api(clerk_a).get(f"/api/v1/notices/{notice['id']}/").json()["read_at"] is not None
        assert api(clerk_b).get(f"/api/v1/notices/{notice['id']}/").json()["read_at"] is None
        # Marking it again changes nothing.
        assert api(clerk_a).post(f"/api/v1/notices/{notice['id']}/read/").status_code == 200
        browser.force_login(legal)
        page = browser.get(f"/notices/{notice['id']}/").content.decode()
    assert "已阅部门" in page
    assert "宿州市住房和城乡建设局（" in page
    assert AuditEntry.objects.filter(action="read").count() == 1


def test_the_legal_office_issues_a_criticism_by_hand(api, legal, clerk_a, clerk_b, department_a):
    with at(TODAY):
        made = api(legal).post(
            "/api/v1/notices/criticism/",
            {
                "department": department_a.pk,
                "reason": "你局重大行政执法决定宿建罚决〔2026〕2号逾期未备案，经催办仍未整改。",
                "items": ["宿建罚决〔2026〕2号", "宿法监通〔2026〕1号"],
            },
            format="json",
        )
        assert made.status_code == 201, made.json()
        assert not Notice.objects.exists()
        issued = api(legal).post(f"/api/v1/notice-drafts/{made.json()['id']}/issue/")
    assert issued.status_code == 201
    notice = Notice.objects.get()
    assert notice.kind == "criticism"
    assert notice.department == department_a
    assert notice.subject == "关于对宿州市住房和城乡建设局的通报批评"
    assert notice.body.split("\n") == [
        "你局重大行政执法决定宿建罚决〔2026〕2号逾期未备案，经催办仍未整改。",
        "1. 宿建罚决〔2026〕2号",
        "2. 宿法监通〔2026〕1号",
        "请宿州市住房和城乡建设局立即整改，并将整改情况书面报送市政府法制办公室。",
    ]
    assert api(clerk_a).get(f"/api/v1/notices/{notice.pk}/").status_code == 200
    assert api(clerk_b).get(f"/api/v1/notices/{notice.pk}/").status_code == 404
    assert "通报批评" in pdf_text(api(clerk_a).get(f"/api/v1/notices/{notice.pk}/pdf/").content)


def test_a_criticism_needs_a_reason_and_a_department(api, legal, legal_department):
    with at(TODAY):
        response = api(legal).post(
            "/api/v1/notices/criticism/",
            {"department": legal_department.pk, "reason": " "},
            format="json",
        )
    assert response.status_code == 400
    assert set(response.json()) == {"department", "reason"}
    assert not DocumentDraft.objects.exists()


def test_draft_preview_edit_and_issue_in_the_browser(browser, legal, records):
    browser.force_login(legal)
    with at(TODAY):
        made = browser.post("/notices/bulletin/", PERIOD)
        assert made.status_code == 302
        draft = DocumentDraft.objects.get()
        assert made["Location"] == f"/notices/drafts/{draft.pk}/"
        page = browser.get(made["Location"]).content.decode()
        assert "草稿：尚未签发，尚无文号" in page
        assert "已逾期16个工作日" in page
        empty = browser.post(made["Location"], {"action": "save", "subject": "", "opening": "x"})
        assert empty.status_code == 400
        saved = browser.post(
            made["Location"],
            {
                "action": "save",
                "subject": "关于10月份逾期工作的通报",
                "opening": "通报如下：",
                "closing": "",
            },
        )
        assert saved.status_code == 302
        assert browser.get(f"/notices/drafts/{draft.pk}/pdf/")["Content-Type"] == "application/pdf"
        issued = browser.post(made["Location"], {"action": "issue"})
    notice = Notice.objects.get()
    assert issued["Location"] == f"/notices/{notice.pk}/"
    assert notice.subject == "关于10月份逾期工作的通报"
    assert notice.body.startswith("通报如下：\n1. ")
    with at(TODAY):
        voided = browser.post(f"/notices/{notice.pk}/void/", {"reason": "标题有误。"})
        assert voided.status_code == 302
        page = browser.get(f"/notices/{notice.pk}/").content.decode()
    assert "已作废" in page
    assert "标题有误。" in page
    assert f"/notices/bulletin/?replaces={notice.pk}" in page


def test_a_clerk_has_no_bulletin_pages(browser, clerk_a):
    browser.force_login(clerk_a)
    assert browser.get("/notices/bulletin/").status_code == 404
    assert browser.get("/notices/criticism/").status_code == 404


def test_the_unread_filter_follows_the_departments_reading(api, legal, clerk_a, clerk_b, records):
    draft = draft_bulletin(api, legal)
    with at(TODAY):
        notice = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").json()
        api(clerk_a).post(f"/api/v1/notices/{notice['id']}/read/")
        unread_a = api(clerk_a).get("/api/v1/notices/?unread=true").json()["results"]
        read_a = api(clerk_a).get("/api/v1/notices/?unread=false").json()["results"]
        unread_b = api(clerk_b).get("/api/v1/notices/?unread=true").json()["results"]
    assert notice["id"] not in [n["id"] for n in unread_a]
    assert notice["id"] in [n["id"] for n in read_a]
    assert notice["id"] in [n["id"] for n in unread_b]


def test_a_clerk_marks_a_bulletin_read_on_its_page(api, browser, legal, clerk_a, clerk_b, records):
    draft = draft_bulletin(api, legal)
    with at(TODAY):
        notice = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").json()
        browser.force_login(clerk_a)
        page = browser.get(f"/notices/{notice['id']}/").content.decode()
        assert 'value="read"' in page
        assert browser.post(f"/notices/{notice['id']}/", {"action": "read"}).status_code == 302
        page = browser.get(f"/notices/{notice['id']}/").content.decode()
        assert 'value="read"' not in page
        assert "已于2026-10-30 10:00阅知" in page
        browser.force_login(clerk_b)
        assert 'value="read"' in browser.get(f"/notices/{notice['id']}/").content.decode()


def test_a_draft_is_not_sealed_the_issued_document_is(api, legal, records):
    draft = draft_bulletin(api, legal)
    with at(TODAY):
        preview = pdf_text(api(legal).get(f"/api/v1/notice-drafts/{draft['id']}/pdf/").content)
        notice = api(legal).post(f"/api/v1/notice-drafts/{draft['id']}/issue/").json()
        issued = pdf_text(api(legal).get(f"/api/v1/notices/{notice['id']}/pdf/").content)
    assert "★" not in preview
    assert "★" in issued

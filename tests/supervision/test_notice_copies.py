"""抄送: a notice names the departments (or offices) sent a copy. The legal office chooses them on a
draft it writes by hand, callers such as the inspection report pass them; the 版记 lists them, and
a department copied reads the notice without owing, or seeing, an answer."""

import datetime
import io

import pytest
from pypdf import PdfReader

from inspections import services as inspections
from inspections.models import Inspection
from supervision import notices
from supervision.models import DocumentDraft, Finding, Jurisdiction, Notice, NoticeReply
from tests.clock import at
from tests.factories import ClerkFactory, DepartmentFactory, LegalStaffFactory

D = datetime.date
TODAY = D(2026, 10, 30)


def pdf_text(content: bytes) -> str:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return text.replace(" ", "").replace("\n", "")


@pytest.fixture
def draft(browser, legal, department_a):
    browser.force_login(legal)
    with at(TODAY):
        made = browser.post(
            "/notices/criticism/",
            {
                "department": department_a.pk,
                "reason": "重大行政执法决定逾期未备案，经催办仍未整改。",
            },
        )
    assert made.status_code == 302
    return DocumentDraft.objects.get()


def save(browser, draft, **values):
    return browser.post(
        f"/notices/drafts/{draft.pk}/",
        {
            "action": "save",
            "subject": draft.subject,
            "opening": draft.opening,
            "closing": draft.closing,
            **values,
        },
    )


def test_the_legal_office_chooses_the_copies_of_a_draft_and_the_banji_lists_them(
    browser, api, legal, draft, department_a, department_b
):
    with at(TODAY):
        page = browser.get(f"/notices/drafts/{draft.pk}/").content.decode()
        assert f'name="copy_to_departments" value="{department_b.pk}"' in page
        # The field's name heads its list of choices (not printed below it, inside one label).
        legend = page.index("<legend>抄送")
        assert legend < page.index('name="copy_to_departments"')
        # Neither the addressee (it has the original) nor the office itself is a choice.
        assert f'name="copy_to_departments" value="{department_a.pk}"' not in page
        assert f'name="copy_to_departments" value="{legal.department_id}"' not in page
        assert save(browser, draft, copy_to_departments=[department_b.pk]).status_code == 302
        assert (
            "抄送：宿州市交通运输局" in browser.get(f"/notices/drafts/{draft.pk}/").content.decode()
        )
        preview = pdf_text(browser.get(f"/notices/drafts/{draft.pk}/pdf/").content)
        assert "抄送：宿州市交通运输局。" in preview
        issued = browser.post(f"/notices/drafts/{draft.pk}/", {"action": "issue", "confirm": "1"})
        assert issued.status_code == 302, issued.content.decode()[:2000]
    notice = Notice.objects.get()
    assert notice.copy_to == "宿州市交通运输局"
    assert list(notice.copy_to_departments.all()) == [department_b]
    assert "抄送：宿州市交通运输局。" in pdf_text(notices.render_pdf(notice))
    assert api(legal).get(f"/api/v1/notices/{notice.pk}/").json()["copy_to"] == "宿州市交通运输局"


def test_a_copy_to_the_addressee_or_another_jurisdiction_is_refused_and_nothing_saved(
    browser, api, legal, draft, department_a
):
    elsewhere = Jurisdiction.objects.create(
        code="341322",
        name="萧县",
        parent=Jurisdiction.objects.root(),
        office_name="萧县人民政府法制办公室",
        number_prefix="萧法监通",
    )
    outside = DepartmentFactory(code="XX-ZJJ", name="萧县住房和城乡建设局", jurisdiction=elsewhere)
    with at(TODAY):
        refused = save(browser, draft, subject="改过的标题", copy_to_departments=[department_a.pk])
        assert refused.status_code == 400
        response = api(legal).patch(
            f"/api/v1/notice-drafts/{draft.pk}/",
            {"subject": "改过的标题", "copy_to_departments": [outside.pk]},
            format="json",
        )
    assert response.status_code == 400
    assert "抄送单位应为本级部门或下级法制机构" in str(response.json())
    draft.refresh_from_db()
    assert draft.subject != "改过的标题"
    assert not draft.copy_to_departments.exists()


def test_a_department_copied_reads_the_notice_but_owes_and_sees_no_answer(
    browser, api, legal, clerk_a, clerk_b, department_a, department_b
):
    with at(TODAY):
        (notice,) = notices.issue(
            [
                notices.NoticeDraft(
                    kind=Notice.Kind.CRITICISM,
                    department_id=department_a.pk,
                    subject="关于对宿州市住房和城乡建设局的通报批评",
                    body="逾期未备案。",
                    object_key="copies:1",
                    copy_to=(department_b.pk,),
                )
            ],
            rule="copies",
        )
        # It is not the copied department's to mark read.
        assert api(clerk_b).post(f"/api/v1/notices/{notice.pk}/read/").status_code >= 400
        notice.refresh_from_db()
        assert notice.read_at is None
        notices.notice_reply(notice=notice, actor=clerk_a, text="已整改。")
        other = ClerkFactory(username="clerk_c", department=DepartmentFactory(code="GAJ"))
        # The copy is in the copied department's inbox, with its PDF.
        listed = api(clerk_b).get("/api/v1/notices/").json()["results"]
        assert [n["id"] for n in listed] == [notice.pk]
        assert "抄送：宿州市交通运输局。" in pdf_text(
            api(clerk_b).get(f"/api/v1/notices/{notice.pk}/pdf/").content
        )
        assert api(clerk_b).get(f"/api/v1/notices/{notice.pk}/replies/").json() == []
        answered = api(clerk_b).post(
            f"/api/v1/notices/{notice.pk}/replies/", {"text": "收到。"}, format="json"
        )
        assert answered.status_code >= 400
        browser.force_login(clerk_b)
        page = browser.get(f"/notices/{notice.pk}/").content.decode()
        assert "本单位为本文件的抄送单位，供知悉，无需回复。" in page
        assert "已整改。" not in page
        assert 'name="text"' not in page
        # Its home counts nothing unread: a copy asks for nothing.
        assert browser.get("/").context["unread"] == 0
        # Neither an addressee nor copied: not found.
        assert api(other).get(f"/api/v1/notices/{notice.pk}/").status_code == 404
    assert NoticeReply.objects.filter(notice=notice).count() == 1


def test_a_county_inspection_report_is_copied_to_the_city_legal_office(legal):
    county = Jurisdiction.objects.create(
        code="341321",
        name="砀山县",
        parent=Jurisdiction.objects.root(),
        office_name="砀山县人民政府法制办公室",
        number_prefix="砀法监通",
    )
    department = DepartmentFactory(
        code="DS-ZJJ", name="砀山县住房和城乡建设局", jurisdiction=county
    )
    office = DepartmentFactory(
        code="DS-FZB", name="砀山县人民政府法制办公室", jurisdiction=county, is_legal_office=True
    )
    county_legal = LegalStaffFactory(username="county_legal", department=office)
    with at(D(2026, 7, 20)):
        inspection = inspections.inspection_create(
            actor=county_legal,
            title="住房城乡建设领域执法监督专项检查",
            field=Inspection.Field.TRANSPORT,
            departments=[department],
            methods=[Inspection.Method.CASE_FILES],
            start_on=D(2026, 7, 20),
            end_on=D(2026, 7, 24),
            team=(),
            scope="案卷。",
        )
        inspections.inspection_start(inspection=inspection, actor=county_legal)
    with at(D(2026, 7, 27)):
        inspections.inspection_conclude(inspection=inspection, actor=county_legal)
        inspections.inspection_report(inspection=inspection, actor=county_legal)
    (report,) = Notice.objects.filter(rule="inspection_report")
    assert report.number.startswith("砀法监通")
    assert list(report.copy_to_departments.all()) == [legal.department]
    assert report.copy_to == legal.department.name
    assert f"抄送：{legal.department.name}。" in pdf_text(notices.render_pdf(report))
    assert not Finding.objects.exists()

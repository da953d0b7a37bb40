"""The browser pages of major decisions: register, review, decide, file, list, export, files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cases.models import DecisionAttachment, MajorDecision
from supervision.web.pages import PER_PAGE
from tests.clock import at
from tests.factories import PDF
from tests.samples import DOCX

from .conftest import D, decided, passed, register


def page(response) -> str:
    return response.content.decode()


def pdf(name="审核材料.pdf", content=b"%PDF-1.4 test"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_pages_need_a_login(browser, pending_a):
    for url in [
        "/cases/decisions/",
        f"/cases/decisions/{pending_a.pk}/",
        "/cases/decisions/export.xlsx",
        "/cases/decisions/new/",
    ]:
        response = browser.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


def test_a_clerk_registers_a_decision_with_attachments(browser, clerk_a, category_a):
    browser.force_login(clerk_a)
    form = page(browser.get("/cases/decisions/new/"))
    assert "登记重大行政执法决定" in form
    assert 'name="department"' not in form  # a clerk registers for their own department
    with at(D(2026, 3, 2)):
        response = browser.post(
            "/cases/decisions/new/",
            {
                "case_number": "宿建罚决〔2026〕3号",
                "title": "某开发公司擅自预售商品房案",
                "party": "宿州某房地产开发有限公司",
                "category": category_a.pk,
                "summary": "未取得预售许可擅自预售。",
                "files": [pdf(), pdf("听证笔录.docx", DOCX)],
            },
            follow=True,
        )
    assert response.status_code == 200
    text = page(response)
    assert "决定已登记，并已报送法制审核。" in text
    assert "待审核" in text
    decision = MajorDecision.objects.get()
    assert decision.department == clerk_a.department
    assert sorted(decision.attachments.values_list("name", flat=True)) == [
        "听证笔录.docx",
        "审核材料.pdf",
    ]
    # Kept out of public media: a random stored name under private/.
    stored = decision.attachments.get(name="审核材料.pdf").file.name
    assert stored.startswith(f"private/cases/decisions/{decision.pk}/")
    assert "审核材料" not in stored


def test_the_form_shows_errors_in_chinese_and_saves_nothing(browser, clerk_a, category_a):
    browser.force_login(clerk_a)
    response = browser.post(
        "/cases/decisions/new/",
        {
            "case_number": "",
            "title": "x",
            "party": "y",
            "summary": "z",
            "category": category_a.pk,
            "files": [SimpleUploadedFile("virus.exe", b"MZ")],
        },
    )
    assert response.status_code == 400
    text = page(response)
    assert "该字段是必填项。" in text
    assert not MajorDecision.objects.exists()
    response = browser.post(
        "/cases/decisions/new/",
        {
            "case_number": "1",
            "title": "x",
            "party": "y",
            "summary": "z",
            "category": category_a.pk,
            "files": [SimpleUploadedFile("virus.exe", b"MZ")],
        },
    )
    assert response.status_code == 400
    assert "文件扩展“exe”是不被允许" in page(response)
    assert not MajorDecision.objects.exists()
    assert not DecisionAttachment.objects.exists()


def test_a_duplicate_case_number_is_a_field_error_on_the_form(browser, clerk_a, category_a):
    register(clerk_a, category_a, number="N1")
    browser.force_login(clerk_a)
    response = browser.post(
        "/cases/decisions/new/",
        {
            "case_number": "N1",
            "title": "x",
            "party": "y",
            "summary": "z",
            "category": category_a.pk,
        },
    )
    assert response.status_code == 400
    assert "本部门已有该案号的重大行政执法决定。" in page(response)


def test_the_review_gate_in_the_browser(browser, clerk_a, pending_a):
    browser.force_login(clerk_a)
    detail = page(browser.get(f"/cases/decisions/{pending_a.pk}/"))
    assert "法制审核通过后，方可登记决定作出。" in detail
    assert "登记决定日期" not in detail  # no decide form before the review passed
    with at(D(2026, 3, 3)):
        response = browser.post(
            f"/cases/decisions/{pending_a.pk}/decide/", {"decision_date": "2026-03-03"}
        )
    assert response.status_code == 409
    assert "该决定尚未通过法制审核（正在审核中），不能登记为已作出。" in page(response)
    assert MajorDecision.objects.get().decision_date is None


def test_the_legal_office_reviews_in_the_browser(browser, legal, clerk_a, pending_a):
    browser.force_login(clerk_a)
    assert (
        browser.post(f"/cases/decisions/{pending_a.pk}/review/", {"result": "passed"}).status_code
        == 403
    )
    browser.force_login(legal)
    detail = page(browser.get(f"/cases/decisions/{pending_a.pk}/"))
    assert "提交审核结果" in detail
    no_reason = browser.post(f"/cases/decisions/{pending_a.pk}/review/", {"result": "failed"})
    assert no_reason.status_code == 400
    assert "审核不通过的，应当填写审核意见，说明理由。" in page(no_reason)
    response = browser.post(
        f"/cases/decisions/{pending_a.pk}/review/",
        {"result": "failed", "opinion": "缺少听证告知书送达回证。"},
        follow=True,
    )
    text = page(response)
    assert "审核结果已记录。" in text
    assert "审核未通过" in text
    assert "缺少听证告知书送达回证。" in text


def test_a_clerk_corrects_and_resubmits_a_failed_decision(
    browser, legal, clerk_a, pending_a, category_a
):
    from cases import services

    services.decision_review(decision=pending_a, result="failed", opinion="缺材料。", actor=legal)
    browser.force_login(clerk_a)
    form = page(browser.get(f"/cases/decisions/{pending_a.pk}/edit/"))
    assert "缺材料。" in form
    assert "保存并重新报送审核" in form
    response = browser.post(
        f"/cases/decisions/{pending_a.pk}/edit/",
        {
            "case_number": pending_a.case_number,
            "title": pending_a.title,
            "party": pending_a.party,
            "category": category_a.pk,
            "summary": "已补充材料。",
        },
        follow=True,
    )
    assert "待审核" in page(response)
    assert MajorDecision.objects.get().review_status == "pending"


def test_decide_then_file_in_the_browser_with_the_deadline_explained(
    browser, legal, clerk_a, category_a
):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 9, 24))
    browser.force_login(clerk_a)
    with at(D(2026, 9, 25)):
        future = browser.post(
            f"/cases/decisions/{decision.pk}/decide/", {"decision_date": "2026-09-26"}
        )
        assert future.status_code == 400
        assert "决定日期不能晚于今天。" in page(future)
        response = browser.post(
            f"/cases/decisions/{decision.pk}/decide/", {"decision_date": "2026-09-25"}, follow=True
        )
    text = page(response)
    assert "已登记决定作出，备案期限已计算。" in text
    # The deadline and how it was counted: event day, period, raw last day, each day skipped.
    assert "2026年9月25日" in text
    assert "10日" in text
    assert "2026年10月5日" in text
    assert "2026年10月6日" in text
    assert "2026年10月7日" in text
    assert "<strong>2026年10月8日</strong>" in text
    assert "待备案" in text
    with at(D(2026, 10, 9)):
        before = browser.post(f"/cases/decisions/{decision.pk}/file/", {"filed_on": "2026-09-24"})
        assert before.status_code == 400
        assert "备案日期不能早于决定日期（2026年9月25日）。" in page(before)
        incomplete = browser.post(f"/cases/decisions/{decision.pk}/file/", {}, follow=True)
        assert incomplete.status_code == 409
        assert "备案材料不全：请先上传行政执法决定书，再报送备案。" in page(incomplete)
        browser.post(
            f"/cases/decisions/{decision.pk}/attachments/",
            {
                "kind": "decision",
                "upload": SimpleUploadedFile("决定书.pdf", PDF, "application/pdf"),
            },
        )
        filed = browser.post(f"/cases/decisions/{decision.pk}/file/", {}, follow=True)
    text = page(filed)
    assert "备案已登记。" in text
    assert "逾期备案" in text
    assert "登记备案" not in text  # read-only once filed
    assert "上传附件</button>" not in text


def test_a_provisional_deadline_is_marked(browser, legal, clerk_a, category_a):
    decision = decided(clerk_a, legal, category_a, made_on=D(2026, 12, 25))
    browser.force_login(clerk_a)
    text = page(browser.get(f"/cases/decisions/{decision.pk}/"))
    assert "暂定" in text
    assert "2027年1月4日" in text


def test_attachments_are_served_to_the_department_and_the_legal_office_only(
    browser, legal, clerk_a, clerk_b, pending_a
):
    from cases import services

    attachment = services.decision_attach(decision=pending_a, upload=pdf(), actor=clerk_a)
    url = f"/cases/decisions/{pending_a.pk}/attachments/{attachment.pk}/"
    for user in (clerk_a, legal):
        browser.force_login(user)
        response = browser.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
        assert "attachment" in response["Content-Disposition"]
    browser.force_login(clerk_b)
    assert browser.get(url).status_code == 404
    browser.logout()
    assert browser.get(url).status_code == 302


def test_clerk_b_gets_404_on_every_url_of_clerk_a_decision(browser, clerk_a, clerk_b, pending_a):
    from cases import services

    attachment = services.decision_attach(decision=pending_a, upload=pdf(), actor=clerk_a)
    base = f"/cases/decisions/{pending_a.pk}/"
    browser.force_login(clerk_b)
    for url in [base, f"{base}edit/", f"{base}attachments/{attachment.pk}/"]:
        assert browser.get(url).status_code == 404, url
    for url, data in [
        (f"{base}edit/", {"title": "x"}),
        (f"{base}review/", {"result": "passed"}),
        (f"{base}decide/", {"decision_date": "2026-03-03"}),
        (f"{base}file/", {}),
        (f"{base}attachments/", {"file": pdf()}),
        (f"{base}attachments/{attachment.pk}/remove/", {}),
    ]:
        assert browser.post(url, data).status_code == 404, url
    assert pending_a.case_number not in page(browser.get("/cases/decisions/"))
    assert DecisionAttachment.objects.count() == 1


def test_the_export_holds_the_filtered_list_of_the_users_scope(
    browser, legal, clerk_a, clerk_b, category_a, category_b
):
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3), number="A-made")
    with at(D(2026, 3, 4)):
        register(clerk_a, category_a, number="A-pending")
        register(clerk_b, category_b, number="B-pending")

    def rows(user, query=""):
        browser.force_login(user)
        with at(D(2026, 3, 20)):
            response = browser.get(f"/cases/decisions/export.xlsx{query}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        return list(sheet.iter_rows(values_only=True))

    header, *data = rows(clerk_a)
    assert header[:3] == ("所属部门", "案号", "决定名称")
    assert sorted(r[1] for r in data) == ["A-made", "A-pending"]
    assert {r[0] for r in data} == {"宿州市住房和城乡建设局"}
    _header, *overdue = rows(clerk_a, "?filing_status=overdue")
    assert [(r[1], r[-1]) for r in overdue] == [("A-made", "逾期未备案")]
    _header, *everything = rows(legal)
    assert len(everything) == 3
    _header, *theirs = rows(clerk_b)
    assert [r[1] for r in theirs] == ["B-pending"]


def test_the_list_filters_and_paginates(browser, legal, clerk_a, category_a):
    count = PER_PAGE + 5
    for n in range(count):
        with at(D(2026, 3, 2)):
            register(clerk_a, category_a, number=f"N{n:02d}")
    browser.force_login(clerk_a)
    first = page(browser.get("/cases/decisions/"))
    assert f"第 1 / 2 页（共 {count} 条）" in first
    found = page(browser.get("/cases/decisions/?q=N07"))
    assert "N07" in found
    assert "N08" not in found


@pytest.mark.parametrize("persona", ["legal", "clerk_a"])
def test_the_list_page_costs_the_same_queries_for_3_and_30(
    request, browser, persona, legal, clerk_a, category_a
):
    browser.force_login(request.getfixturevalue(persona))

    def make(numbers):
        for n in numbers:
            decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3), number=f"N{n}")

    def queries():
        with at(D(2026, 3, 20)), CaptureQueriesContext(connection) as captured:
            response = browser.get("/cases/decisions/?review_status=passed")
        assert response.status_code == 200
        return len(captured)

    make(range(3))
    few = queries()
    make(range(100, 127))
    assert few == queries()


def test_one_wrong_file_saves_neither_the_decision_nor_any_file(
    browser, clerk_a, category_a, settings
):
    browser.force_login(clerk_a)
    response = browser.post(
        "/cases/decisions/new/",
        {
            "case_number": "1",
            "title": "x",
            "party": "y",
            "summary": "z",
            "category": category_a.pk,
            "files": [pdf(), SimpleUploadedFile("宏.xlsm", b"PK")],
        },
    )
    assert response.status_code == 400
    assert not MajorDecision.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_document_is_removed_while_the_decision_is_corrected_not_after_review(
    browser, legal, clerk_a, pending_a, django_capture_on_commit_callbacks
):
    from cases import services

    first = services.decision_attach(decision=pending_a, upload=pdf(), actor=clerk_a)
    second = services.decision_attach(decision=pending_a, upload=pdf("证据.pdf"), actor=clerk_a)
    storage, name = first.file.storage, first.file.name
    browser.force_login(clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(f"/cases/decisions/{pending_a.pk}/attachments/{first.pk}/remove/")
    assert response.status_code == 302
    assert not storage.exists(name)
    services.decision_review(decision=pending_a, result="passed", opinion="同意。", actor=legal)
    kept = browser.post(f"/cases/decisions/{pending_a.pk}/attachments/{second.pk}/remove/")
    assert kept.status_code == 409
    assert "已审核决定的材料须留存，不能删除。" in page(kept)
    assert list(DecisionAttachment.objects.all()) == [second]


@pytest.mark.parametrize(
    "url",
    [
        "/cases/categories/",
        "/cases/categories/new/",
        "/cases/catalogues/",
        "/cases/catalogues/template.xlsx",
    ],
)
def test_the_other_pages_need_a_login_too(browser, db, url):
    response = browser.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url", ["/api/v1/decisions/", "/api/v1/decision-categories/", "/api/v1/catalogues/"]
)
def test_the_api_needs_a_login(api, db, url):
    assert api().get(url).status_code == 401


def test_a_title_that_looks_like_a_formula_is_exported_as_text(browser, clerk_a, category_a):
    with at(D(2026, 3, 4)):
        register(
            clerk_a, category_a, number="=1+1", title='=HYPERLINK("http://evil.example","点此")'
        )
    browser.force_login(clerk_a)
    with at(D(2026, 3, 20)):
        response = browser.get("/cases/decisions/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    case_number, title = sheet.cell(row=2, column=2), sheet.cell(row=2, column=3)
    assert (case_number.value, case_number.data_type) == ("=1+1", "s")
    assert title.data_type == "s"


def test_in_chinese_the_review_form_asks_for_the_legal_reviews_result(browser, legal, pending_a):
    """Training's assessments have a plain "Result" (结果): the legal review's is its own."""
    browser.force_login(legal)
    detail = page(browser.get(f"/cases/decisions/{pending_a.pk}/"))
    assert '<span class="required" aria-hidden="true">*</span>审核结果：</label>' in detail

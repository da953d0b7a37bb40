"""Normative documents (规范性文件备案): registration, the filing deadline (15 days of issue, a
setting; next working day), filing, the legal office's filing review, pages, API and scoping."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from publication import services
from publication.deadlines import filing_deadline
from publication.models import NormativeDocument
from supervision.deadlines import run_deadline_checks
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry, Notice
from supervision.models_rectification import Finding
from tests.clock import at

from .conftest import PDF, D, pdf, register_document

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


# The deadline: 15 days from the day after issue, to the next working day -------------------


@pytest.mark.parametrize(
    ("issued_on", "due"),
    [
        (D(2026, 9, 1), D(2026, 9, 16)),  # a Wednesday: the 15th day itself
        (D(2026, 9, 10), D(2026, 9, 28)),  # 25 September (a holiday), the weekend: to Monday
        (D(2026, 9, 16), D(2026, 10, 8)),  # 1 October, National Day: after the golden week
        (D(2026, 9, 5), D(2026, 9, 20)),  # a Sunday made a working day (调休): due that Sunday
    ],
)
def test_the_filing_deadline_counts_15_days_and_moves_to_a_working_day(issued_on, due):
    assert filing_deadline(issued_on).due == due


def test_the_period_is_a_setting(settings):
    settings.NORMATIVE_DOCUMENT_FILING_DAYS = 30
    deadline = filing_deadline(D(2026, 9, 1))
    assert (deadline.period_days, deadline.due) == (30, D(2026, 10, 8))


def test_registering_stores_the_deadline_and_its_explanation(clerk_a, department_a):
    with at(D(2026, 9, 20)):
        document = register_document(clerk_a, issued_on=D(2026, 9, 16))
    assert document.department == department_a
    assert document.status == NormativeDocument.Status.REGISTERED
    assert document.filing_due == D(2026, 10, 8)
    assert "2026年10月1日" in filing_deadline(D(2026, 9, 16)).explain()
    assert document.filing_due_explanation["period_days"] == 15
    assert document.text_name == "关于规范建筑市场秩序的通知.pdf"
    entry = AuditEntry.objects.get(action="register")
    assert entry.actor == clerk_a


@pytest.mark.parametrize(
    ("filed_on", "status"),
    [(D(2026, 9, 16), "filed_on_time"), (D(2026, 9, 17), "filed_late")],
)
def test_filing_on_the_last_day_is_on_time_the_day_after_is_late(clerk_a, filed_on, status):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
    with at(filed_on):
        document = services.document_file(document=document, actor=clerk_a)
        assert document.filing_status == status
    assert (document.status, document.filed_on, document.filed_by) == ("filed", filed_on, clerk_a)


def test_filing_refusals(clerk_a):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
        with pytest.raises(ValidationError) as future:
            services.document_file(document=document, actor=clerk_a, filed_on=D(2026, 9, 3))
        assert future.value.message_dict == {"filed_on": ["备案日期不能晚于今天。"]}
        with pytest.raises(ValidationError) as early:
            services.document_file(document=document, actor=clerk_a, filed_on=D(2026, 8, 31))
        assert early.value.message_dict == {
            "filed_on": ["备案日期不能早于印发日期（2026年9月1日）。"]
        }
        services.document_file(document=document, actor=clerk_a)
        with pytest.raises(TransitionNotAllowed) as twice:
            services.document_file(document=document, actor=clerk_a)
        assert str(twice.value.message) == "该文件已经备案。"


def test_bad_input_is_refused_on_its_field(clerk_a):
    with at(D(2026, 9, 2)), pytest.raises(ValidationError) as error:
        register_document(
            clerk_a,
            issued_on=D(2026, 9, 3),
            effective_on=D(2026, 9, 1),
            text=pdf("通知.pdf", b"<html>not a pdf</html>"),
        )
    assert set(error.value.message_dict) == {"text"}
    with at(D(2026, 9, 2)):
        with pytest.raises(ValidationError) as error:
            register_document(clerk_a, issued_on=D(2026, 9, 3))
        assert error.value.message_dict == {"issued_on": ["印发日期不能晚于今天。"]}
        with pytest.raises(ValidationError) as error:
            register_document(clerk_a, effective_on=D(2026, 8, 1))
        assert error.value.message_dict == {"effective_on": ["施行日期不能早于印发日期。"]}
        register_document(clerk_a)
        with pytest.raises(ValidationError) as error:
            register_document(clerk_a)
        assert error.value.message_dict == {"number": ["本部门已有该文号的规范性文件。"]}
    assert NormativeDocument.objects.count() == 1


def test_a_correction_of_the_issuing_date_moves_the_deadline(clerk_a):
    with at(D(2026, 9, 20)):
        document = register_document(clerk_a)
        document = services.document_update(
            document=document, actor=clerk_a, issued_on=D(2026, 9, 16)
        )
    assert document.filing_due == D(2026, 10, 8)
    assert document.filing_due_explanation["event_day"] == "2026-09-16"


# The filing review -------------------------------------------------------------------------


@pytest.fixture
def filed_a(clerk_a):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
        return services.document_file(document=document, actor=clerk_a)


def test_the_legal_office_finds_no_problem(filed_a, legal):
    document = services.document_review(
        document=filed_a, actor=legal, result="no_problem", opinion="符合规定。"
    )
    assert (document.status, document.reviewed_by, document.problem) == ("no_problem", legal, "")
    assert AuditEntry.objects.filter(action="review_no_problem").count() == 1


def test_a_problem_found_records_the_problem_and_the_correction_demanded(filed_a, legal):
    with pytest.raises(ValidationError) as missing:
        services.document_review(document=filed_a, actor=legal, result="problem_found")
    assert missing.value.message_dict == {
        "problem": ["请写明发现的问题。"],
        "correction_required": ["请写明部门应当如何纠正。"],
    }
    document = services.document_review(
        document=filed_a,
        actor=legal,
        result="problem_found",
        problem="第五条增设了上位法没有规定的行政许可条件。",
        correction_required="删除第五条第二款，重新公布。",
    )
    assert document.status == NormativeDocument.Status.PROBLEM_FOUND
    assert document.correction_required == "删除第五条第二款，重新公布。"
    entry = AuditEntry.objects.get(action="review_problem_found")
    assert entry.reason == "第五条增设了上位法没有规定的行政许可条件。"
    # 有错必纠: the correction is ordered through the kernel's rectification loop.
    finding = Finding.objects.from_source(document).get()
    assert finding.status == "ordered"
    assert finding.department == document.department
    assert "删除第五条第二款，重新公布。" in finding.problem
    assert finding.due_on is not None
    with pytest.raises(TransitionNotAllowed):
        services.document_review(document=document, actor=legal, result="no_problem")


def test_only_the_legal_office_of_the_same_level_reviews(
    filed_a, clerk_a, county_legal, legal, county_clerk
):
    with pytest.raises(PermissionDenied):
        services.document_review(document=filed_a, actor=clerk_a, result="no_problem")
    with pytest.raises(PermissionDenied):
        services.document_review(document=filed_a, actor=county_legal, result="no_problem")
    with at(D(2026, 9, 2)):
        county_document = register_document(county_clerk, number="砀建规〔2026〕1号")
        services.document_file(document=county_document, actor=county_clerk)
    # The city's office sees the county's document but does not act on it.
    assert NormativeDocument.objects.for_user(legal).filter(pk=county_document.pk).exists()
    with pytest.raises(PermissionDenied):
        services.document_review(document=county_document, actor=legal, result="no_problem")
    services.document_review(document=county_document, actor=county_legal, result="no_problem")


def test_an_unfiled_document_is_not_reviewed(clerk_a, legal):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
    with pytest.raises(TransitionNotAllowed) as refusal:
        services.document_review(document=document, actor=legal, result="no_problem")
    assert str(refusal.value.message) == "该文件尚未备案，无可审查。"


# The deadline rule ----------------------------------------------------------------------------


def test_reminder_before_and_overdue_notice_the_day_after_exactly_once(clerk_a, legal):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)  # due 16 September

    def checks(day):
        with at(day):
            results = {r.rule: r for r in run_deadline_checks(day)}
        rule = results["normative_document_filing"]
        return rule.reminders, rule.overdue

    assert checks(D(2026, 9, 10)) == (0, 0)
    assert checks(D(2026, 9, 14)) == (1, 0)
    assert checks(D(2026, 9, 16)) == (0, 0)  # the last day: not overdue, already reminded
    assert checks(D(2026, 9, 17)) == (0, 1)
    assert checks(D(2026, 9, 18)) == (0, 0)
    overdue = Notice.objects.get(rule="normative_document_filing", kind="overdue")
    assert overdue.department_id == document.department_id
    assert overdue.object_key == f"normative_document_filing:{document.pk}"
    assert "宿建规〔2026〕1号" in overdue.subject
    assert "2026年9月16日" in overdue.body


def test_a_filed_document_gets_no_notice(clerk_a):
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
        services.document_file(document=document, actor=clerk_a)
    with at(D(2026, 9, 17)):
        run_deadline_checks(D(2026, 9, 17))
    assert not Notice.objects.filter(rule="normative_document_filing").exists()


# Pages ----------------------------------------------------------------------------------------


def test_a_clerk_registers_files_and_downloads_through_the_pages(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 9, 2)):
        response = browser.post(
            "/publication/documents/new/",
            {
                "number": "宿建规〔2026〕2号",
                "title": "关于加强施工现场管理的通知",
                "issued_on": "2026-09-01",
                "effective_on": "2026-10-01",
                "text": pdf(),
            },
        )
        assert response.status_code == 302
        document = NormativeDocument.objects.get()
        detail = page(browser.get(document.get_absolute_url()))
        assert "2026年9月16日" in detail
        assert "备案" in detail
        response = browser.post(f"/publication/documents/{document.pk}/file/", {"filed_on": ""})
        assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == "filed"
    download = browser.get(f"/publication/documents/{document.pk}/text/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # Filed: no longer corrected.
    assert browser.get(f"/publication/documents/{document.pk}/edit/").status_code == 409


def test_the_form_shows_errors_in_chinese_and_saves_nothing(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 9, 2)):
        response = browser.post(
            "/publication/documents/new/",
            {
                "number": "宿建规〔2026〕2号",
                "title": "关于加强施工现场管理的通知",
                "issued_on": "2026-09-01",
                "effective_on": "2026-10-01",
                "text": pdf("通知.pdf", b"MZ not a pdf"),
            },
        )
    assert response.status_code == 400
    assert "PDF" in page(response)
    assert not NormativeDocument.objects.exists()


def test_the_review_through_the_page(browser, filed_a, legal):
    browser.force_login(legal)
    url = f"/publication/documents/{filed_a.pk}/review/"
    response = browser.post(url, {"result": "problem_found", "problem": "", "opinion": ""})
    assert response.status_code == 400
    assert "请写明发现的问题。" in page(response)
    response = browser.post(
        url, {"result": "problem_found", "problem": "超越职权。", "correction_required": "废止。"}
    )
    assert response.status_code == 302
    detail = page(browser.get(filed_a.get_absolute_url()))
    assert "发现问题，已责令纠正" in detail
    assert "超越职权。" in detail
    assert browser.post(url, {"result": "no_problem"}).status_code == 409


def test_another_departments_document_is_404_everywhere(browser, api, filed_a, clerk_b):
    browser.force_login(clerk_b)
    for url in [
        f"/publication/documents/{filed_a.pk}/",
        f"/publication/documents/{filed_a.pk}/edit/",
        f"/publication/documents/{filed_a.pk}/text/",
    ]:
        assert browser.get(url).status_code == 404, url
    assert browser.post(f"/publication/documents/{filed_a.pk}/file/").status_code == 404
    assert filed_a.number not in page(browser.get("/publication/documents/"))
    export = browser.get("/publication/documents/?export=xlsx")
    rows = list(load_workbook(filename=__import__("io").BytesIO(export.content)).active.values)
    assert all(filed_a.number not in [str(cell) for cell in row] for row in rows)
    client = api(clerk_b)
    assert client.get(f"/api/v1/normative-documents/{filed_a.pk}/").status_code == 404
    assert client.post(f"/api/v1/normative-documents/{filed_a.pk}/file/").status_code == 404
    assert client.get("/api/v1/normative-documents/").json()["count"] == 0


def test_a_county_office_sees_its_own_the_city_sees_the_county(
    browser, filed_a, county_clerk, county_legal, legal
):
    with at(D(2026, 9, 2)):
        county_document = register_document(county_clerk, number="砀建规〔2026〕1号")
    browser.force_login(county_legal)
    assert browser.get(filed_a.get_absolute_url()).status_code == 404
    assert browser.get(county_document.get_absolute_url()).status_code == 200
    browser.force_login(legal)
    detail = page(browser.get(county_document.get_absolute_url()))
    assert county_document.number in detail


def test_the_list_costs_the_same_queries_for_3_or_30_documents(browser, clerk_a, legal):
    def make(numbers):
        with at(D(2026, 9, 2)):
            for n in numbers:
                register_document(clerk_a, number=f"宿建规〔2026〕{n}号")

    browser.force_login(legal)

    def queries():
        with at(D(2026, 9, 20)), CaptureQueriesContext(connection) as captured:
            assert browser.get("/publication/documents/").status_code == 200
        return len(captured)

    make(range(3))
    few = queries()
    make(range(100, 127))
    assert queries() == few


# API ----------------------------------------------------------------------------------------


def test_the_api_registers_files_and_reviews(api, clerk_a, legal, department_b):
    client = api(clerk_a)
    with at(D(2026, 9, 2)):
        response = client.post(
            "/api/v1/normative-documents/",
            {
                "number": "宿建规〔2026〕3号",
                "title": "关于建筑垃圾管理的通知",
                "issued_on": "2026-09-01",
                "effective_on": "2026-09-01",
                "text": pdf(),
            },
            format="multipart",
        )
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["filing_due"] == "2026-09-16"
        assert body["deadline"]["period_days"] == 15
        assert "text" not in body  # served only by the scoped page
        pk = body["id"]
        refused = client.post(
            "/api/v1/normative-documents/",
            {
                "number": "x",
                "title": "x",
                "issued_on": "2026-09-01",
                "effective_on": "2026-09-01",
                "text": pdf(),
                "status": "no_problem",
                "department": department_b.pk,
            },
            format="multipart",
        )
        assert refused.status_code == 400
        assert set(refused.json()) >= {"status", "department"}
        assert (
            client.post(f"/api/v1/normative-documents/{pk}/file/", {}, format="json").json()[
                "status"
            ]
            == "filed"
        )
    review = api(legal).post(
        f"/api/v1/normative-documents/{pk}/review/",
        {"result": "problem_found", "problem": "与上位法抵触。"},
        format="json",
    )
    assert review.status_code == 400
    assert review.json()["correction_required"] == ["请写明部门应当如何纠正。"]
    assert (
        api(clerk_a)
        .post(f"/api/v1/normative-documents/{pk}/review/", {"result": "no_problem"}, format="json")
        .status_code
        == 403
    )
    done = api(legal).post(
        f"/api/v1/normative-documents/{pk}/review/", {"result": "no_problem"}, format="json"
    )
    assert done.json()["status"] == "no_problem"
    again = api(legal).post(
        f"/api/v1/normative-documents/{pk}/review/", {"result": "no_problem"}, format="json"
    )
    assert again.status_code == 409
    assert NormativeDocument.objects.count() == 1


def test_the_filing_deadline_follows_the_setting_when_registered(settings, clerk_a):
    settings.NORMATIVE_DOCUMENT_FILING_DAYS = 10
    with at(D(2026, 9, 2)):
        document = register_document(clerk_a)
    assert document.filing_due == D(2026, 9, 11)
    assert document.filing_due - document.issued_on == datetime.timedelta(days=10)


# The public list ------------------------------------------------------------------------------


def test_the_public_reads_documents_found_without_problem(
    client, filed_a, legal, clerk_a, county_clerk, county_legal
):
    with at(D(2026, 9, 2)):
        unreviewed = register_document(clerk_a, number="宿建规〔2026〕9号", title="尚未审查的文件")
        services.document_file(document=unreviewed, actor=clerk_a)
        county = register_document(county_clerk, number="砀建规〔2026〕1号", title="砀山县的文件")
        services.document_file(document=county, actor=county_clerk)
    services.document_review(document=filed_a, actor=legal, result="no_problem")
    services.document_review(document=county, actor=county_legal, result="no_problem")
    listed = page(client.get("/public/normative-documents/"))
    assert filed_a.title in listed
    assert "尚未审查的文件" not in listed
    assert "砀山县的文件" in listed  # the whole city by default
    in_county = page(client.get("/public/normative-documents/", {"jurisdiction": "341321"}))
    assert "砀山县的文件" in in_county
    assert filed_a.title not in in_county
    text = client.get(f"/public/normative-documents/{filed_a.pk}/text/")
    assert b"".join(text.streaming_content) == PDF
    assert client.get(f"/public/normative-documents/{unreviewed.pk}/text/").status_code == 404
    found = client.get("/api/v1/public/normative-documents/", {"q": "建筑市场"}).json()
    assert [d["number"] for d in found["results"]] == [filed_a.number]
    assert set(found["results"][0]) == {
        "id",
        "department",
        "jurisdiction",
        "number",
        "title",
        "issued_on",
        "effective_on",
        "text_url",
    }


def test_the_review_form_shows_only_for_the_office_of_the_level(
    browser, county_clerk, county_legal, legal
):
    with at(D(2026, 9, 2)):
        document = register_document(county_clerk, number="砀建规〔2026〕1号")
        services.document_file(document=document, actor=county_clerk)
    review_url = f"/publication/documents/{document.pk}/review/"
    browser.force_login(legal)
    assert review_url not in page(browser.get(document.get_absolute_url()))
    browser.force_login(county_legal)
    assert review_url in page(browser.get(document.get_absolute_url()))

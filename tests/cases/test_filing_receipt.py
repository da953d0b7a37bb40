"""Filing is received, not only declared (备案审查): a decision's or a catalogue's filing carries
its documents, is dated the day it reaches the portal, and the legal office receives it or returns
it with the reasons. A returned filing was never filed: the deadline runs on."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services
from cases.models import CaseCatalogue, MajorDecision
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from tests.clock import at
from tests.factories import PDF
from tests.samples import EXECUTABLE

from .conftest import D, attach_decision_document, decided, passed, signed_catalogue
from .test_deadline_rules import check

URL = "/api/v1/decisions/"
# Made on Thursday 5 March 2026: due on Monday 16 March (the 15th is a Sunday).
MADE, LAST_DAY, DAY_AFTER = D(2026, 3, 5), D(2026, 3, 16), D(2026, 3, 17)


@pytest.fixture
def made(clerk_a, legal, category_a):
    return decided(clerk_a, legal, category_a, made_on=MADE)


def test_a_filing_without_the_decision_document_is_refused(clerk_a, legal, category_a):
    decision = passed(clerk_a, legal, category_a, reviewed_on=D(2026, 3, 4))
    with at(MADE):
        decision = services.decision_decide(decision=decision, decision_date=MADE, actor=clerk_a)
        with pytest.raises(TransitionNotAllowed) as refusal:
            services.decision_file(decision=decision, actor=clerk_a)
    assert str(refusal.value.message) == "备案材料不全：请先上传行政执法决定书，再报送备案。"
    assert MajorDecision.objects.get().filed_on is None
    # Another document does not make the filing complete.
    with at(MADE):
        services.decision_attach(
            decision=decision,
            upload=SimpleUploadedFile("审核意见.pdf", PDF, "application/pdf"),
            kind="review_opinion",
            actor=clerk_a,
        )
        with pytest.raises(TransitionNotAllowed):
            services.decision_file(decision=decision, actor=clerk_a)


def test_filed_on_the_last_day_and_received_later_is_on_time(api, clerk_a, legal, made):
    with at(LAST_DAY):
        filed = api(clerk_a).post(f"{URL}{made.pk}/file/", {}, format="json").json()
    assert (filed["filed_on"], filed["receipt"]) == ("2026-03-16", "awaiting")
    # Awaiting receipt, the filing counts: no overdue notice the day after.
    assert check(DAY_AFTER)["decision_filing"] == (0, 0)
    with at(D(2026, 3, 18)):
        received = api(legal).post(f"{URL}{made.pk}/receive/")
    assert received.status_code == 200
    body = received.json()
    assert (body["filed_on"], body["receipt"], body["received_on"]) == (
        "2026-03-16",
        "received",
        "2026-03-18",
    )
    assert body["filing_status"] == "filed_on_time"
    again = api(legal).post(f"{URL}{made.pk}/receive/")
    assert again.status_code == 409
    assert again.json() == {"detail": "只有待接收的备案可以接收。"}
    entries = AuditEntry.objects.for_record(made).order_by("at", "id")
    assert list(entries.values_list("action", flat=True))[-2:] == ["file", "receive_filing"]


def test_returned_the_day_after_it_is_overdue_and_filed_again_late(api, clerk_a, legal, made):
    with at(LAST_DAY):
        api(clerk_a).post(f"{URL}{made.pk}/file/", {}, format="json")
    with at(DAY_AFTER):
        no_reason = api(legal).post(f"{URL}{made.pk}/return/", {"reason": ""}, format="json")
        assert no_reason.status_code == 400
        returned = api(legal).post(
            f"{URL}{made.pk}/return/", {"reason": "缺少送达回证。"}, format="json"
        )
    assert returned.status_code == 200
    body = returned.json()
    assert (body["filed_on"], body["receipt"], body["return_reason"]) == (
        None,
        "returned",
        "缺少送达回证。",
    )
    assert body["filing_status"] == "overdue"
    # Returned, it was never filed: the overdue notice goes out.
    assert check(DAY_AFTER)["decision_filing"] == (0, 1)
    with at(D(2026, 3, 18)):
        attach_decision_document(made, clerk_a)
        again = api(clerk_a).post(f"{URL}{made.pk}/file/", {}, format="json").json()
    assert (again["filed_on"], again["receipt"], again["filing_status"]) == (
        "2026-03-18",
        "awaiting",
        "filed_late",
    )


def test_a_clerk_cannot_date_the_filing_earlier(api, clerk_a, made):
    with at(DAY_AFTER):
        response = api(clerk_a).post(
            f"{URL}{made.pk}/file/", {"filed_on": "2026-03-16"}, format="json"
        )
    assert response.status_code == 400
    assert "filed_on" in response.json()
    made.refresh_from_db()
    assert made.filed_on is None


def test_a_paper_filing_recorded_by_the_legal_office_is_received_at_once(legal, made):
    with at(DAY_AFTER):
        decision = services.decision_file(decision=made, filed_on=LAST_DAY, actor=legal)
    assert (decision.filed_on, decision.receipt, decision.received_on) == (
        LAST_DAY,
        "received",
        DAY_AFTER,
    )


def test_only_the_legal_office_receives_and_returns(api, clerk_a, clerk_b, legal, made):
    with at(LAST_DAY):
        services.decision_file(decision=made, actor=clerk_a)
    assert api(clerk_a).post(f"{URL}{made.pk}/receive/").status_code == 403
    assert api(clerk_b).post(f"{URL}{made.pk}/receive/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.decision_return(decision=made, actor=clerk_a, reason="x")
    made.refresh_from_db()
    assert made.receipt == "awaiting"


def test_a_decision_not_filed_cannot_be_received(legal, made):
    with pytest.raises(TransitionNotAllowed):
        services.decision_receive(decision=made, actor=legal)
    with pytest.raises(ValidationError):
        services.decision_return(decision=made, actor=legal, reason="")


def test_the_page_offers_the_legal_office_receipt_and_return(browser, clerk_a, legal, made):
    with at(LAST_DAY):
        services.decision_file(decision=made, actor=clerk_a)
    browser.force_login(clerk_a)
    page = browser.get(f"/cases/decisions/{made.pk}/").content.decode()
    assert "待接收" in page
    assert "接收备案" not in page
    browser.force_login(legal)
    page = browser.get(f"/cases/decisions/{made.pk}/").content.decode()
    assert "备案审查" in page
    assert "接收备案" in page
    assert "退回备案" in page
    with at(DAY_AFTER):
        returned = browser.post(
            f"/cases/decisions/{made.pk}/return/", {"reason": "缺少决定书盖章页。"}, follow=True
        )
    text = returned.content.decode()
    assert "备案已退回报送部门。" in text
    assert "材料不全退回" in text
    assert "缺少决定书盖章页。" in text


# Case-file catalogues ----------------------------------------------------------------------


@pytest.fixture
def catalogue(clerk_a):
    with at(D(2026, 1, 5)):
        return services.catalogue_open(actor=clerk_a, year=2025)


def test_a_returned_catalogue_is_open_again_and_its_deadline_runs_on(
    api, clerk_a, legal, catalogue
):
    # 2025's catalogue is due on 2 February 2026 (31 January is a Saturday).
    assert catalogue.due == D(2026, 2, 2)
    with at(D(2026, 2, 2)):
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue, actor=clerk_a)
    with at(D(2026, 2, 3)):
        returned = api(legal).post(
            f"/api/v1/catalogues/{catalogue.pk}/return/",
            {"reason": "目录缺少结案日期。"},
            format="json",
        )
    assert returned.status_code == 200
    assert (returned.json()["filed_on"], returned.json()["receipt"]) == (None, "returned")
    catalogue.refresh_from_db()
    assert (catalogue.status, catalogue.filed_by) == (CaseCatalogue.Status.OVERDUE, None)
    with at(D(2026, 2, 3)):
        services.catalogue_item_add(
            catalogue=catalogue,
            case_number="宿建罚〔2025〕9号",
            title="某公司违法施工案",
            kind="penalty",
            closing_date=D(2025, 12, 1),
            actor=clerk_a,
        )
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue, actor=clerk_a)
        received = api(legal).post(f"/api/v1/catalogues/{catalogue.pk}/receive/").json()
    assert (received["filed_on"], received["receipt"], received["status"]) == (
        "2026-02-03",
        "received",
        "filed_late",
    )


def test_a_catalogue_filed_on_its_last_day_and_received_later_is_on_time(
    api, clerk_a, legal, catalogue
):
    with at(D(2026, 2, 2)):
        services.catalogue_file(document=signed_catalogue(), catalogue=catalogue, actor=clerk_a)
    # Awaiting receipt, the filing counts: no overdue notice the day after.
    assert check(D(2026, 2, 3))["catalogue_filing"] == (0, 0)
    with at(D(2026, 2, 4)):
        services.catalogue_receive(catalogue=catalogue, actor=legal)
    catalogue.refresh_from_db()
    assert (catalogue.filed_on, catalogue.status) == (D(2026, 2, 2), "filed_on_time")


# The signed catalogue a catalogue's filing carries ----------------------------------------------


def test_a_catalogue_filed_on_the_page_without_its_signed_copy_is_refused(
    browser, clerk_a, catalogue
):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 20)):
        page = browser.get(f"/cases/catalogues/{catalogue.pk}/").content.decode()
        assert 'enctype="multipart/form-data"' in page
        assert "签章的案卷目录" in page
        assert 'name="filed_on"' not in page  # a clerk's filing is dated today
        refused = browser.post(f"/cases/catalogues/{catalogue.pk}/file/", {})
        disguised = browser.post(
            f"/cases/catalogues/{catalogue.pk}/file/",
            {"document": SimpleUploadedFile("目录.pdf", EXECUTABLE)},
        )
    assert refused.status_code == 400
    assert "该字段是必填项。" in refused.content.decode()
    assert 'name="filed_on"' not in refused.content.decode()
    assert disguised.status_code == 400
    assert "内容不是PDF文件" in disguised.content.decode()
    catalogue.refresh_from_db()
    assert (catalogue.filed_on, catalogue.receipt, catalogue.document.name) == (None, "", "")
    assert not AuditEntry.objects.for_record(catalogue).filter(action="file").exists()


def test_the_service_refuses_a_filing_without_the_signed_catalogue(clerk_a, catalogue):
    with at(D(2026, 1, 20)), pytest.raises(ValidationError) as error:
        services.catalogue_file(catalogue=catalogue, actor=clerk_a)
    assert error.value.message_dict == {
        "document": ["报送备案须附签章的案卷目录，请上传后再报送。"]
    }
    assert CaseCatalogue.objects.get().filed_on is None


def test_the_legal_office_opens_the_signed_catalogue_before_receiving_it(
    browser, api, clerk_a, clerk_b, legal, catalogue
):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 20)):
        filed = browser.post(
            f"/cases/catalogues/{catalogue.pk}/file/",
            {"document": signed_catalogue(), "confirm_required": "1", "confirmed": "1"},
            follow=True,
        )
    assert "案卷目录已报送备案。" in filed.content.decode()
    catalogue.refresh_from_db()
    assert (catalogue.filed_on, catalogue.receipt) == (D(2026, 1, 20), "awaiting")
    assert catalogue.document.name.startswith("cases/catalogues/")
    assert catalogue.document_name == "2025年度案卷目录（盖章）.pdf"
    document_url = f"/cases/catalogues/{catalogue.pk}/document/"

    browser.force_login(legal)
    with at(D(2026, 1, 21)):
        page = browser.get(f"/cases/catalogues/{catalogue.pk}/").content.decode()
        review = page[page.index("备案审查") :]
        assert f'<a href="{document_url}">2025年度案卷目录（盖章）.pdf</a>' in review
        assert "接收备案" in review
        download = browser.get(document_url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert "2025" in download["Content-Disposition"]
        seen = api(legal).get(f"/api/v1/catalogues/{catalogue.pk}/").json()
        assert (seen["document_url"], seen["receipt"]) == (document_url, "awaiting")

    # Another department sees neither the catalogue nor its signed copy.
    browser.force_login(clerk_b)
    assert browser.get(document_url).status_code == 404
    assert browser.get(f"/cases/catalogues/{catalogue.pk}/").status_code == 404
    assert api(clerk_b).get(f"/api/v1/catalogues/{catalogue.pk}/").status_code == 404
    refused = api(clerk_b).post(
        f"/api/v1/catalogues/{catalogue.pk}/file/",
        {"document": signed_catalogue()},
        format="multipart",
    )
    assert refused.status_code == 404


def test_a_filed_catalogue_asks_for_no_document_to_say_it_is_filed(api, clerk_a, catalogue):
    with at(D(2026, 1, 20)):
        services.catalogue_file(catalogue=catalogue, document=signed_catalogue(), actor=clerk_a)
        again = api(clerk_a).post(
            f"/api/v1/catalogues/{catalogue.pk}/file/",
            {"document": signed_catalogue("另一份.pdf")},
            format="multipart",
        )
    assert again.status_code == 409
    assert CaseCatalogue.objects.get().document_name == "2025年度案卷目录（盖章）.pdf"

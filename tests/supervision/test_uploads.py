"""The upload policy (supervision/uploads.py): types checked by content, one size limit from the
settings, random stored names, downloads only through the record's scoped view."""

import datetime
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.test import override_settings

from cases import services as cases_services
from cases.models import DecisionAttachment, MajorDecision
from entities.models import EnforcementEntity
from supervision import notices, uploads
from supervision.models import Notice, NoticeReply
from supervision.notices import NoticeDraft
from supervision.spreadsheets import UnreadableSheet, read_table
from tests.samples import DOCX, EXECUTABLE, HTML, JPEG, OFD, OLE2, PDF, PNG, XLSX, upload, zipped

DISGUISED_PDF = "文件名以 .pdf 结尾，但内容不是PDF文件。"
TOO_LARGE = "文件超过1 MB。"
LARGE_PDF = PDF + b"0" * (1024 * 1024 // 10 * 11)  # 1.1 MB that starts like a PDF
RANDOM = re.compile(r"[0-9a-f]{32}\.pdf")


def stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def disguised(content: bytes, name: str = "三定方案.pdf"):
    return upload(name, content)


@pytest.fixture
def notice_a(department_a):
    draft = NoticeDraft(
        kind=Notice.Kind.OVERDUE,
        department_id=department_a.pk,
        object_key="d:1",
        subject="关于重大行政执法决定逾期未备案的通知",
        body="请立即报送。",
        due_date=datetime.date(2026, 3, 13),
        explanation="",
    )
    return notices.issue([draft], rule="decision_filing", day=datetime.date(2026, 3, 16))[0]


@pytest.fixture
def decision_a(clerk_a):
    category = cases_services.category_create(
        actor=clerk_a, title="较大数额罚款", criteria="对单位处20万元以上罚款。"
    )
    return cases_services.decision_register(
        actor=clerk_a,
        case_number="宿建罚决〔2026〕1号",
        title="某公司擅自施工案",
        party="宿州某公司",
        category=category,
        summary="未取得施工许可证擅自施工。",
    )


# The content of each type ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("pdf", PDF),
        ("png", PNG),
        ("jpg", JPEG),
        ("jpeg", JPEG),
        ("doc", OLE2),
        ("xls", OLE2),
        ("wps", OLE2),
        ("docx", DOCX),
        ("xlsx", XLSX),
        ("ofd", OFD),
        ("zip", zipped("a.txt")),
    ],
)
def test_each_type_is_recognised_by_its_content(extension, content):
    file = upload(f"文件.{extension.upper()}", content)
    uploads.FileTypeValidator([extension])(file)
    assert file.read() == content  # the check leaves the file at its start


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("报告.pdf", EXECUTABLE),
        ("报告.pdf", HTML),
        ("报告.pdf", b"  %PDF-1.4"),
        ("照片.png", JPEG),
        ("照片.jpg", HTML),
        ("报告.doc", EXECUTABLE),
        ("报告.docx", b"PK\x03\x04 broken"),
        ("报告.docx", XLSX),
        ("报告.docx", zipped("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")),
        ("报表.xlsx", DOCX),
        ("公文.ofd", zipped("Doc_0/Document.xml")),
    ],
)
def test_a_file_whose_content_is_not_its_type_is_refused(name, content):
    validator = uploads.FileTypeValidator([*uploads.ATTACHMENTS])
    with pytest.raises(ValidationError) as refused:
        validator(upload(name, content))
    assert refused.value.code == "invalid_content"


def test_the_policy_refuses_to_be_configured_with_a_type_it_cannot_check():
    with pytest.raises(ImproperlyConfigured):
        uploads.FileTypeValidator(["exe"])


# Refused on the field, nothing saved: entity documents ------------------------------------------


@pytest.mark.parametrize("content", [EXECUTABLE, HTML])
def test_a_disguised_establishment_document_is_refused_in_the_browser(
    browser, clerk_a, settings, content
):
    browser.force_login(clerk_a)
    response = browser.post(
        "/entities/new/",
        {
            "name": "某执法主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": disguised(content),
        },
    )
    assert DISGUISED_PDF in response.content.decode()
    assert not EnforcementEntity.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("content", [EXECUTABLE, HTML])
def test_a_disguised_establishment_document_is_refused_through_the_api(
    api, clerk_a, settings, content
):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某执法主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": disguised(content),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert DISGUISED_PDF in response.json()["establishment_document"][0]
    assert not EnforcementEntity.objects.exists()
    assert stored_files(settings) == []


# Decision attachments ---------------------------------------------------------------------------


def test_a_disguised_decision_attachment_is_refused_in_the_browser(
    browser, clerk_a, decision_a, settings
):
    browser.force_login(clerk_a)
    response = browser.post(
        f"/cases/decisions/{decision_a.pk}/attachments/", {"upload": disguised(HTML, "证据.pdf")}
    )
    assert response.status_code == 400
    assert DISGUISED_PDF in response.content.decode()
    response = browser.post(
        "/cases/decisions/new/",
        {
            "case_number": "宿建罚决〔2026〕2号",
            "title": "x",
            "party": "y",
            "summary": "z",
            "category": decision_a.category_id,
            "files": [upload("审核材料.pdf", PDF), disguised(EXECUTABLE, "听证笔录.pdf")],
        },
    )
    assert response.status_code == 400
    assert DISGUISED_PDF in response.content.decode()
    assert MajorDecision.objects.count() == 1
    assert not DecisionAttachment.objects.exists()
    assert stored_files(settings) == []


def test_a_disguised_decision_attachment_is_refused_by_the_service(clerk_a, decision_a, settings):
    with pytest.raises(ValidationError) as refused:
        cases_services.decision_attach(
            decision=decision_a, upload=disguised(EXECUTABLE, "证据.pdf"), actor=clerk_a
        )
    assert DISGUISED_PDF in refused.value.message_dict["upload"][0]
    assert not DecisionAttachment.objects.exists()
    assert stored_files(settings) == []


# Notice replies ---------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [EXECUTABLE, HTML])
def test_a_disguised_reply_attachment_is_refused(
    browser, api, clerk_a, notice_a, settings, content
):
    response = api(clerk_a).post(
        f"/api/v1/notices/{notice_a.pk}/replies/",
        {"text": "见附件。", "attachment": disguised(content, "整改报告.pdf")},
        format="multipart",
    )
    assert response.status_code == 400
    assert DISGUISED_PDF in response.json()["attachment"][0]
    browser.force_login(clerk_a)
    page = browser.post(
        f"/notices/{notice_a.pk}/",
        {"text": "见附件。", "attachment": disguised(content, "整改报告.pdf")},
    ).content.decode()
    assert DISGUISED_PDF in page
    assert not NoticeReply.objects.exists()
    assert stored_files(settings) == []


# One size limit, from the settings -------------------------------------------------------------


@override_settings(UPLOAD_MAX_MB=1)
def test_an_oversized_file_is_refused_everywhere(
    api, browser, clerk_a, notice_a, decision_a, settings
):
    entity = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某执法主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": upload("三定方案.pdf", LARGE_PDF),
        },
        format="multipart",
    )
    assert entity.status_code == 400
    assert entity.json()["establishment_document"] == [TOO_LARGE]
    reply = api(clerk_a).post(
        f"/api/v1/notices/{notice_a.pk}/replies/",
        {"text": "见附件。", "attachment": upload("整改报告.pdf", LARGE_PDF)},
        format="multipart",
    )
    assert reply.status_code == 400
    assert reply.json()["attachment"] == [TOO_LARGE]
    browser.force_login(clerk_a)
    attachment = browser.post(
        f"/cases/decisions/{decision_a.pk}/attachments/", {"upload": upload("证据.pdf", LARGE_PDF)}
    )
    assert attachment.status_code == 400
    assert TOO_LARGE in attachment.content.decode()
    assert not EnforcementEntity.objects.exists()
    assert not NoticeReply.objects.exists()
    assert not DecisionAttachment.objects.exists()
    assert stored_files(settings) == []


@override_settings(UPLOAD_SHEET_MAX_MB=1)
def test_the_sheet_imports_read_their_limit_from_the_settings():
    with pytest.raises(UnreadableSheet) as refused:
        read_table(
            upload("花名册.xlsx", XLSX + b"0" * (1024 * 1024 // 10 * 11)),
            columns=[("name", "姓名")],
            max_rows=10,
            too_many_rows="",
        )
    assert refused.value.message == TOO_LARGE


def test_a_sheet_that_is_a_renamed_file_is_not_a_workbook():
    with pytest.raises(UnreadableSheet) as refused:
        read_table(io.BytesIO(HTML), columns=[("name", "姓名")], max_rows=10, too_many_rows="")
    assert "不是Excel" in refused.value.message


# Random stored names, original names on download, scoped downloads -----------------------------


def test_a_reply_is_stored_under_a_random_name_and_downloaded_under_its_own(
    api, browser, clerk_a, clerk_b, legal, notice_a
):
    response = api(clerk_a).post(
        f"/api/v1/notices/{notice_a.pk}/replies/",
        {"text": "已整改。", "attachment": upload("整改报告.pdf", PDF)},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    reply = NoticeReply.objects.get()
    folder, _slash, name = reply.attachment.name.rpartition("/")
    assert folder == "notices/replies"
    assert RANDOM.fullmatch(name)
    assert reply.attachment_name == "整改报告.pdf"
    url = f"/notices/replies/{reply.pk}/attachment/"
    assert response.json()["attachment_url"] == url
    assert response.json()["attachment_name"] == "整改报告.pdf"
    assert "attachment" not in response.json()  # no address in the media folder is handed out
    for persona in (clerk_a, legal):
        browser.force_login(persona)
        download = browser.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert quote("整改报告.pdf") in download["Content-Disposition"]
        assert download["Cache-Control"] == "private, no-store"
    browser.force_login(clerk_b)
    assert browser.get(url).status_code == 404
    browser.logout()
    assert browser.get(url).status_code == 302  # to the login page


def test_an_entity_document_downloads_under_the_name_it_was_uploaded_with(api, browser, clerk_a):
    response = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某执法主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": upload("三定方案（2026）.PDF", PDF),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    entity = EnforcementEntity.objects.get()
    assert RANDOM.fullmatch(entity.establishment_document.name.rpartition("/")[2])
    browser.force_login(clerk_a)
    download = browser.get(response.json()["establishment_document_url"])
    assert quote("三定方案（2026）.PDF") in download["Content-Disposition"]


def test_a_stored_file_is_not_reopened_when_the_record_changes(api, clerk_a, settings):
    """What is stored was checked when it came in: a record whose file went missing still moves."""
    created = api(clerk_a).post(
        "/api/v1/entities/",
        {
            "name": "某执法主体",
            "kind": "statutory",
            "legal_basis": "某法",
            "establishment_document": upload("三定方案.pdf", PDF),
        },
        format="multipart",
    )
    for path in stored_files(settings):
        path.unlink()
    submitted = api(clerk_a).post(f"/api/v1/entities/{created.json()['id']}/submit/")
    assert submitted.status_code == 200, submitted.json()


# Every file field in the project --------------------------------------------------------------

# Records that name their file in a field of their own rather than ``<field>_name``.
ORIGINAL_NAME_FIELDS = {
    ("cases", "decisionattachment", "file"): "name",
    ("personnel", "officerimport", "file"): "original_name",
    # Not ``file_name``: serve_document would then hand the original name (which may carry the
    # complainant's) to every reader; the complaint's view chooses the name per reader.
    ("complaints", "complaintattachment", "file"): "name",
}


def file_fields():
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_the_project_has_file_fields_to_check():
    assert len(file_fields()) >= 6


@pytest.mark.parametrize(
    ("model", "field"),
    file_fields(),
    ids=lambda value: getattr(value, "name", None) or value._meta.label,
)
def test_every_file_field_uses_the_policy(model, field):
    assert any(isinstance(v, uploads.FileTypeValidator) for v in field.validators)
    assert uploads.validate_size in field.validators or (
        uploads.validate_sheet_size in field.validators
    )
    assert isinstance(field.upload_to, uploads.RandomName)
    first, second = (field.upload_to(model(), "决定书.PDF") for _ in range(2))
    assert first != second
    assert RANDOM.fullmatch(first.rpartition("/")[2])
    key = (model._meta.app_label, model._meta.model_name, field.name)
    kept_in = ORIGINAL_NAME_FIELDS.get(key, uploads.name_field(field))
    assert isinstance(model._meta.get_field(kept_in), models.CharField)

"""Uploads are judged by their content (issue 18): a web page renamed .pdf is refused, an .xlsx
that would unpack to too much or holds too many parts is refused before it is parsed, notice
replies go through the same policy and no answer reveals where a file is stored."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from supervision import notices
from tests.personnel.test_import import roster, row, upload
from tests.supervision.test_notices import DAY, draft


def test_a_web_page_renamed_pdf_is_refused_as_a_reply_attachment(api, clerk_a, department_a):
    notice = notices.issue([draft(department_a, "d:1")], rule="decision_filing", day=DAY)[0]
    page = SimpleUploadedFile("整改报告.pdf", b"<html><script>alert(1)</script></html>")
    response = api(clerk_a).post(
        f"/api/v1/notices/{notice.pk}/replies/",
        {"text": "见附件", "attachment": page},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["attachment"] == [
        "文件名以 .pdf 结尾，但内容不是PDF文件。请上传文件本身，可用的类型：pdf, ofd, doc, docx, xls, xlsx, jpg, jpeg, png, zip。"
    ]
    assert not notice.replies.exists()


def test_a_reply_names_no_storage_path(api, clerk_a, department_a, settings):
    notice = notices.issue([draft(department_a, "d:1")], rule="decision_filing", day=DAY)[0]
    report = SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report")
    response = api(clerk_a).post(
        f"/api/v1/notices/{notice.pk}/replies/",
        {"text": "见附件", "attachment": report},
        format="multipart",
    )
    assert response.status_code == 201
    body = response.content.decode()
    stored = notice.replies.get().attachment.name
    assert stored.startswith("notices/replies/")
    assert "报告" not in stored  # a random name
    assert stored not in body
    assert str(settings.MEDIA_ROOT) not in body
    assert (
        response.json()["attachment_url"]
        == f"/notices/replies/{notice.replies.get().pk}/attachment/"
    )


def swollen(extra_parts):
    """A valid roster with more parts added to its zip."""
    buffer = io.BytesIO(roster([row(1)]).read())
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in extra_parts:
            archive.writestr(name, content)
    return SimpleUploadedFile("名册.xlsx", buffer.getvalue())


def test_an_xlsx_that_inflates_too_far_is_refused_unread(browser, clerk_a, settings):
    settings.UPLOAD_SHEET_MAX_UNPACKED_MB = 2
    bomb = swollen([("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))])
    assert bomb.size < 100 * 1024  # 3 MB of zeros deflate to a few kilobytes
    response = upload(browser, clerk_a, bomb)
    assert response.status_code in (200, 400)
    assert (
        "该文件解压后将超过 2 MB 或包含超过 500 个部件，未经读取即被拒绝。"
        in response.content.decode()
    )


def test_an_xlsx_with_too_many_parts_is_refused_unread(browser, clerk_a):
    many = swollen([(f"xl/media/p{n}.bin", b"x") for n in range(501)])
    response = upload(browser, clerk_a, many)
    assert (
        "该文件解压后将超过 100 MB 或包含超过 500 个部件，未经读取即被拒绝。"
        in response.content.decode()
    )


def test_an_ordinary_roster_still_reads(browser, clerk_a):
    response = upload(browser, clerk_a, roster([row(1)]))
    assert response.status_code in (200, 302)
    assert "未经读取即被拒绝" not in response.content.decode()

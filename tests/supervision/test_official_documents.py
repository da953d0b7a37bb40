"""Formal documents in the GB/T 9704-2012 layout (supervision.official): faces from the settings
with Noto Serif CJK as the fallback, titles broken only between words, room for the seal, the
版记 at the end, page numbers on the outside corners."""

import datetime
import io

from pypdf import PdfReader

from supervision.models import Notice
from supervision.notices import notice_document, render_pdf
from supervision.official import official_html
from supervision.templatetags.official import is_item, title_breaks


def a_notice(paragraphs=3):
    return Notice(
        number="宿法监通〔2026〕3号",
        subject="关于宿州市住房和城乡建设局重大行政执法决定逾期未备案情况的通报",
        addressee="宿州市住房和城乡建设局",
        body="\n".join(
            f"{i}．重大行政执法决定宿建罚决〔2026〕{i}号未按期备案。"
            for i in range(1, paragraphs + 1)
        ),
        office_name="宿州市人民政府法制办公室",
        seal_text="宿州市人民政府法制办公室",
        issued_on=datetime.date(2026, 12, 3),
    )


def test_the_faces_are_settings_with_noto_as_the_fallback(settings):
    html = official_html("supervision/notice_pdf.html", notice_document(a_notice()))
    assert 'font-family: "Noto Serif CJK SC", serif; font-weight: normal' in html
    assert 'font-family: "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: bold' in html
    settings.DOCUMENT_BODY_FONT = "仿宋_GB2312, FangSong_GB2312"
    settings.DOCUMENT_TITLE_FONT = "方正小标宋简体"
    html = official_html("supervision/notice_pdf.html", notice_document(a_notice()))
    assert 'font-family: "仿宋_GB2312", "FangSong_GB2312", "Noto Serif CJK SC", serif;' in html
    # 小标宋 is heavy of its own: no synthetic bold.
    assert (
        '"方正小标宋简体", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal' in html
    )


def test_a_title_breaks_between_words_never_inside_a_number():
    html = str(title_breaks("关于转发宿法监通〔2026〕3号行政执法监督通知的通知"))
    assert '<span class="nobr">宿法监通〔2026〕3号</span>' in html
    assert '<span class="nobr">行政执法监督通知</span>' in html
    escaped = str(title_breaks("<script>"))
    assert "<script>" not in escaped
    assert "&lt;" in escaped


def test_numbered_items_are_set_flush():
    assert is_item("1．宿建罚决〔2026〕1号")
    assert is_item("（二）整改要求")
    assert is_item("三、工作要求")
    assert not is_item("根据有关规定")


def test_the_document_ends_with_its_banji_and_numbers_its_pages_outside():
    html = official_html("supervision/notice_pdf.html", notice_document(a_notice()))
    assert "@page :right { @bottom-right" in html
    assert "@page :left { @bottom-left" in html
    assert '<p class="body item">1．' in html
    pdf = PdfReader(io.BytesIO(render_pdf(a_notice(paragraphs=30))))
    assert len(pdf.pages) >= 2
    first, last = pdf.pages[0].extract_text(), pdf.pages[-1].extract_text()
    assert "— 1 —" in first
    assert "2026年12月3日印发" in last
    # The signature and its date are never alone on a page: the last item goes with them.
    signature_page = next(
        p.extract_text()
        for p in pdf.pages
        if "2026年12月3日\n" in p.extract_text()
        or p.extract_text().rstrip().endswith("2026年12月3日")
    )
    assert "30．" in signature_page

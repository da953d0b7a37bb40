"""Formal documents in the GB/T 9704-2012 layout (supervision.official): faces from the settings
with Noto Serif CJK as the fallback, titles broken only between words, room for the seal, the
版记 at the end, page numbers on the outside corners."""

import datetime
import io
import re

import pytest
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


def words(title):
    return re.findall(r'<span class="nobr">([^<]*)</span>', str(title_breaks(title)))


def test_a_title_breaks_between_words_of_the_dictionary_never_inside_a_number():
    assert words("关于转发宿法监通〔2026〕3号行政执法监督通知的通知") == [
        *("关于", "转发", "宿法监通〔2026〕3号", "行政", "执法监督", "通知", "的", "通知")
    ]
    assert words("关于行政执法投诉（宿法监投〔2026〕12号）办理结果的答复") == [
        *("关于", "行政", "执法", "投诉", "（宿法监投〔2026〕12号）", "办理", "结果", "的", "答复")
    ]
    # A figure keeps its unit; a quotation stays whole; punctuation goes with its word.
    assert words("关于2026年度行政执法案卷评查情况的通报") == [
        *("关于", "2026年度", "行政", "执法", "案卷", "评查", "情况", "的", "通报")
    ]
    assert "“双随机、一公开”" in words("关于“双随机、一公开”监管工作的通知")
    assert words("宿州市人民政府关于砀山县人民政府行政执法工作的监督检查报告")[:4] == [
        *("宿州市", "人民政府", "关于", "砀山县")
    ]
    escaped = str(title_breaks("<script>"))
    assert "<script>" not in escaped
    assert "&lt;" in escaped


def test_a_long_title_breaks_in_the_pdf_between_two_words():
    notice = a_notice()
    notice.subject = (
        "关于宿州市住房和城乡建设局重大行政执法决定宿建罚决〔2026〕3号逾期未备案情况的通报"
    )
    lines = PdfReader(io.BytesIO(render_pdf(notice))).pages[0].extract_text().splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("关于"))
    title = lines[first : first + 3]
    assert "".join(title).startswith(notice.subject)
    # Each line ends where a word ends: never "行政执 / 法" nor "〔2026〕3 / 号".
    boundaries = set()
    position = 0
    for word in words(notice.subject):
        position += len(word)
        boundaries.add(position)
    position = 0
    for line in title[:-1]:
        position += len(line)
        assert position in boundaries, line


def test_numbered_items_are_set_flush():
    assert is_item("1．宿建罚决〔2026〕1号")
    assert is_item("（二）整改要求")
    assert is_item("三、工作要求")
    assert not is_item("根据有关规定")


def baselines(page):
    """Each run of text on the page with its baseline's distance from the top, in mm."""
    runs = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            runs.append((text, (float(page.mediabox.height) - y) * 25.4 / 72))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize(("paragraphs", "pages"), [(3, 1), (14, 2)])
def test_the_banji_sits_at_the_foot_of_the_last_page(paragraphs, pages):
    pdf = PdfReader(io.BytesIO(render_pdf(a_notice(paragraphs=paragraphs))))
    assert len(pdf.pages) == pages
    runs = baselines(pdf.pages[-1])
    printed = next(top for text, top in runs if text.endswith("印发"))
    signed = next(
        top for text, top in runs if text.startswith("2026年12月3日") and "印发" not in text
    )
    # The type area ends 262 mm from the top of the page: the 版记's line is its last one, well
    # below the signature, not straight after it.
    assert 250 < printed < 262
    assert printed - signed > 25
    for page in pdf.pages[:-1]:
        assert "印发" not in page.extract_text()


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

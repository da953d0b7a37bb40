"""Official documents as PDF (GB/T 9704-2012 layout, ``supervision/official_document.html``).

Every app's formal document (notices, bulletins, reports, opinions, replies) is rendered here, in
Chinese, with the faces the settings name: the body in 仿宋 (``DOCUMENT_BODY_FONT``) and the title
and the office's name in 小标宋 (``DOCUMENT_TITLE_FONT``), each falling back to Noto Serif CJK,
which is installed everywhere; without a licensed face the title is set bold, as the fallback needs.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FALLBACK = '"Noto Serif CJK SC", serif'


def _family(names: str) -> str:
    chosen = [name.strip().replace('"', "") for name in names.split(",") if name.strip()]
    return ", ".join([*(f'"{name}"' for name in chosen), FALLBACK])


def document_fonts() -> dict:
    body, title = settings.DOCUMENT_BODY_FONT, settings.DOCUMENT_TITLE_FONT
    return {
        "body_font": _family(body),
        "body_weight": "normal",
        "title_font": _family(title),
        # 小标宋 is a heavy face of its own; Noto Serif CJK needs its bold to stand in for it.
        "title_weight": "normal" if title.strip() else "bold",
    }


def official_html(template: str, context: dict) -> str:
    with translation.override("zh-hans"):
        return render_to_string(template, {**document_fonts(), **context})


def official_pdf(template: str, context: dict) -> bytes:
    """The document ``template`` (extending ``supervision/official_document.html``) as PDF."""
    from weasyprint import HTML

    return HTML(
        string=official_html(template, context), base_url=str(settings.BASE_DIR)
    ).write_pdf()

"""Filters of official documents (GB/T 9704-2012): where a title may break, and which paragraphs
are numbered items."""

import re

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

# Never broken: a document number with its issuer code (宿法监通〔2026〕7号; four characters at
# most, so a preceding 转发 stays outside), a quoted name, a book title, a Latin word or a figure.
_ATOMS = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{0,4}〔\d{4}〕\d+号|“[^”]{1,18}”|《[^》]{1,18}》|[A-Za-z0-9.\-]+"
)
# Where a Chinese title may break: after these function words and punctuation marks.
_BREAKS = re.compile(r"(关于|的|和|及|与|对|、|，|：|（|）|\s+)")
# A run longer than this cannot stay on one line of a title (二号, 156 mm): let it break.
_LONGEST = 18


def _pieces(text: str):
    """Unbreakable pieces and the places between them where a line may end."""
    position = 0
    for atom in _ATOMS.finditer(text):
        yield from _words(text[position : atom.start()])
        yield atom.group(), True
        position = atom.end()
    yield from _words(text[position:])


def _words(text: str):
    for piece in _BREAKS.split(text):
        if piece:
            yield piece, False


@register.filter
def title_breaks(text) -> str:
    """The title with each word-like run and each document number kept on one line
    (``<span class="nobr">``): it breaks after 关于, 的, 和 … or punctuation, never inside a
    number such as 〔2026〕3号 and never inside a run like 行政执法监督."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<span class="nobr">{}</span>', piece)
                if (atom or 1 < len(piece) <= _LONGEST) and not piece.isspace()
                else piece,
            )
            for piece, atom in _pieces(str(text))
        ),
    )


_ITEM = re.compile(
    r"^\s*(\d+[、.．]|[一二三四五六七八九十]+、|（[\d一二三四五六七八九十]+）|\(\d+\))"
)


@register.filter
def is_item(paragraph) -> bool:
    """A numbered item (1. / 一、 / （一）): set flush left, not justified."""
    return bool(_ITEM.match(str(paragraph)))

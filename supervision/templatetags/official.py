"""Filters of official documents (GB/T 9704-2012): where a title may break, and which paragraphs
are numbered items."""

import re

import rjieba
from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

# Never broken: a document number with its issuer code (宿法监通〔2026〕7号; four characters at
# most, so a preceding 转发 stays outside), a quoted name, a book title, a figure with its unit
# (2026年, 12号), a Latin word.
_ATOMS = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{0,4}〔\d{4}〕\d+号"
    r"|“[^”]{1,18}”|《[^》]{1,18}》"
    r"|\d+(?:年度|年|月|日|号|个|项|件|次|名)?"
    r"|[A-Za-z][A-Za-z0-9.\-]*"
)
# Marks that never begin a line (they go with the word before) and never end one (the word after).
_CLOSING = set("，、。：；！？）》〕”’")
_OPENING = set("（《〔“‘")


def _pieces(text: str) -> list[str]:
    """The title cut into words by jieba's dictionary (rjieba: its dictionary is built in, nothing
    is fetched), with document numbers, quotations and figures whole and each punctuation mark
    joined to the word it belongs with."""
    raw, position = [], 0
    for atom in _ATOMS.finditer(text):
        raw.extend(rjieba.cut(text[position : atom.start()]))
        raw.append(atom.group())
        position = atom.end()
    raw.extend(rjieba.cut(text[position:]))
    pieces: list[str] = []
    opening = ""
    for piece in raw:
        if not piece:
            continue
        if piece.isspace():
            pieces.append(piece)
        elif all(c in _OPENING for c in piece):
            opening += piece
        elif pieces and not opening and all(c in _CLOSING for c in piece):
            pieces[-1] += piece
        else:
            pieces.append(opening + piece)
            opening = ""
    if opening:
        pieces.append(opening)
    return pieces


@register.filter
def title_breaks(text) -> str:
    """The title with each word and each document number kept on one line (``<span
    class="nobr">``): it breaks between two words of the dictionary, never inside one
    ("行政执 / 法监督") nor inside a number such as 〔2026〕3号."""
    return format_html_join(
        "",
        "{}",
        (
            (piece if piece.isspace() else format_html('<span class="nobr">{}</span>', piece),)
            for piece in _pieces(str(text))
        ),
    )


_ITEM = re.compile(
    r"^\s*(\d+[、.．]|[一二三四五六七八九十]+、|（[\d一二三四五六七八九十]+）|\(\d+\))"
)


@register.filter
def is_item(paragraph) -> bool:
    """A numbered item (1. / 一、 / （一）): set flush left, not justified."""
    return bool(_ITEM.match(str(paragraph)))

"""Panels an app adds to another app's record pages, without either importing the other.

An officer's page shows the officer's accountability history, a bad-conduct record's page the
actions that cite it: the app that knows (accountability) registers a panel for the model
(``"personnel.officer"``), and the page that shows the record asks the kernel for its panels::

    {% load panels %}{% panels officer %}

A panel is a function ``(request, record) -> str`` (HTML rendered by a template, or ""); it reads
through its own models' ``for_user``, so a user sees in a panel only what they may see.
"""

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

_panels: dict[str, list] = {}


def register(model_label: str):
    """Register the decorated function as a panel of ``model_label`` ("app_label.model")."""

    def add(function):
        entries = _panels.setdefault(model_label.lower(), [])
        entries[:] = [f for f in entries if f.__qualname__ != function.__qualname__]
        entries.append(function)
        return function

    return add


def render(request, record) -> str:
    """The panels of ``record``: a panel's HTML stays safe only if it was rendered as such (a
    template); a plain string is escaped."""
    html = SafeString("")
    for panel in _panels.get(record._meta.label_lower, ()):
        html += conditional_escape(panel(request, record))
    return html

"""The kernel's registries through which apps meet without importing each other: actions an app
offers (``supervision.offers``) and panels on another app's pages (``supervision.panels``)."""

import pytest
from django.test import RequestFactory
from django.utils.safestring import SafeString

from supervision import offers, panels


def test_personnel_offers_withholding_and_revoking():
    assert offers.is_offered("certificate_withhold")
    assert offers.is_offered("certificate_revoke")


def test_an_action_nobody_offers_is_a_programming_error():
    with pytest.raises(LookupError):
        offers.perform("nobody_offers_this", x=1)


def test_offering_again_replaces(monkeypatch):
    monkeypatch.setattr(offers, "_offered", {})
    offers.offer("double", lambda *, x: x * 2)
    offers.offer("double", lambda *, x: x + x + 1)
    assert offers.perform("double", x=2) == 5


def test_panels_render_safe_html_and_escape_plain_strings(monkeypatch, department_a, clerk_a):
    monkeypatch.setattr(panels, "_panels", {})
    panels.register("supervision.department")(lambda request, record: SafeString("<b>ok</b>"))

    @panels.register("supervision.department")
    def plain(request, record):
        return "<i>escaped</i>"

    request = RequestFactory().get("/")
    request.user = clerk_a
    html = panels.render(request, department_a)
    assert isinstance(html, SafeString)
    assert html == "<b>ok</b>&lt;i&gt;escaped&lt;/i&gt;"

"""Irreversible steps ask first: each such form carries the kernel's confirmation
(``web/_confirm.html``), a real <dialog> opened by static/js/confirm.js, and without JavaScript a
box to tick that the server checks. Nothing is done until the step is confirmed."""

import datetime
import re
from pathlib import Path

import pytest

from cases import services as cases_services
from cases.models import CaseCatalogue
from entities.models import EnforcementEntity
from tests.clock import at
from tests.factories import CertificateFactory, EnforcementEntityFactory

ROOT = Path(__file__).resolve().parents[2]
D = datetime.date


@pytest.fixture
def approved(department_a):
    return EnforcementEntityFactory(
        department=department_a, status=EnforcementEntity.Status.APPROVED
    )


def test_publishing_asks_first_and_says_what_cannot_be_undone(browser, legal, approved):
    browser.force_login(legal)
    page = browser.get(f"/entities/{approved.pk}/").content.decode()
    assert '<dialog class="confirm-dialog"' in page
    assert "确定要公告吗？" in page
    assert "公告不能撤回，以后只能撤销。" in page
    assert 'name="confirmed" value="1" required' in page
    assert "js/confirm.js" in page


def test_without_the_box_ticked_nothing_happens(browser, legal, approved):
    browser.force_login(legal)
    url = f"/entities/{approved.pk}/publish/"
    refused = browser.post(url, {"confirm_required": "1"}, follow=True)
    assert "此操作不能撤回：请勾选确认后再提交。" in refused.content.decode()
    approved.refresh_from_db()
    assert approved.status == EnforcementEntity.Status.APPROVED
    browser.post(url, {"confirm_required": "1", "confirmed": "1"})
    approved.refresh_from_db()
    assert approved.status == EnforcementEntity.Status.PUBLISHED
    # a second submission is refused by the service, not done twice
    again = browser.post(url, {"confirm_required": "1", "confirmed": "1"}, follow=True)
    assert "公告" in again.content.decode()
    assert approved.published_on is not None


def test_revoking_and_withholding_a_certificate_ask_first(browser, legal, department_a):
    certificate = CertificateFactory(officer__department=department_a)
    browser.force_login(legal)
    page = browser.get(f"/personnel/certificates/{certificate.pk}/").content.decode()
    assert "持证人即时不得执法" in page
    assert "该证件永久失效" in page
    refused = browser.post(
        f"/personnel/certificates/{certificate.pk}/revoke/",
        {"reason": "违法执法", "confirm_required": "1"},
    )
    assert refused.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_filing_a_catalogue_asks_first(browser, clerk_a):
    browser.force_login(clerk_a)
    with at(D(2026, 1, 10)):
        catalogue = cases_services.catalogue_open(actor=clerk_a, year=2025)
        page = browser.get(f"/cases/catalogues/{catalogue.pk}/").content.decode()
        assert "报送备案后，目录不能再修改。我已知晓。" in page
        assert re.search(r"确定要报送(政府)?法制机构备案吗？", page)
        refused = browser.post(f"/cases/catalogues/{catalogue.pk}/file/", {"confirm_required": "1"})
    assert refused.status_code == 400
    assert "此操作不能撤回：请勾选确认后再提交。" in refused.content.decode()
    assert CaseCatalogue.objects.get().filed_on is None


def test_making_a_bulletin_draft_does_not_ask(browser, legal):
    """Since main's drafts (issue 9) the bulletin form only makes a draft, which can be edited:
    no confirmation there. Issuing the draft and voiding a document ask first
    (tests/cases/test_bulletins.py)."""
    browser.force_login(legal)
    page = browser.get("/notices/bulletin/").content.decode()
    assert 'name="confirm_required"' not in page


def test_the_confirmation_has_no_inline_script():
    for path in [
        ROOT / "templates/web/_confirm.html",
        ROOT / "templates/web/_button.html",
        ROOT / "templates/web/_reason_button.html",
    ]:
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\son[a-z]+=", text), path
    script = (ROOT / "static/js/confirm.js").read_text()
    assert "showModal" in script
    assert "requestSubmit" in script

"""Notes the system writes are stored as a message and its parameters and read in the reader's
language (``supervision.notes``); what a person typed reads as typed. The same record, read on an
English page and a Chinese one, through the API in either language, and exported."""

import datetime
import io

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from supervision import audit, notes
from supervision.calendar import WorkingCalendar
from supervision.models import AuditEntry
from tests.clock import at
from tests.factories import EnforcementEntityFactory

D = datetime.date


def filing_deadline(day):
    return WorkingCalendar.load().deadline_after(day, 10)


def in_english(browser, url):
    """A page as a reader who switched to English reads it (the language switch's cookie)."""
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        return browser.get(url)
    finally:
        del browser.cookies[settings.LANGUAGE_COOKIE_NAME]


def read(value, language):
    with translation.override(language):
        return notes.render(value)


def test_a_note_reads_in_each_language_and_typed_text_as_typed():
    stored = notes.note(gettext_lazy("Concluded late."))
    assert read(stored, "zh-hans") == "逾期办结。"
    assert read(stored, "en") == "Concluded late."
    assert read("经查属实，已整改。", "en") == "经查属实，已整改。"
    assert read("", "en") == ""
    assert read(None, "en") == ""


@pytest.mark.django_db
def test_parameters_read_in_the_readers_language_too():
    stored = notes.note(gettext_lazy("Coordination meeting of %(day)s"), day=D(2026, 12, 3))
    assert read(stored, "zh-hans") == "2026年12月3日协调会议"
    assert read(stored, "en") == "Coordination meeting of 3 Dec 2026"
    # a deadline's explanation, counted once, explained in each language
    explained = notes.explained(filing_deadline(D(2026, 3, 3)))
    assert "2026年3月13日" in read(explained, "zh-hans")
    assert "13 Mar 2026" in read(explained, "en")
    # text a person typed, inside a note the system wrote, stays as typed
    mixed = notes.note(
        "%(reason)s\n%(deadline)s", reason="案情复杂", deadline=filing_deadline(D(2026, 3, 3))
    )
    assert read(mixed, "en").startswith("案情复杂\nThe period of 10 days")


def test_a_label_keeps_its_context():
    stored = notes.note(
        gettext_lazy("%(kind)s: %(facts)s"), kind=gettext_lazy("Rejected"), facts="x"
    )
    assert read(stored, "en") == "Rejected: x"


def test_a_note_that_no_longer_fits_reads_as_its_message_never_an_error():
    stored = notes.note("Case file %(number)s: %(note)s", number="A-1")  # a parameter missing
    assert read(stored, "en") == "Case file %(number)s: %(note)s"
    # something typed that only looks like a note
    assert read('{"note": broken', "en") == '{"note": broken'


@pytest.fixture
def entry(legal, department_a):
    """An audit entry whose reason the portal wrote, and one a person typed."""
    entity = EnforcementEntityFactory(department=department_a, name="甲主体")
    with at(D(2026, 12, 3), hour=9), transaction.atomic():
        audit.record(
            entity,
            action="recompute_due",
            reason=notes.explained(filing_deadline(D(2026, 12, 3))),
        )
        audit.record(entity, action="change", actor=legal, reason="按群众意见修改名称")
    return entity


def test_the_trail_shows_the_note_in_the_pages_language(browser, legal, entry):
    browser.force_login(legal)
    chinese = browser.get("/audit/").content.decode()
    english = in_english(browser, "/audit/").content.decode()
    assert "期限10日，自2026年12月3日的次日起算" in chinese
    assert "The period of 10 days starts the day after 3 Dec 2026" in english
    assert '{"note"' not in chinese + english
    # typed by a person: as typed, on both
    assert "按群众意见修改名称" in chinese
    assert "按群众意见修改名称" in english
    # the record's own history reads the same
    history = f"/audit/?model=entities.enforcemententity&id={entry.pk}"
    assert "The period of 10 days" in in_english(browser, history).content.decode()


def test_the_api_answers_in_the_requests_language(api, legal, entry):
    client = api(legal)
    url = "/api/v1/audit-entries/?model=entities.enforcemententity"
    chinese = client.get(url).json()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    (zh,) = [e["reason"] for e in chinese["results"] if e["action"] == "recompute_due"]
    (en,) = [e["reason"] for e in english["results"] if e["action"] == "recompute_due"]
    typed = {e["reason"] for e in english["results"] if e["action"] == "change"}
    assert typed == {"按群众意见修改名称"}
    assert zh.startswith("期限10日")
    assert en.startswith("The period of 10 days")
    # what is stored is the message, once, whatever the language of the page that wrote it
    stored = AuditEntry.objects.get(action="recompute_due").reason
    assert notes.is_note(stored)


def test_the_export_is_in_the_readers_language(browser, legal, entry):
    browser.force_login(legal)
    response = in_english(browser, "/audit/?export=xlsx&action=recompute_due")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    cells = [str(cell) for row in rows[1:] for cell in row if cell]
    assert any(cell.startswith("The period of 10 days") for cell in cells)
    assert not any('{"note"' in cell for cell in cells)

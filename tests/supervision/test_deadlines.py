"""The deadline engine writes in the portal's language, whatever language its caller has active:
notices are official documents in Chinese, and so are the audit reasons the rules record."""

import datetime

from django.utils import translation

from cases import services as cases_services
from personnel.models import Certificate
from supervision import notes
from supervision.deadlines import get_rule, run_deadline_checks
from supervision.models import AuditEntry, Notice
from supervision.services import schedule_enter
from tests.clock import at
from tests.factories import CertificateFactory, OfficerFactory

D = datetime.date


def test_a_notice_issued_while_english_is_active_is_in_chinese(db):
    certificate = CertificateFactory(
        officer=OfficerFactory(name="王建国"), issued_on=D(2021, 9, 1), expires_on=D(2026, 9, 1)
    )
    rule = get_rule("certificate_expiry")
    with at(D(2026, 9, 2)), translation.override("en"):
        # The rule itself writes in whatever language is active ...
        draft = rule.draft(certificate, Notice.Kind.OVERDUE, D(2026, 9, 2))
        assert draft.subject == "Notice: the certificate of 王建国 has expired"
        # ... the engine switches to the portal's language for it, and back.
        run_deadline_checks(D(2026, 9, 2))
        assert translation.get_language() == "en"

    notice = Notice.objects.get(rule="certificate_expiry", kind=Notice.Kind.OVERDUE)
    assert notice.subject == "关于王建国执法证件已过期的通知"
    assert certificate.number in notice.body
    assert "2026年9月1日" in notice.body
    assert notice.explanation == "证件有效期至2026年9月1日。"
    # The rule's side effect, run by the engine too: the certificate expired, for a Chinese reason.
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED
    expiry = AuditEntry.objects.for_record(certificate).get(action="expire")
    assert notes.render(expiry.reason) == "证件有效期已届满。"


def test_deadlines_recomputed_while_english_is_active_are_explained_in_the_readers_language(
    clerk_a, legal
):
    with at(D(2027, 1, 2)):
        catalogue = cases_services.catalogue_open(actor=clerk_a, year=2026)
    assert (catalogue.due, catalogue.due_provisional) == (D(2027, 2, 1), True)

    with at(D(2027, 1, 3)), translation.override("en"):
        schedule_enter(year=2027, days=[(D(2027, 2, 1), False, "调休")], actor=legal)

    entry = AuditEntry.objects.for_record(catalogue).get(action="recompute_due")
    assert entry.after == {"due": "2027-02-02", "due_provisional": False}
    # stored as a note, whatever language was active: each reader reads it in theirs
    with translation.override("zh-hans"):
        assert notes.render(entry.reason).startswith("规定期限为2027年1月31日。")
        assert "2027年2月2日" in notes.render(entry.reason)
    with translation.override("en"):
        assert notes.render(entry.reason).startswith("The fixed date is 31 Jan 2027.")

"""Official documents of this app in the GB/T 9704 layout of the kernel's notices
(``supervision/official_document.html`` through ``accountability/_official_document.html``), rendered from the stored records:

- the interference report: it names the official and what was asked, never who recorded it (the
  reporter is protected like a complainant);
- the coordination opinion on an enforcement dispute, to both departments.
"""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supervision.calendar import long_date
from supervision.official import official_pdf


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def _pdf(template: str, jurisdiction, context: dict) -> bytes:
    with translation.override("zh-hans"):
        values = {k: v() if callable(v) else v for k, v in context.items()}
    return official_pdf(
        template,
        {
            "office_name": jurisdiction.office_name,
            "seal_text": jurisdiction.seal_text,
            **values,
        },
    )


def interference_pdf(record) -> bytes:
    jurisdiction = record.jurisdiction
    occurred = timezone.localtime(record.occurred_at)
    return _pdf(
        "accountability/interference_pdf.html",
        jurisdiction,
        {
            "record": record,
            "number": record.report_number,
            "addressee": lambda: (
                _("The people's government of %(name)s, the supervisory commission of %(name)s")
                % {"name": jurisdiction.name}
            ),
            "subject": lambda: _("Report on a leading official's interference in supervision work"),
            "occurred": f"{long_date(occurred.date())}{occurred.hour}时{occurred.minute:02d}分",
            "paragraphs": _paragraphs(record.request),
            "signed_on": lambda: long_date(record.reported_on),
        },
    )


def dispute_opinion_pdf(dispute) -> bytes:
    return _pdf(
        "accountability/dispute_opinion_pdf.html",
        dispute.applicant.jurisdiction,
        {
            "dispute": dispute,
            "number": "",
            "addressee": lambda: (
                _("%(applicant)s, %(respondent)s")
                % {"applicant": dispute.applicant.name, "respondent": dispute.respondent.name}
            ),
            "subject": lambda: _("Coordination opinion on an enforcement dispute"),
            "matter": _paragraphs(dispute.matter),
            "paragraphs": _paragraphs(dispute.opinion),
            "signed_on": lambda: long_date(dispute.opinion_on),
        },
    )

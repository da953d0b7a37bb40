"""The interference report as an official document (GB/T 9704 layout, like the kernel's notices),
rendered from the stored record. It names the official and what was asked, never who recorded it:
the reporter is protected like a complainant."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from supervision.calendar import long_date


def interference_pdf(record) -> bytes:
    from weasyprint import HTML

    with translation.override("zh-hans"):
        jurisdiction = record.jurisdiction
        occurred = timezone.localtime(record.occurred_at)
        html = render_to_string(
            "accountability/interference_pdf.html",
            {
                "record": record,
                "office_name": jurisdiction.office_name,
                "seal_text": jurisdiction.seal_text,
                "addressee": _(
                    "The people's government of %(name)s, the supervisory commission of %(name)s"
                )
                % {"name": jurisdiction.name},
                "subject": _("Report on a leading official's interference in supervision work"),
                "occurred": f"{long_date(occurred.date())}{occurred.hour}时{occurred.minute:02d}分",
                "paragraphs": [p for p in record.request.split("\n") if p.strip()],
                "reported_on": long_date(record.reported_on),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()

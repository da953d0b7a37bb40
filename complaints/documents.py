"""The printable reply to a complainant who has no web page to read (a telephone call, a letter):
the answer once the complaint is concluded, or the notice that it was referred or not accepted.
Rendered with WeasyPrint in the layout of the kernel's notices (GB/T 9704), in Chinese, from what
the complaint stores; it names the complainant, so only the handling legal office prints it."""

from django.utils import translation
from django.utils.translation import gettext as _

from supervision.calendar import long_date
from supervision.official import official_pdf

from .models import Complaint

REPLIES = {
    Complaint.Status.CONCLUDED: "concluded_on",
    Complaint.Status.REFERRED: "decided_on",
    Complaint.Status.REFUSED: "decided_on",
}


def has_reply(complaint: Complaint) -> bool:
    return complaint.status in REPLIES


def reply_context(complaint: Complaint, identity) -> dict:
    title = {
        Complaint.Status.CONCLUDED: _("Reply to a complaint about enforcement"),
        Complaint.Status.REFERRED: _("Notice of referral of a complaint"),
        Complaint.Status.REFUSED: _("Notice of non-acceptance of a complaint"),
    }[complaint.status]
    values = {
        "received": long_date(complaint.received_on),
        "department": complaint.department.name,
        "referred_to": complaint.referred_to,
    }
    if complaint.status == Complaint.Status.CONCLUDED:
        paragraphs = [
            _("We received on %(received)s your complaint about %(department)s.") % values,
            *complaint.answer.split("\n"),
            _("Outcome of the investigation: %(outcome)s.")
            % {"outcome": complaint.get_outcome_display()},
        ]
    elif complaint.status == Complaint.Status.REFERRED:
        paragraphs = [
            _(
                "We received on %(received)s your complaint about %(department)s. It is not"
                " within the remit of this office and has been referred to %(referred_to)s."
            )
            % values,
            *complaint.decision_reason.split("\n"),
        ]
    else:
        paragraphs = [
            _(
                "We received on %(received)s your complaint about %(department)s. After review,"
                " it is not accepted, for the following reasons."
            )
            % values,
            *complaint.decision_reason.split("\n"),
        ]
    jurisdiction = complaint.department.jurisdiction
    return {
        "title": title,
        "office_name": jurisdiction.office_name,
        "reference": complaint.reference,
        "addressee": identity.name if identity.full and identity.name else _("Complainant"),
        "paragraphs": [p for p in paragraphs if p.strip()],
        "dated": long_date(getattr(complaint, REPLIES[complaint.status])),
    }


def render_reply_pdf(complaint: Complaint, identity) -> bytes:
    """The written reply in the kernel's GB/T 9704 layout (``supervision.official``)."""
    with translation.override("zh-hans"):
        context = reply_context(complaint, identity)
    return official_pdf(
        "complaints/reply_pdf.html",
        {
            **context,
            "subject": context["title"],
            "number": context["reference"],
            "signed_on": context["dated"],
        },
    )

"""Reads of complaints that are not a user's scope: the public's, by tracking code."""

from . import tracking
from .models import Complainant, Complaint, mask_contact, mask_name, mask_phone


def by_tracking_code(code: str) -> Complaint | None:
    """The complaint whose code this is, or None: a wrong code and a malformed one look alike,
    and neither says anything about other complaints."""
    digest = tracking.digest(code)
    if digest is None:
        return None
    return (
        Complaint.objects.select_related("department__jurisdiction")
        .filter(tracking_digest=digest)
        .first()
    )


# Who complained, as each reader may see it --------------------------------------------------


class Identity:
    """The complainant as ``user`` may see them: in full, masked, or not at all (``hidden``)."""

    def __init__(self, complainant, *, full: bool, hidden: bool = False, anonymous: bool = False):
        self.anonymous = anonymous
        self.hidden = hidden
        self.full = full
        if complainant is None or hidden or anonymous:
            self.name = self.phone = self.contact = ""
        elif full:
            self.name, self.phone, self.contact = (
                complainant.name,
                complainant.phone,
                complainant.contact,
            )
        else:
            self.name = mask_name(complainant.name)
            self.phone = mask_phone(complainant.phone)
            self.contact = mask_contact(complainant.contact)


def sees_identity(user, complaint: Complaint) -> bool:
    """In full: the legal office that handles the complaint (its department's own level), and the
    department's clerks once the office released the identity for this complaint."""
    if user.supervises_departments:
        return user.handles(complaint.department)
    return (
        user.is_clerk
        and complaint.identity_released
        and user.department_id == complaint.department_id
        and complaint.forwarded_at is not None
    )


def identities_for(user, complaints) -> dict[int, Identity]:
    """The identity of each complaint as ``user`` may see it, in one query."""
    complaints = list(complaints)
    wanted = [c.pk for c in complaints if not c.anonymous]
    found = Complainant.objects.in_bulk(wanted) if wanted else {}
    shown = {}
    for complaint in complaints:
        if complaint.anonymous:
            shown[complaint.pk] = Identity(None, full=False, anonymous=True)
        elif sees_identity(user, complaint):
            shown[complaint.pk] = Identity(found.get(complaint.pk), full=True)
        elif user.is_clerk:
            shown[complaint.pk] = Identity(None, full=False, hidden=True)
        else:
            shown[complaint.pk] = Identity(found.get(complaint.pk), full=False)
    return shown


def identity_for(user, complaint: Complaint) -> Identity:
    return identities_for(user, [complaint])[complaint.pk]

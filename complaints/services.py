"""The writes of complaints: filing (the public) and registration (the legal office), triage,
handling, the extension, approval, and the release of a complainant's identity.

Every function checks who may act and in which state, locks the row, saves and audits in one
transaction. The complainant's name and contact details are written to ``Complainant`` and never
into an audit entry: the complaint's entries show only whether it is anonymous.
"""

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, calendar, notes, rectification, uploads
from supervision.errors import TransitionNotAllowed
from supervision.models import Department
from supervision.workflow import require_legal_office, require_reason, save_new, transition

from . import tracking
from .deadlines import accept_deadline, conclude_deadline, extended_deadline, extension_max_days
from .models import (
    DOCUMENT_TYPES,
    EVIDENCE_TYPES,
    Complainant,
    Complaint,
    ComplaintAttachment,
)

Status = Complaint.Status
MAX_EVIDENCE_FILES = 5
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,18}[0-9]$")

NOT_AWAITING_ACCEPTANCE = gettext_lazy(
    "This complaint has already been decided on: it is no longer awaiting acceptance."
)
NOT_IN_HANDLING = gettext_lazy(
    "This complaint is not being handled: it was not accepted or is concluded."
)


def _locked(complaint: Complaint) -> Complaint:
    return (
        Complaint.objects.select_related("department")
        .select_for_update(of=("self",))
        .get(pk=complaint.pk)
    )


def _check_department(department) -> Department:
    if department is None:
        raise ValidationError({"department": _("Choose the department the complaint is about.")})
    if department.is_legal_office:
        raise ValidationError(
            {"department": _("Choose an enforcement department, not the legal office.")}
        )
    return department


def _check_identity(*, anonymous: bool, name: str, phone: str, contact: str) -> dict | None:
    """The complainant's details, or None for an anonymous complaint (nothing is kept then)."""
    name, phone, contact = (name or "").strip(), (phone or "").strip(), (contact or "").strip()
    if anonymous:
        return None
    errors = {}
    if not name:
        errors["name"] = _("Give your name, or file the complaint anonymously.")
    if not phone:
        errors["phone"] = _("Give a telephone number, or file the complaint anonymously.")
    elif not PHONE.match(phone):
        errors["phone"] = _("This is not a telephone number.")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "phone": phone, "contact": contact}


def _new_complaint(complaint: Complaint, *, identity, actor, files) -> tuple[Complaint, str]:
    """Store the complaint with its deadline, the complainant and the files; return the code."""
    deadline = accept_deadline(complaint.received_on, is_petition=complaint.is_petition)
    complaint.accept_due = deadline.due
    complaint.accept_due_provisional = deadline.provisional
    complaint.accept_due_explanation = deadline.as_json()
    complaint.anonymous = identity is None
    code = tracking.new_code()
    complaint.tracking_digest = tracking.digest(code)
    try:
        with transaction.atomic():
            save_new(complaint, actor=actor, action="register")
    except IntegrityError:  # a digest collision: 2^-140, but never a 500
        code = tracking.new_code()
        complaint.tracking_digest = tracking.digest(code)
        save_new(complaint, actor=actor, action="register")
    if identity is not None:
        complainant = Complainant(complaint=complaint, **identity)
        complainant.full_clean()
        complainant.save()
    for kind, upload in files:
        _attach(complaint, kind=kind, upload=upload)
    return complaint, code


def _attach(complaint, *, kind, upload) -> ComplaintAttachment:
    attachment = ComplaintAttachment(
        complaint=complaint, kind=kind, file=upload, name=uploads.original_name(upload)
    )
    attachment.full_clean()
    attachment.save()
    return attachment


def _facts(values: dict) -> dict:
    return {
        name: (values.get(name) or "").strip() if name != "happened_on" else values.get(name)
        for name in (
            "officer_name",
            "officer_certificate",
            "place",
            "happened_on",
            "facts",
            "request",
        )
    }


def _check_happened_on(happened_on, received_on):
    if happened_on is not None and happened_on > received_on:
        raise ValidationError(
            {"happened_on": _("The day it happened cannot be after the complaint was received.")}
        )


@transaction.atomic
def complaint_file(
    *,
    department,
    facts: str,
    anonymous: bool = False,
    name: str = "",
    phone: str = "",
    contact: str = "",
    files: Iterable = (),
    **details,
) -> tuple[Complaint, str]:
    """A complaint filed by the public on the web form; returns it and its tracking code, which
    is shown once and kept only as a digest."""
    department = _check_department(department)
    identity = _check_identity(anonymous=anonymous, name=name, phone=phone, contact=contact)
    files = list(files)
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError(
            {"files": _("Attach at most %(count)d files.") % {"count": MAX_EVIDENCE_FILES}}
        )
    files = uploads.check_uploads(files, types=EVIDENCE_TYPES, field="files")
    today = calendar.today()
    values = _facts({**details, "facts": facts})
    _check_happened_on(values["happened_on"], today)
    complaint = Complaint(
        department=department, channel=Complaint.Channel.ONLINE, received_on=today, **values
    )
    return _new_complaint(
        complaint,
        identity=identity,
        actor=None,
        files=[(ComplaintAttachment.Kind.EVIDENCE, upload) for upload in files],
    )


@transaction.atomic
def complaint_register(
    *,
    actor,
    department,
    channel: str,
    received_on: datetime.date,
    facts: str,
    work_order: str = "",
    is_petition: bool = False,
    anonymous: bool = False,
    name: str = "",
    phone: str = "",
    contact: str = "",
    original=None,
    files: Iterable = (),
    **details,
) -> tuple[Complaint, str]:
    """A complaint the legal office received by phone, letter, e-mail, at the window or as a 12345
    work order, registered by the office of the department's own jurisdiction."""
    department = _check_department(department)
    require_legal_office(actor, department)
    if channel == Complaint.Channel.ONLINE or channel not in Complaint.Channel.values:
        raise ValidationError({"channel": _("Choose how the complaint was received.")})
    if received_on > calendar.today():
        raise ValidationError({"received_on": _("The day of receipt cannot be in the future.")})
    if channel in (Complaint.Channel.LETTER, Complaint.Channel.HOTLINE) and original is None:
        raise ValidationError(
            {"original": _("Attach the letter or the work order as it was received.")}
        )
    identity = _check_identity(anonymous=anonymous, name=name, phone=phone, contact=contact)
    files = uploads.check_uploads(files, types=DOCUMENT_TYPES, field="files")
    if original is not None:
        (original,) = uploads.check_uploads([original], types=DOCUMENT_TYPES, field="original")
    values = _facts({**details, "facts": facts})
    _check_happened_on(values["happened_on"], received_on)
    complaint = Complaint(
        department=department,
        channel=channel,
        received_on=received_on,
        work_order=(work_order or "").strip(),
        is_petition=is_petition,
        created_by=actor,
        **values,
    )
    attachments = [(ComplaintAttachment.Kind.EVIDENCE, upload) for upload in files]
    if original is not None:
        attachments.insert(0, (ComplaintAttachment.Kind.ORIGINAL, original))
    return _new_complaint(complaint, identity=identity, actor=actor, files=attachments)


# Triage (受理 / 转办 / 不予受理) ------------------------------------------------------------------


@transaction.atomic
def complaint_accept(*, complaint: Complaint, actor, assign: bool = False) -> Complaint:
    """Accept (受理): the conclusion deadline starts; with ``assign`` it goes to the department."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    today = calendar.today()
    deadline = conclude_deadline(today, is_petition=complaint.is_petition)
    complaint = transition(
        complaint,
        actor=actor,
        action="accept",
        sources=(Status.RECEIVED,),
        target=Status.ACCEPTED,
        refusal=NOT_AWAITING_ACCEPTANCE,
        reason=notes.explained(deadline),
        decided_on=today,
        conclude_due=deadline.due,
        conclude_due_provisional=deadline.provisional,
        conclude_due_explanation=deadline.as_json(),
    )
    if assign:
        complaint = complaint_assign(complaint=complaint, actor=actor)
    return complaint


@transaction.atomic
def complaint_assign(*, complaint: Complaint, actor) -> Complaint:
    """Forward an accepted complaint to the department for investigation and an answer; from now
    on its clerks see it (the facts, not who complained)."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    return transition(
        complaint,
        actor=actor,
        action="assign",
        sources=(Status.ACCEPTED,),
        target=Status.ASSIGNED,
        refusal=_("Only an accepted complaint that the legal office is handling can be assigned."),
        forwarded_at=timezone.now(),
    )


@transaction.atomic
def complaint_refer(*, complaint: Complaint, actor, reason: str, referred_to: str) -> Complaint:
    """Not within the office's remit: referred (转办) to the body that is, with the reasons."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    reason = require_reason(reason)
    referred_to = (referred_to or "").strip()
    if not referred_to:
        raise ValidationError({"referred_to": _("Name the body the complaint is referred to.")})
    return transition(
        complaint,
        actor=actor,
        action="refer",
        sources=(Status.RECEIVED,),
        target=Status.REFERRED,
        refusal=NOT_AWAITING_ACCEPTANCE,
        reason=reason,
        decided_on=calendar.today(),
        decision_reason=reason,
        referred_to=referred_to,
    )


@transaction.atomic
def complaint_refuse(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """Not accepted (不予受理), with the reasons the complainant reads."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    reason = require_reason(reason)
    return transition(
        complaint,
        actor=actor,
        action="refuse",
        sources=(Status.RECEIVED,),
        target=Status.REFUSED,
        refusal=NOT_AWAITING_ACCEPTANCE,
        reason=reason,
        decided_on=calendar.today(),
        decision_reason=reason,
    )


# Handling ----------------------------------------------------------------------------------------


@transaction.atomic
def complaint_extend(*, complaint: Complaint, actor, days: int, reason: str) -> Complaint:
    """One extension, approved by the legal office with reasons: the due date moves by ``days``
    (counted from the day after the old one), and the old date no longer counts as overdue."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    if complaint.status not in Complaint.OPEN_HANDLING:
        raise TransitionNotAllowed(NOT_IN_HANDLING)
    if complaint.extension_days is not None:
        raise TransitionNotAllowed(_("This complaint has already been extended once."))
    reason = require_reason(reason)
    limit = extension_max_days(is_petition=complaint.is_petition)
    if days is None or not 1 <= days <= limit:
        raise ValidationError({"days": _("Extend by 1 to %(limit)d days.") % {"limit": limit}})
    deadline = extended_deadline(complaint.conclude_due, days)
    return transition(
        complaint,
        actor=actor,
        action="extend",
        sources=Complaint.OPEN_HANDLING,
        target=complaint.status,
        refusal=NOT_IN_HANDLING,
        reason=notes.note("%(reason)s\n%(deadline)s", reason=reason, deadline=deadline),
        extension_days=days,
        extension_reason=reason,
        conclude_due=deadline.due,
        conclude_due_provisional=deadline.provisional,
        conclude_due_explanation=deadline.as_json(),
    )


def may_answer(user, complaint: Complaint) -> bool:
    """The clerk of the department it was assigned to, or the legal office that kept it."""
    if complaint.status not in (Status.ACCEPTED, Status.ASSIGNED):
        return False
    if complaint.status == Status.ASSIGNED:
        return user.is_clerk and user.department_id == complaint.department_id
    return user.handles(complaint.department)


@transaction.atomic
def complaint_answer(
    *,
    complaint: Complaint,
    actor,
    investigation: str,
    answer: str,
    outcome: str,
    files: Iterable = (),
) -> Complaint:
    """The investigation and the proposed answer, with its evidence, submitted for approval."""
    complaint = _locked(complaint)
    if complaint.status == Status.ASSIGNED:
        if not (actor.is_clerk and actor.department_id == complaint.department_id):
            raise PermissionDenied(
                _("Only the department the complaint was assigned to answers it.")
            )
    elif complaint.status == Status.ACCEPTED:
        require_legal_office(actor, complaint.department)
    errors = {}
    if not (investigation or "").strip():
        errors["investigation"] = _("Describe the investigation.")
    if not (answer or "").strip():
        errors["answer"] = _("Write the answer to the complainant.")
    if outcome not in Complaint.Outcome.values:
        errors["outcome"] = _("Choose whether the complaint was found true.")
    if errors:
        raise ValidationError(errors)
    files = uploads.check_uploads(files, types=DOCUMENT_TYPES, field="files")
    complaint = transition(
        complaint,
        actor=actor,
        action="submit",
        sources=(Status.ACCEPTED, Status.ASSIGNED),
        target=Status.ANSWERED,
        refusal=_("This complaint is not awaiting an answer."),
        investigation=investigation.strip(),
        answer=answer.strip(),
        outcome=outcome,
        answered_at=timezone.now(),
    )
    for upload in files:
        _attach(complaint, kind=ComplaintAttachment.Kind.ANSWER, upload=upload)
    return complaint


@transaction.atomic
def complaint_approve(*, complaint: Complaint, actor) -> Complaint:
    """The legal office approves the answer: the complaint is concluded and the answer
    published to the complainant."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    today = calendar.today()
    on_time = complaint.conclude_due is None or today <= complaint.conclude_due
    complaint = transition(
        complaint,
        actor=actor,
        action="approve",
        sources=(Status.ANSWERED,),
        target=Status.CONCLUDED,
        refusal=_("Only a submitted answer can be approved."),
        reason=notes.note(
            gettext_lazy("Concluded on time.") if on_time else gettext_lazy("Concluded late.")
        ),
        concluded_on=today,
        return_reason="",
    )
    if (
        complaint.outcome in Complaint.VERIFIED_OUTCOMES
        and not complaint.department.is_legal_office
    ):
        _order_rectification(complaint, actor=actor)
    return complaint


def _order_rectification(complaint: Complaint, *, actor) -> None:
    """A complaint found true is a problem in the department: it goes into the rectification loop
    with what was complained of and what the investigation found (never who complained), due in
    the default period; the legal office may move the date on the finding's page."""
    problem = notes.note(
        gettext_lazy(
            "Complained of: %(facts)s\nInvestigation: %(investigation)s\nConclusion: %(outcome)s"
        ),
        facts=complaint.facts,
        investigation=complaint.investigation,
        outcome=Complaint.Outcome(complaint.outcome).label,
    )
    finding = rectification.finding_raise(
        department=complaint.department,
        problem=problem,
        actor=actor,
        source=complaint,
        source_label=notes.note(
            gettext_lazy("Complaint %(reference)s"), reference=complaint.reference
        ),
    )
    rectification.finding_order(finding=finding, actor=actor)


@transaction.atomic
def complaint_return(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """The answer goes back, with the reasons, to whoever wrote it."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    reason = require_reason(reason)
    back = Status.ASSIGNED if complaint.handled_by_department else Status.ACCEPTED
    return transition(
        complaint,
        actor=actor,
        action="return",
        sources=(Status.ANSWERED,),
        target=back,
        refusal=_("Only a submitted answer can be returned."),
        reason=reason,
        return_reason=reason,
    )


@transaction.atomic
def complaint_release_identity(*, complaint: Complaint, actor, reason: str) -> Complaint:
    """The legal office decides that the department may know who complained (audited, with
    reasons). Irreversible: what was shown cannot be unseen."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    reason = require_reason(reason)
    if complaint.anonymous:
        raise TransitionNotAllowed(
            _("This complaint is anonymous: there is no identity to release.")
        )
    return transition(
        complaint,
        actor=actor,
        action="release_identity",
        state_field="identity_released",
        sources=(False,),
        target=True,
        refusal=_("The complainant's identity has already been released for this complaint."),
        reason=reason,
        identity_release_reason=reason,
    )


@transaction.atomic
def complaint_attach(*, complaint: Complaint, actor, upload, kind: str) -> ComplaintAttachment:
    """A document added later by the legal office (the original letter, more evidence)."""
    complaint = _locked(complaint)
    require_legal_office(actor, complaint.department)
    if kind not in ComplaintAttachment.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of document.")})
    (upload,) = uploads.check_uploads([upload], types=DOCUMENT_TYPES, field="upload")
    attachment = _attach(complaint, kind=kind, upload=upload)
    audit.record(complaint, action="attach", actor=actor, after={"kind": kind})
    return attachment

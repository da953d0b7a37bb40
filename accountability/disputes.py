"""Enforcement disputes (行政执法争议协调, clause 4): submitted by a department, answered by the
other within a period of working days (a setting), coordinated by the legal office of their
jurisdiction in meetings, settled by a coordination opinion or proposed to the government."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, calendar, notes
from supervision.calendar import WorkingCalendar
from supervision.workflow import department_for, require_legal_office, save_new, transition

from .models import Dispute, DisputeMeeting

Status = Dispute.Status
COORDINATION = (Status.ANSWERED, Status.COORDINATING)


def answer_deadline(submitted_on: datetime.date, working_calendar=None) -> tuple:
    """(due, explanation): the other department answers within N working days of submission."""
    working_calendar = working_calendar or WorkingCalendar.load()
    days = settings.DISPUTE_ANSWER_WORKING_DAYS
    due = working_calendar.add_working_days(submitted_on, days)
    explanation = notes.note(
        gettext_lazy(
            "%(days)d working days counted from the day after %(submitted)s (weekends, holidays"
            " and made-up working days as the holiday schedule sets them): the answer is due by"
            " %(due)s."
        ),
        days=days,
        submitted=submitted_on,
        due=due,
    )
    return due, explanation


def _text(value, field, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _locked(dispute) -> Dispute:
    return Dispute.objects.select_for_update().get(pk=dispute.pk)


@transaction.atomic
def dispute_submit(
    *,
    actor,
    respondent,
    kind: str,
    matter: str,
    applicant_position: str,
    applicant_basis: str,
    applicant=None,
) -> Dispute:
    applicant = department_for(actor, applicant)
    if respondent.pk == applicant.pk or respondent.is_legal_office:
        raise ValidationError({"respondent": _("Choose the other enforcement department.")})
    if respondent.jurisdiction_id != applicant.jurisdiction_id:
        raise ValidationError(
            {"respondent": _("Both departments belong to the same level of government.")}
        )
    today = calendar.today()
    due, explanation = answer_deadline(today)
    dispute = Dispute(
        applicant=applicant,
        respondent=respondent,
        kind=kind,
        matter=matter,
        applicant_position=applicant_position,
        applicant_basis=applicant_basis,
        submitted_on=today,
        answer_due=due,
        answer_due_explanation=explanation,
    )
    return save_new(dispute, actor=actor, action="submit")


@transaction.atomic
def dispute_answer(*, dispute, actor, respondent_position: str, respondent_basis: str) -> Dispute:
    """The other department's answer: its position and basis."""
    dispute = _locked(dispute)
    if not (actor.is_clerk and actor.department_id == dispute.respondent_id):
        raise PermissionDenied(_("Only the other department answers the dispute."))
    return transition(
        dispute,
        actor=actor,
        action="answer",
        sources=(Status.SUBMITTED,),
        target=Status.ANSWERED,
        refusal=_("This dispute has already been answered."),
        respondent_position=_text(
            respondent_position, "respondent_position", _("State the position.")
        ),
        respondent_basis=_text(respondent_basis, "respondent_basis", _("State the basis.")),
        answered_on=calendar.today(),
    )


@transaction.atomic
def dispute_meeting(*, dispute, actor, held_on: datetime.date, attendees: str, minutes: str):
    """A coordination meeting, with its minutes, held by the legal office."""
    dispute = _locked(dispute)
    require_legal_office(actor, dispute.applicant)
    if held_on > calendar.today():
        raise ValidationError({"held_on": _("Record a meeting once it has been held.")})
    meeting = DisputeMeeting(
        dispute=dispute,
        held_on=held_on,
        attendees=_text(attendees, "attendees", _("Name who attended.")),
        minutes=_text(minutes, "minutes", _("Write the minutes.")),
    )
    sources = (*COORDINATION, Status.SUBMITTED)
    transition(
        dispute,
        actor=actor,
        action="record",
        sources=sources,
        target=Status.COORDINATING,
        refusal=_("This dispute has been concluded."),
        reason=notes.note(gettext_lazy("Coordination meeting of %(day)s"), day=held_on),
    )
    meeting.full_clean()
    meeting.save()
    audit.record(meeting, action="create", actor=actor, after=audit.snapshot(meeting))
    return dispute


@transaction.atomic
def dispute_opinion(*, dispute, actor, opinion: str) -> Dispute:
    """The departments agreed: the legal office's coordination opinion."""
    dispute = _locked(dispute)
    require_legal_office(actor, dispute.applicant)
    return transition(
        dispute,
        actor=actor,
        action="issue",
        sources=COORDINATION,
        target=Status.SETTLED,
        refusal=_("A coordination opinion follows the other department's answer, once."),
        opinion=_text(opinion, "opinion", _("Write the coordination opinion.")),
        opinion_on=calendar.today(),
    )


@transaction.atomic
def dispute_propose(*, dispute, actor, proposal: str) -> Dispute:
    """No agreement: a proposal to the government for its decision."""
    dispute = _locked(dispute)
    require_legal_office(actor, dispute.applicant)
    return transition(
        dispute,
        actor=actor,
        action="submit",
        sources=COORDINATION,
        target=Status.REFERRED,
        refusal=_("A proposal to the government follows the other department's answer, once."),
        proposal=_text(proposal, "proposal", _("Write the proposal.")),
        proposed_on=calendar.today(),
    )


@transaction.atomic
def dispute_decided(*, dispute, actor, government_decision: str) -> Dispute:
    """The government's decision, recorded when it comes back."""
    dispute = _locked(dispute)
    require_legal_office(actor, dispute.applicant)
    return transition(
        dispute,
        actor=actor,
        action="record",
        sources=(Status.REFERRED,),
        target=Status.DECIDED,
        refusal=_("The government's decision is recorded after a proposal, once."),
        government_decision=_text(
            government_decision, "government_decision", _("Write the government's decision.")
        ),
        decided_on=calendar.today(),
    )

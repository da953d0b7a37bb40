"""The clocks of a transfer to criminal justice, each counted in one function here, and the
writes that move a transfer along. The rules in ``accountability/deadlines.py`` watch the stored
due dates (and the due moment of the 24-hour clock) and issue notices when one lapses.

国务院《行政执法机关移送涉嫌犯罪案件的规定》:
- art. 5: the head decides within 3 days of receiving the case team's written report;
- art. 8: a case approved for transfer is handed to the public security organ within 24 hours;
- art. 9: a department that receives a refusal to open a case may ask for reconsideration within
  3 days of receiving it (and art. 14: may ask the procuratorate to supervise).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supervision import calendar, uploads
from supervision.calendar import Deadline, WorkingCalendar
from supervision.workflow import department_for, require_writer, save_new, transition

from .models import CriminalTransfer

DECISION_DAYS = 3
HANDOVER_HOURS = 24
RECONSIDERATION_DAYS = 3

Status = CriminalTransfer.Status


def decision_deadline(reported_at: datetime.datetime, working_calendar=None) -> Deadline:
    """The head decides within 3 days of the day the report was received."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(timezone.localdate(reported_at), DECISION_DAYS)


def handover_due(decided_at: datetime.datetime) -> datetime.datetime:
    """24 hours after the decision, by the clock: nights, weekends and holidays included."""
    return decided_at + datetime.timedelta(hours=HANDOVER_HOURS)


def reconsideration_deadline(received_on: datetime.date, working_calendar=None) -> Deadline:
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(received_on, RECONSIDERATION_DAYS)


def _not_future(value, field):
    if value > timezone.now():
        raise ValidationError({field: _("This time cannot be in the future.")})


def _upload(transfer, field: str, upload) -> dict:
    """The fields to save for a new document in ``field``: the file and its original name."""
    if not upload:
        return {}
    setattr(transfer, field, upload)
    return {
        field: upload,
        **{name: getattr(transfer, name) for name in uploads.remember_names(transfer)},
    }


def _locked(transfer) -> CriminalTransfer:
    return CriminalTransfer.objects.select_for_update().get(pk=transfer.pk)


@transaction.atomic
def transfer_report(
    *,
    actor,
    case_number: str,
    case_title: str,
    suspected_offence: str,
    team,
    reported_at: datetime.datetime,
    report=None,
    department=None,
) -> CriminalTransfer:
    """Record the case team's written report of a suspected crime found in a case."""
    department = department_for(actor, department)
    team = list(team or [])
    if len(team) < 2 or any(officer.department_id != department.pk for officer in team):
        raise ValidationError(
            {"team": _("Name the two or more officers of this department on the case team.")}
        )
    _not_future(reported_at, "reported_at")
    if report:
        (report,) = uploads.check_uploads([report], types=uploads.DOCUMENTS, field="report")
    deadline = decision_deadline(reported_at)
    transfer = CriminalTransfer(
        department=department,
        case_number=case_number,
        case_title=case_title,
        suspected_offence=suspected_offence,
        reported_at=reported_at,
        report=report or "",
        decision_due=deadline.due,
        decision_due_explanation=deadline.as_json(),
        created_by=actor,
    )
    save_new(transfer, actor=actor, action="register")
    transfer.team.set(team)
    return transfer


@transaction.atomic
def transfer_decide(
    *, transfer, actor, transfer_case: bool, decided_at: datetime.datetime, reason: str = ""
) -> CriminalTransfer:
    """The head's decision to transfer or not (art. 5); a transfer starts the 24-hour clock."""
    transfer = _locked(transfer)
    require_writer(actor, transfer.department_id)
    _not_future(decided_at, "decided_at")
    if decided_at < transfer.reported_at:
        raise ValidationError({"decided_at": _("The decision cannot precede the report.")})
    reason = (reason or "").strip()
    if not transfer_case and not reason:
        raise ValidationError({"reason": _("Give the reasons for not transferring.")})
    return transition(
        transfer,
        actor=actor,
        action="approve" if transfer_case else "reject",
        sources=(Status.REPORTED,),
        target=Status.AWAITING_TRANSFER if transfer_case else Status.NOT_TRANSFERRED,
        refusal=_("The head has already decided on this case."),
        reason=reason,
        decided_at=decided_at,
        decision_reason=reason,
        transfer_due_at=handover_due(decided_at) if transfer_case else None,
    )


@transaction.atomic
def transfer_handover(
    *, transfer, actor, transferred_at: datetime.datetime, police_organ: str
) -> CriminalTransfer:
    """The case handed to the public security organ (art. 8); late hand-overs are recorded."""
    transfer = _locked(transfer)
    require_writer(actor, transfer.department_id)
    _not_future(transferred_at, "transferred_at")
    if transfer.decided_at and transferred_at < transfer.decided_at:
        raise ValidationError({"transferred_at": _("The transfer cannot precede the decision.")})
    if not (police_organ or "").strip():
        raise ValidationError({"police_organ": _("Name the public security organ.")})
    return transition(
        transfer,
        actor=actor,
        action="transfer",
        sources=(Status.AWAITING_TRANSFER,),
        target=Status.TRANSFERRED,
        refusal=_("Only a case decided for transfer and not yet transferred can be handed over."),
        transferred_at=transferred_at,
        police_organ=police_organ.strip(),
    )


@transaction.atomic
def transfer_police(
    *, transfer, actor, case_opened: bool, received_on: datetime.date, reply=None
) -> CriminalTransfer:
    """The police's decision to open a case or not, with its written reply; a refusal starts the
    3-day period for reconsideration (art. 9)."""
    transfer = _locked(transfer)
    require_writer(actor, transfer.department_id)
    if received_on > calendar.today():
        raise ValidationError({"received_on": _("This date cannot be in the future.")})
    if transfer.transferred_at and received_on < timezone.localdate(transfer.transferred_at):
        raise ValidationError({"received_on": _("The reply cannot precede the transfer.")})
    if reply:
        (reply,) = uploads.check_uploads([reply], types=uploads.DOCUMENTS, field="reply")
    fields = {"police_decided_on": received_on, **_upload(transfer, "police_reply", reply)}
    if not case_opened:
        deadline = reconsideration_deadline(received_on)
        fields["reconsideration_due"] = deadline.due
        fields["reconsideration_due_explanation"] = deadline.as_json()
    return transition(
        transfer,
        actor=actor,
        action="record",
        sources=(Status.TRANSFERRED,),
        target=Status.CASE_OPENED if case_opened else Status.REFUSED,
        refusal=_("The police's decision is recorded once, after the transfer."),
        **fields,
    )


@transaction.atomic
def transfer_follow_up(
    *, transfer, actor, route: str, requested_on: datetime.date, reply=None
) -> CriminalTransfer:
    """After a refusal: reconsideration asked of the police, or the procuratorate's supervision."""
    transfer = _locked(transfer)
    require_writer(actor, transfer.department_id)
    if route not in (Status.RECONSIDERATION, Status.PROCURATORATE):
        raise ValidationError({"route": _("Choose reconsideration or the procuratorate.")})
    if requested_on > calendar.today():
        raise ValidationError({"requested_on": _("This date cannot be in the future.")})
    if reply:
        (reply,) = uploads.check_uploads([reply], types=uploads.DOCUMENTS, field="reply")
    return transition(
        transfer,
        actor=actor,
        action="submit",
        sources=(Status.REFUSED,),
        target=route,
        refusal=_("Reconsideration or supervision is asked after a refusal, once."),
        follow_up_on=requested_on,
        **_upload(transfer, "follow_up_reply", reply),
    )

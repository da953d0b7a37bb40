"""The writes of accountability actions and interference records.

Accountability is decided by the legal office of the department's own jurisdiction
(``require_legal_office(actor, department)``); offices above see it and do not act. A criticism is
issued as the kernel's ``criticism`` notice; a certificate is withheld or revoked by personnel's
own service, offered through ``supervision.offers``; both happen in the transaction that records
the action, so a refusal leaves nothing behind.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, calendar, notes, notices, offers, uploads
from supervision.errors import TransitionNotAllowed
from supervision.models import Jurisdiction, Notice
from supervision.workflow import require_legal_office, require_writer, transition

from . import grounds as ground_kinds
from .deadlines import answer_deadline
from .models import AccountabilityAction, ActionGround, InterferenceRecord

Kind = AccountabilityAction.Kind
Status = AccountabilityAction.Status

#: The rule name of criticism notices: one notice per action (``object_key``).
CRITICISM_RULE = "accountability_criticism"


def _cited_as(content_type, record) -> str:
    """How a ground is cited, as it was named then: a note, read in the reader's language (in
    the portal's, cut to the column, should it not fit)."""
    cited = notes.note(
        gettext_lazy("%(kind)s: %(record)s"),
        kind=ground_kinds.kind_name(content_type),
        record=str(record),
    )
    if len(cited) > ActionGround._meta.get_field("cited_as").max_length:
        with translation.override(settings.LANGUAGE_CODE):
            cited = notes.render(cited)
    return cited[: ActionGround._meta.get_field("cited_as").max_length]


def _criticism_draft(action: AccountabilityAction, cited) -> notices.NoticeDraft:
    with translation.override(settings.LANGUAGE_CODE):
        values = {"department": action.department.name}
        lines = [
            _(
                "Having examined the following, the legal office circulates a criticism of %(department)s:"
            )
            % values,
            action.facts,
            _("Grounds:"),
            *(f"{i}. {notes.render(text)}" for i, text in enumerate(cited, 1)),
            _(
                "The department is to rectify at once, hold those responsible to account, and"
                " report the rectification to the legal office."
            ),
        ]
        return notices.NoticeDraft(
            kind=Notice.Kind.CRITICISM,
            department_id=action.department_id,
            object_key=f"accountability:{action.pk}",
            subject=_("Circulated criticism of %(department)s") % values,
            body="\n".join(lines),
        )


@transaction.atomic
def action_decide(
    *,
    actor,
    department,
    kind: str,
    facts: str,
    grounds,
    officer=None,
    certificate=None,
    talk_on: datetime.date | None = None,
    referred_to: str = "",
) -> AccountabilityAction:
    """Decide an accountability action against ``department`` (and ``officer``), citing
    ``grounds`` ("app.model:pk" keys of records the actor may see)."""
    require_legal_office(actor, department)
    if department.is_legal_office:
        raise ValidationError({"department": _("Choose an enforcement department.")})
    facts = (facts or "").strip()
    if not facts:
        raise ValidationError({"facts": _("State the facts and reasons.")})
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose the kind of action.")})
    cited = ground_kinds.resolve(grounds, user=actor, department=department)
    today = calendar.today()
    action = AccountabilityAction(
        department=department,
        officer=officer if kind in AccountabilityAction.OFFICER_KINDS else None,
        certificate=certificate if kind in AccountabilityAction.CERTIFICATE_KINDS else None,
        kind=kind,
        facts=facts,
        decided_on=today,
        decided_by=actor,
        talk_on=talk_on if kind == Kind.TALK else None,
        referred_to=referred_to if kind == Kind.REFERRAL else "",
    )
    if kind == Kind.TALK and talk_on and talk_on < today:
        raise ValidationError({"talk_on": _("A talk is decided before it is held.")})
    if kind == Kind.TRANSFER_RECOMMENDATION:
        deadline = answer_deadline(today)
        action.answer_due = deadline.due
        action.answer_due_provisional = deadline.provisional
        action.answer_due_explanation = deadline.as_json()
    if kind in (Kind.CRITICISM, *AccountabilityAction.CERTIFICATE_KINDS):
        # Done the moment it is decided: the notice is issued, the certificate withheld.
        action.status = Status.COMPLETED
    action.full_clean()
    action.save()
    rows = ActionGround.objects.bulk_create(
        [
            ActionGround(
                action=action,
                content_type=content_type,
                object_id=record.pk,
                cited_as=_cited_as(content_type, record),
            )
            for content_type, record in cited
        ]
    )
    after = {**audit.snapshot(action), "grounds": [g.key for g in rows]}
    audit.record(action, action="create", actor=actor, after=after)
    reason = notes.note(
        gettext_lazy("%(kind)s: %(facts)s"), kind=Kind(action.kind).label, facts=facts
    )
    if kind == Kind.CRITICISM:
        (notice,) = notices.issue(
            [_criticism_draft(action, [g.cited_as for g in rows])], rule=CRITICISM_RULE, actor=actor
        )
        action.notice = notice
        action.save(update_fields=["notice"])
    elif kind == Kind.WITHHOLD_CERTIFICATE:
        offers.perform("certificate_withhold", certificate=certificate, actor=actor, reason=reason)
    elif kind == Kind.REVOKE_CERTIFICATE:
        offers.perform("certificate_revoke", certificate=certificate, actor=actor, reason=reason)
    return action


def answer_refusal(action: AccountabilityAction) -> str | None:
    """Why ``action`` takes no answer, or None while it waits for one."""
    if action.status == Status.COMPLETED:
        return _("This action is completed: its answer has been recorded.")
    if action.kind not in (Kind.TRANSFER_RECOMMENDATION, Kind.TALK, Kind.REFERRAL):
        return _("This kind of action takes no answer.")
    return None


@transaction.atomic
def action_answer(
    *, action: AccountabilityAction, actor, answer: str, attendees: str = ""
) -> AccountabilityAction:
    """Record what closes an action: the department's answer to a recommendation (its clerk, or
    the legal office from a paper answer), the record of a formal talk with who attended, or the
    answer of the authority a case was referred to (the legal office)."""
    action = AccountabilityAction.objects.select_for_update().get(pk=action.pk)
    if action.kind == Kind.TRANSFER_RECOMMENDATION:
        require_writer(actor, action.department_id)
    else:
        require_legal_office(actor, action.department)
    refusal = answer_refusal(action)
    if refusal:
        raise TransitionNotAllowed(refusal)
    answer = (answer or "").strip()
    attendees = (attendees or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer or the record.")})
    fields = {"answer": answer, "answered_on": calendar.today(), "answered_by": actor}
    if action.kind == Kind.TALK:
        if not attendees:
            raise ValidationError({"attendees": _("Name who attended the talk.")})
        if action.talk_on and action.talk_on > calendar.today():
            raise ValidationError(
                {
                    "answer": _("The talk is set for %(day)s: record it once held.")
                    % {"day": calendar.long_date(action.talk_on)}
                }
            )
        fields["attendees"] = attendees
    return transition(
        action,
        actor=actor,
        action="hold_talk" if action.kind == Kind.TALK else "answer",
        sources=(Status.PENDING,),
        target=Status.COMPLETED,
        refusal=_("This action is completed: its answer has been recorded."),
        reason=answer,
        **fields,
    )


# Interference records (干预记录) ------------------------------------------------------------------

# What the audit trail keeps of an interference record: never who intervened or who recorded it,
# since ordinary members of the legal office read their jurisdiction's trail.
INTERFERENCE_AUDITED = ["status", "report_number", "reported_on", "response_on"]


def _audit_interference(record, *, action, actor, before=None):
    audit.record(
        record,
        action=action,
        actor=actor,
        before=before,
        after=audit.snapshot(record, INTERFERENCE_AUDITED),
    )


def may_record_interference(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.jurisdiction_id
        and (user.is_legal_office or user.role == user.Role.SUPERVISOR)
    )


def handles_interference(user, record) -> bool:
    """The heads of the record's own legal office report it and record the response."""
    return bool(
        user.is_authenticated
        and user.has_perm("accountability.see_interference")
        and user.jurisdiction_id == record.jurisdiction_id
    )


@transaction.atomic
def interference_record(
    *,
    actor,
    official_name: str,
    official_post: str,
    official_unit: str,
    occurred_at: datetime.datetime,
    manner: str,
    request: str,
    evidence=None,
) -> InterferenceRecord:
    """A member of the legal office or an invited supervisor records an intervention."""
    if not may_record_interference(actor):
        raise PermissionDenied(
            _("Only members of the legal office and invited supervisors record interference.")
        )
    if occurred_at and occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("The intervention cannot be in the future.")})
    if evidence:
        (evidence,) = uploads.check_uploads([evidence], types=uploads.DOCUMENTS, field="evidence")
    record = InterferenceRecord(
        jurisdiction_id=actor.jurisdiction_id,
        official_name=official_name,
        official_post=official_post,
        official_unit=official_unit,
        occurred_at=occurred_at,
        manner=manner,
        request=request,
        evidence=evidence or "",
        recorded_by=actor,
    )
    uploads.remember_names(record)
    record.full_clean()
    record.save()
    _audit_interference(record, action="record", actor=actor)
    return record


def _locked_interference(record, actor) -> InterferenceRecord:
    record = InterferenceRecord.objects.select_for_update().get(pk=record.pk)
    if not handles_interference(actor, record):
        raise PermissionDenied(_("Only the heads of the legal office may do this."))
    return record


def report_number(jurisdiction: Jurisdiction, year: int, sequence: int) -> str:
    mark = settings.INTERFERENCE_REPORT_MARK
    return f"{jurisdiction.number_prefix}{mark}〔{year}〕{sequence}号"


@transaction.atomic
def interference_report(*, record: InterferenceRecord, actor) -> InterferenceRecord:
    """Number the record as a report to the government and the supervisory commission.

    Reports are numbered per office and year without gaps: the office's jurisdiction row is
    locked while the next number is taken, in the transaction that stores it."""
    record = _locked_interference(record, actor)
    if record.status != InterferenceRecord.Status.RECORDED:
        raise TransitionNotAllowed(_("This record has already been reported."))
    jurisdiction = Jurisdiction.objects.select_for_update().get(pk=record.jurisdiction_id)
    today = calendar.today()
    last = InterferenceRecord.objects.filter(
        jurisdiction=jurisdiction, report_year=today.year
    ).aggregate(last=Max("report_sequence"))["last"]
    sequence = (last or 0) + 1
    before = audit.snapshot(record, INTERFERENCE_AUDITED)
    record.status = InterferenceRecord.Status.REPORTED
    record.report_year, record.report_sequence = today.year, sequence
    record.report_number = report_number(jurisdiction, today.year, sequence)
    record.reported_on = today
    record.save(
        update_fields=["status", "report_year", "report_sequence", "report_number", "reported_on"]
    )
    _audit_interference(record, action="report", actor=actor, before=before)
    return record


@transaction.atomic
def interference_respond(
    *, record: InterferenceRecord, actor, response: str, accountability: str = ""
) -> InterferenceRecord:
    """Record the response of the government or the supervisory commission, and any
    accountability taken."""
    record = _locked_interference(record, actor)
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Write the response.")})
    if record.status != InterferenceRecord.Status.REPORTED:
        raise TransitionNotAllowed(
            _("A response is recorded once the record has been reported, and only once.")
        )
    before = audit.snapshot(record, INTERFERENCE_AUDITED)
    record.status = InterferenceRecord.Status.CLOSED
    record.response = response
    record.accountability = (accountability or "").strip()
    record.response_on = calendar.today()
    record.save(update_fields=["status", "response", "accountability", "response_on"])
    _audit_interference(record, action="answer", actor=actor, before=before)
    return record


@transaction.atomic
def interference_viewed(*, record: InterferenceRecord, actor) -> None:
    """Every view of an interference record is audited (clause 23: the records are protected)."""
    audit.record(record, action="view", actor=actor)

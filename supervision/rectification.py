"""The rectification loop (整改): the kernel's door for every instrument that finds something wrong.

An instrument (an evaluation campaign, a special inspection, a supervisor's report, a complaint,
a bulletin) calls::

    finding = rectification.finding_raise(
        department=..., problem=..., standard=..., evidence=None,
        source=the_record_that_found_it, source_label="2026年案卷评查", actor=legal_office_user,
    )
    rectification.finding_order(finding=finding, actor=..., due_on=date(2026, 4, 30))
    # or, for many at once with one due date:
    rectification.findings_order(findings=[...], actor=..., due_on=...)

and the kernel does the rest: the due date counted by the one rule (``rectification_deadline``),
reminders and overdue notices from the department's jurisdiction's legal office (the
``rectification`` deadline rule below), the department's report, acceptance or return with a new
due date, and the follow-up check (回头看). Reads: ``Finding.objects.for_user(user)``,
``.open()``, ``.from_source(record)``, ``.open_by_department()``.

Every action is keyword-only, runs in one transaction on the locked row, and is audited.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, calendar, notes
from .calendar import Deadline, WorkingCalendar, long_date
from .deadlines import DeadlineRule, register
from .errors import TransitionNotAllowed
from .models import Department, Notice
from .models_rectification import Finding, RectificationReport
from .notices import NoticeDraft
from .workflow import require_legal_office, require_reason, save_new, transition

Status = Finding.Status

# Without a date named by the legal office, a rectification is due 30 days after it is ordered,
# and a returned one 15 days after the return (the policy names no period; the office may name
# any date instead).
DEFAULT_RECTIFICATION_DAYS = 30
DEFAULT_RETURN_DAYS = 15


def rectification_deadline(
    *,
    ordered_on: datetime.date,
    due_on: datetime.date | None = None,
    days: int | None = None,
    working_calendar: WorkingCalendar | None = None,
) -> Deadline:
    """The one rule for a rectification's due date: a date the office names (moved to the next
    working day if it is not one), or ``days`` days after the order (30 by default)."""
    working_calendar = working_calendar or WorkingCalendar.load()
    if due_on is not None:
        if due_on <= ordered_on:
            raise ValidationError({"due_on": _("The due date must be after the order.")})
        return working_calendar.deadline_on(due_on)
    return working_calendar.deadline_after(ordered_on, days or DEFAULT_RECTIFICATION_DAYS)


def _recount(deadline_json: dict, working_calendar: WorkingCalendar) -> Deadline:
    deadline = Deadline.from_json(deadline_json)
    if deadline.event_day is None:
        return working_calendar.deadline_on(deadline.raw_last_day)
    return working_calendar.deadline_after(deadline.event_day, deadline.period_days)


def _lock(finding: Finding) -> Finding:
    return Finding.objects.select_for_update().select_related("department").get(pk=finding.pk)


def _due_fields(deadline: Deadline) -> dict:
    return {
        "due_on": deadline.due,
        "due_provisional": deadline.provisional,
        "due_explanation": deadline.as_json(),
    }


# Raising and ordering ----------------------------------------------------------------------------


def _label(label: str) -> str:
    """The label as it fits its column: a note too long for it, as it reads now (cut, a note
    would no longer read)."""
    if len(label) > 200 and notes.is_note(label):
        label = notes.render(label)
    return label[:200]


@transaction.atomic
def finding_raise(
    *,
    department: Department,
    problem: str,
    actor,
    standard: str = "",
    evidence=None,
    source=None,
    source_label: str = "",
) -> Finding:
    """A finding against ``department`` by its own jurisdiction's legal office; ``source`` is the
    record that produced it (any model), ``source_label`` how to name it in lists. ``problem``
    and ``source_label`` may be notes an app writes itself (``notes.note``)."""
    require_legal_office(actor, department)
    if department is not None and department.is_legal_office:
        raise ValidationError({"department": _("Findings are raised against departments.")})
    finding = Finding(
        department=department,
        problem=(problem or "").strip(),
        standard=(standard or "").strip(),
        evidence=evidence or "",
        source_label=_label(source_label or (str(source) if source is not None else "")),
        created_by=actor,
    )
    if source is not None:
        finding.source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
        finding.source_id = str(source.pk)
    return save_new(finding, actor=actor, action="raise")


def _order(finding: Finding, *, actor, deadline: Deadline, action: str, sources, refusal, **extra):
    return transition(
        finding,
        actor=actor,
        action=action,
        sources=sources,
        target=Status.ORDERED,
        refusal=refusal,
        round=finding.round + 1,
        ordered_on=calendar.today(),
        **_due_fields(deadline),
        **extra,
    )


@transaction.atomic
def finding_order(
    *, finding: Finding, actor, due_on: datetime.date | None = None, days: int | None = None
) -> Finding:
    """Order the rectification of a raised finding by ``due_on`` (or in ``days`` days)."""
    finding = _lock(finding)
    require_legal_office(actor, finding.department)
    deadline = rectification_deadline(ordered_on=calendar.today(), due_on=due_on, days=days)
    return _order(
        finding,
        actor=actor,
        deadline=deadline,
        action="order",
        sources=(Status.RAISED,),
        refusal=_("Only a finding just raised is ordered to be rectified."),
    )


@transaction.atomic
def findings_order(*, findings, actor, due_on: datetime.date) -> list[Finding]:
    """Order the rectification of many raised findings with one due date (a campaign's)."""
    deadline = rectification_deadline(ordered_on=calendar.today(), due_on=due_on)
    ordered = []
    for finding in (
        Finding.objects.select_for_update()
        .select_related("department")
        .filter(pk__in=[f.pk for f in findings])
        .order_by("pk")
    ):
        require_legal_office(actor, finding.department)
        ordered.append(
            _order(
                finding,
                actor=actor,
                deadline=deadline,
                action="order",
                sources=(Status.RAISED,),
                refusal=_("Only a finding just raised is ordered to be rectified."),
            )
        )
    return ordered


@transaction.atomic
def finding_withdraw(*, finding: Finding, actor, reason: str) -> Finding:
    """Withdraw a finding that proved wrong, with reasons (before it is reported on)."""
    finding = _lock(finding)
    require_legal_office(actor, finding.department)
    return transition(
        finding,
        actor=actor,
        action="withdraw",
        sources=(Status.RAISED, Status.ORDERED),
        target=Status.WITHDRAWN,
        refusal=_("A finding reported on or closed can no longer be withdrawn."),
        reason=require_reason(reason),
    )


# The department's report and the office's answer ----------------------------------------------


@transaction.atomic
def finding_report(*, finding: Finding, actor, text: str, evidence=None) -> Finding:
    """The department reports what it did (整改报告), with evidence; late reports are taken.
    The report is ``finding.reports`` of the current ``finding.round``."""
    finding = _lock(finding)
    if not (
        actor.is_authenticated and actor.is_clerk and actor.department_id == finding.department_id
    ):
        raise PermissionDenied(_("Only a clerk of the department reports its rectification."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Say what was done to rectify the problem.")})
    if finding.status != Status.ORDERED:
        raise TransitionNotAllowed(_("This finding is not awaiting a rectification report."))
    report = RectificationReport(
        finding=finding,
        round=finding.round,
        text=text,
        evidence=evidence or "",
        submitted_by=actor,
        submitted_on=calendar.today(),
    )
    save_new(report, actor=actor, action="report")
    return transition(
        finding,
        actor=actor,
        action="report",
        sources=(Status.ORDERED,),
        target=Status.REPORTED,
        refusal=_("This finding is not awaiting a rectification report."),
    )


def _pending_report(finding: Finding) -> RectificationReport:
    return RectificationReport.objects.select_for_update().get(finding=finding, round=finding.round)


def _decide_report(report, *, actor, decision, reasons=""):
    before = audit.snapshot(report)
    report.decision, report.reasons = decision, reasons
    report.decided_by, report.decided_on = actor, calendar.today()
    report.save(update_fields=["decision", "reasons", "decided_by", "decided_on"])
    action = "accept" if decision == RectificationReport.Decision.ACCEPTED else "return"
    audit.record(
        report,
        action=action,
        actor=actor,
        before=before,
        after=audit.snapshot(report),
        reason=reasons,
    )


@transaction.atomic
def finding_accept(*, finding: Finding, actor, reason: str = "") -> Finding:
    """Accept the department's report: the finding is rectified and closed (销号)."""
    finding = _lock(finding)
    require_legal_office(actor, finding.department)
    if finding.status != Status.REPORTED:
        raise TransitionNotAllowed(_("Only a reported rectification can be accepted."))
    _decide_report(_pending_report(finding), actor=actor, decision="accepted", reasons=reason)
    return transition(
        finding,
        actor=actor,
        action="accept",
        sources=(Status.REPORTED,),
        target=Status.CLOSED,
        refusal=_("Only a reported rectification can be accepted."),
        reason=reason,
        closed_on=calendar.today(),
    )


@transaction.atomic
def finding_return(
    *, finding: Finding, actor, reason: str, due_on: datetime.date | None = None
) -> Finding:
    """Return the report with reasons: the rectification goes on, to a new due date (15 days by
    default), with its own reminder and overdue notice."""
    finding = _lock(finding)
    require_legal_office(actor, finding.department)
    reason = require_reason(reason)
    if finding.status != Status.REPORTED:
        raise TransitionNotAllowed(_("Only a reported rectification can be returned."))
    deadline = rectification_deadline(
        ordered_on=calendar.today(), due_on=due_on, days=DEFAULT_RETURN_DAYS
    )
    _decide_report(_pending_report(finding), actor=actor, decision="returned", reasons=reason)
    return _order(
        finding,
        actor=actor,
        deadline=deadline,
        action="return",
        sources=(Status.REPORTED,),
        refusal=_("Only a reported rectification can be returned."),
        reason=reason,
    )


@transaction.atomic
def finding_follow_up(
    *,
    finding: Finding,
    actor,
    result: str,
    note: str = "",
    due_on: datetime.date | None = None,
) -> Finding:
    """The follow-up check (回头看) of a closed finding: ``confirmed`` keeps it closed,
    ``reopened`` (with reasons in ``note``) orders its rectification again."""
    finding = _lock(finding)
    require_legal_office(actor, finding.department)
    refusal = _("Only a closed finding not yet checked again can be followed up.")
    if finding.status != Status.CLOSED or finding.follow_up:
        raise TransitionNotAllowed(refusal)
    today = calendar.today()
    if result == Finding.FollowUp.CONFIRMED:
        return transition(
            finding,
            actor=actor,
            action="confirm",
            sources=(Status.CLOSED,),
            target=Status.CLOSED,
            refusal=refusal,
            reason=note,
            follow_up=result,
            follow_up_on=today,
            follow_up_note=note,
        )
    if result != Finding.FollowUp.REOPENED:
        raise ValidationError({"result": _("Choose confirmed or reopened.")})
    note = require_reason(note)
    deadline = rectification_deadline(ordered_on=today, due_on=due_on, days=DEFAULT_RETURN_DAYS)
    return _order(
        finding,
        actor=actor,
        deadline=deadline,
        action="reopen",
        sources=(Status.CLOSED,),
        refusal=refusal,
        reason=note,
        follow_up=result,
        follow_up_on=today,
        follow_up_note=note,
        closed_on=None,
    )


# The deadline rule ------------------------------------------------------------------------------


@register
class RectificationRule(DeadlineRule):
    """An ordered rectification is reported by its due date; each round (first order, each return
    or reopening) has its own reminder and overdue notice."""

    name = "rectification"
    label = gettext_lazy("Rectification of findings")
    due_field = "due_on"

    def open_items(self):
        # Matches the partial index ``finding_ordered_due_idx``.
        return Finding.objects.awaiting_rectification().select_related("department")

    def item_key(self, item) -> str:
        return f"{self.name}:{item.pk}:{item.round}"

    def _without_notice(self, items, kind):
        # Each round of a finding has its own notices: the index finds the finding's notices by
        # its id, the key then tells the rounds apart among those few.
        key = Concat(
            models.Value(f"{self.name}:"),
            Cast("pk", models.CharField()),
            models.Value(":"),
            Cast("round", models.CharField()),
        )
        issued = self.notices_about(kind).filter(object_key=models.OuterRef("_key"))
        return items.annotate(_key=key).exclude(models.Exists(issued))

    def draft(self, item, kind, day) -> NoticeDraft:
        deadline = Deadline.from_json(item.due_explanation)
        values = {
            "number": item.pk,
            "problem": notes.render(item.problem),
            "source": notes.render(item.source_label) or _("the legal office's supervision"),
            "due": long_date(item.due_on),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: rectification of finding %(number)s is overdue") % values
            body = (
                _(
                    "The problem found in %(source)s, “%(problem)s”, was to be rectified and"
                    " reported to the legal office by %(due)s.\n"
                    "No rectification report has been received. Rectify it at once and report."
                )
                % values
            )
        else:
            subject = _("Reminder: rectification of finding %(number)s is due by %(due)s") % values
            body = (
                _(
                    "The problem found in %(source)s, “%(problem)s”, is to be rectified and"
                    " reported to the legal office by %(due)s.\n"
                    "Please report the rectification before the deadline."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.item_key(item),
            object_id=item.pk,
            subject=subject,
            body=body,
            due_date=item.due_on,
            explanation=deadline.explain() if deadline else "",
        )

    def recompute(self, calendar) -> int:
        changed = []
        with transaction.atomic():
            for finding in Finding.objects.awaiting_rectification().select_for_update():
                if not finding.due_explanation:
                    continue
                deadline = _recount(finding.due_explanation, calendar)
                if deadline.as_json() == finding.due_explanation:
                    continue
                before = audit.snapshot(finding, ["due_on", "due_provisional"])
                for name, value in _due_fields(deadline).items():
                    setattr(finding, name, value)
                changed.append(finding)
                audit.record(
                    finding,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(finding, ["due_on", "due_provisional"]),
                    reason=notes.explained(deadline),
                )
            if changed:
                Finding.objects.bulk_update(
                    changed, ["due_on", "due_provisional", "due_explanation"]
                )
        return len(changed)

"""The accountability deadline: a department answers a recommendation to remove an officer from
the enforcement post (建议调离执法岗位) with what it did, within a period counted here (a
setting, ``ACCOUNTABILITY_ANSWER_DAYS``). The service stores the due date with its explanation; the
rule finds what is due in that stored column and recounts it when the holiday schedule changes."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, notes
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Notice

from .models import AccountabilityAction, CriminalTransfer, Dispute


def answer_period_days() -> int:
    return settings.ACCOUNTABILITY_ANSWER_DAYS


def answer_deadline(
    decided_on: datetime.date, working_calendar: WorkingCalendar | None = None
) -> Deadline:
    """The day by which the department answers a recommendation made on ``decided_on``."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(decided_on, answer_period_days())


@register
class RecommendationAnswerRule(DeadlineRule):
    """A department answers a recommendation to remove an officer from the post by its due date."""

    name = "accountability_answer"
    label = gettext_lazy("Answers to accountability recommendations")
    due_field = "answer_due"

    def open_items(self):
        # Matches the partial index ``accountability_answer_due`` (pending recommendations).
        return AccountabilityAction.objects.awaiting_answer().select_related(
            "department", "officer"
        )

    def draft(self, item, kind, day) -> NoticeDraft:
        deadline = Deadline.from_json(item.answer_due_explanation)
        values = {
            "officer": item.officer.name if item.officer_id else "",
            "decided": long_date(item.decided_on),
            "due": long_date(item.answer_due),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = (
                _("Notice: no answer to the recommendation on %(officer)s was given in time")
                % values
            )
            body = (
                _(
                    "On %(decided)s the legal office recommended that %(officer)s be removed from"
                    " the enforcement post, and asked for your answer by %(due)s.\n"
                    "No answer has been recorded. Record at once what your department has done."
                )
                % values
            )
        else:
            subject = (
                _("Reminder: the answer to the recommendation on %(officer)s is due by %(due)s")
                % values
            )
            body = (
                _(
                    "On %(decided)s the legal office recommended that %(officer)s be removed from"
                    " the enforcement post. Record what your department has done by %(due)s."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.item_key(item),
            subject=subject,
            body=body,
            due_date=item.answer_due,
            explanation=deadline.explain() if deadline else "",
        )

    def recompute(self, calendar) -> int:
        fields = ["answer_due", "answer_due_provisional"]
        changed = []
        with transaction.atomic():
            for action in AccountabilityAction.objects.awaiting_answer().select_for_update():
                deadline = answer_deadline(action.decided_on, calendar)
                if action.answer_due_explanation == deadline.as_json():
                    continue
                before = audit.snapshot(action, fields)
                action.answer_due = deadline.due
                action.answer_due_provisional = deadline.provisional
                action.answer_due_explanation = deadline.as_json()
                changed.append(action)
                audit.record(
                    action,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(action, fields),
                    reason=notes.explained(deadline),
                )
            if changed:
                AccountabilityAction.objects.bulk_update(
                    changed, [*fields, "answer_due_explanation"]
                )
        return len(changed)


# Transfers to criminal justice -----------------------------------------------------------------


def _transfer_values(item) -> dict:
    return {
        "number": item.case_number,
        "title": item.case_title,
        "department": item.department.name,
    }


class _TransferRule(DeadlineRule):
    """A clock of a transfer to criminal justice: notices go to the department (and, through the
    notice, to its legal office)."""

    status = ""
    explanation_field = ""
    texts: dict = {}

    def open_items(self):
        return CriminalTransfer.objects.filter(status=self.status).select_related("department")

    def draft(self, item, kind, day) -> NoticeDraft:
        due = getattr(item, self.due_field)
        values = {**_transfer_values(item), "due": self.shown_due(due)}
        subject, body = self.texts[kind]
        explanation = ""
        if self.explanation_field:
            deadline = Deadline.from_json(getattr(item, self.explanation_field))
            explanation = deadline.explain() if deadline else ""
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.item_key(item),
            subject=str(subject) % values,
            body=str(body) % values,
            due_date=timezone.localdate(due) if isinstance(due, datetime.datetime) else due,
            explanation=explanation,
        )

    def shown_due(self, due) -> str:
        return long_date(due)


@register
class TransferDecisionRule(_TransferRule):
    """The head decides on a transfer within 3 days of the case team's report (art. 5)."""

    name = "transfer_decision"
    label = gettext_lazy("Decisions on transferring suspected crimes")
    due_field = "decision_due"
    status = "reported"
    explanation_field = "decision_due_explanation"
    texts = {
        Notice.Kind.REMINDER: (
            gettext_lazy("Reminder: decide on transferring case %(number)s by %(due)s"),
            gettext_lazy(
                "The case team reported a suspected crime in case %(number)s (%(title)s). The head"
                " of the department decides within 3 days whether to transfer it, by %(due)s."
            ),
        ),
        Notice.Kind.OVERDUE: (
            gettext_lazy("Notice: no decision on transferring case %(number)s within 3 days"),
            gettext_lazy(
                "The case team reported a suspected crime in case %(number)s (%(title)s). The head"
                " of the department had to decide whether to transfer it by %(due)s, and has not."
                " Decide at once."
            ),
        ),
    }

    def recompute(self, calendar) -> int:
        from .transfers import decision_deadline

        return _recount(
            CriminalTransfer.objects.filter(status=self.status),
            lambda item: decision_deadline(item.reported_at, calendar),
            "decision_due",
        )


@register
class TransferReconsiderationRule(_TransferRule):
    """After the police refuse to open a case, reconsideration is asked within 3 days (art. 9)."""

    name = "transfer_reconsideration"
    label = gettext_lazy("Reconsideration of refusals to open a case")
    due_field = "reconsideration_due"
    status = "refused"
    explanation_field = "reconsideration_due_explanation"
    texts = {
        Notice.Kind.REMINDER: (
            gettext_lazy("Reminder: reconsideration of the refusal in case %(number)s by %(due)s"),
            gettext_lazy(
                "The public security organ refused to open a case on the transfer of case"
                " %(number)s (%(title)s). Reconsideration may be asked within 3 days of receiving"
                " the refusal, by %(due)s; the procuratorate may be asked to supervise."
            ),
        ),
        Notice.Kind.OVERDUE: (
            gettext_lazy("Notice: the period to ask reconsideration in case %(number)s has passed"),
            gettext_lazy(
                "The public security organ refused to open a case on the transfer of case"
                " %(number)s (%(title)s); the period to ask reconsideration ended on %(due)s."
                " Record what the department did, or ask the procuratorate to supervise."
            ),
        ),
    }

    def recompute(self, calendar) -> int:
        from .transfers import reconsideration_deadline

        return _recount(
            CriminalTransfer.objects.filter(status=self.status),
            lambda item: reconsideration_deadline(item.police_decided_on, calendar),
            "reconsideration_due",
        )


def check_moment(day: datetime.date) -> datetime.datetime:
    """The moment a check for ``day`` looks at: now when run for today, else the end of ``day``
    (Asia/Shanghai) for a check run for a day gone by or to come."""
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    return min(timezone.now(), end) if day == timezone.localdate() else end


@register
class TransferHandoverRule(_TransferRule):
    """A case approved for transfer is handed to the police within 24 hours (art. 8): an hour
    clock, counted from the decision's time, that runs through nights, weekends and holidays."""

    name = "transfer_handover"
    label = gettext_lazy("Hand-over of approved transfers within 24 hours")
    due_field = "transfer_due_at"
    status = "awaiting_transfer"
    texts = {
        Notice.Kind.REMINDER: (
            gettext_lazy("Reminder: hand case %(number)s to the police by %(due)s"),
            gettext_lazy(
                "The transfer of case %(number)s (%(title)s) was approved; it is to be handed to"
                " the public security organ within 24 hours, by %(due)s."
            ),
        ),
        Notice.Kind.OVERDUE: (
            gettext_lazy("Notice: case %(number)s was not handed to the police within 24 hours"),
            gettext_lazy(
                "The transfer of case %(number)s (%(title)s) was approved; it had to be handed to"
                " the public security organ within 24 hours, by %(due)s, and has not been."
                " Hand it over at once."
            ),
        ),
    }

    def shown_due(self, due) -> str:
        local = timezone.localtime(due)
        return f"{long_date(local.date())}{local.hour}时{local.minute:02d}分"

    def due_soon(self, day, until):
        # Every approved transfer still with time left is reminded: the clock is a day long.
        items = self.open_items().filter(transfer_due_at__gte=check_moment(day))
        return self._without_notice(items, Notice.Kind.REMINDER).order_by("transfer_due_at", "pk")

    def overdue(self, day):
        items = self.open_items().filter(transfer_due_at__lt=check_moment(day))
        return self._without_notice(items, Notice.Kind.OVERDUE).order_by("transfer_due_at", "pk")


def _recount(queryset, count, due_field) -> int:
    explanation_field = f"{due_field}_explanation"
    changed = []
    with transaction.atomic():
        for row in queryset.select_for_update():
            deadline = count(row)
            if getattr(row, explanation_field) == deadline.as_json():
                continue
            before = audit.snapshot(row, [due_field])
            setattr(row, due_field, deadline.due)
            setattr(row, explanation_field, deadline.as_json())
            changed.append(row)
            audit.record(
                row,
                action="recompute_due",
                before=before,
                after=audit.snapshot(row, [due_field]),
                reason=notes.explained(deadline),
            )
        if changed:
            type(changed[0]).objects.bulk_update(changed, [due_field, explanation_field])
    return len(changed)


@register
class DisputeAnswerRule(DeadlineRule):
    """The other department answers a dispute within its period of working days (clause 4)."""

    name = "dispute_answer"
    label = gettext_lazy("Answers to enforcement disputes")
    due_field = "answer_due"

    def open_items(self):
        # Matches the partial index ``dispute_answer_due`` (disputes awaiting the answer).
        return Dispute.objects.filter(status=Dispute.Status.SUBMITTED).select_related(
            "applicant", "respondent"
        )

    def draft(self, item, kind, day) -> NoticeDraft:
        values = {"applicant": item.applicant.name, "due": long_date(item.answer_due)}
        if kind == Notice.Kind.OVERDUE:
            subject = (
                _("Notice: the dispute submitted by %(applicant)s has not been answered") % values
            )
            body = (
                _(
                    "%(applicant)s submitted an enforcement dispute with your department to the legal"
                    " office. Your answer, with your position and its basis, was due by %(due)s and"
                    " has not been given. Answer at once."
                )
                % values
            )
        else:
            subject = (
                _("Reminder: answer the dispute submitted by %(applicant)s by %(due)s") % values
            )
            body = (
                _(
                    "%(applicant)s submitted an enforcement dispute with your department to the legal"
                    " office. Give your position and its basis by %(due)s."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.respondent_id,
            object_key=self.item_key(item),
            subject=subject,
            body=body,
            due_date=item.answer_due,
            explanation=notes.render(item.answer_due_explanation),
        )

    def recompute(self, calendar) -> int:
        from .disputes import answer_deadline

        changed = []
        with transaction.atomic():
            for dispute in self.open_items().select_for_update(of=("self",)):
                due, explanation = answer_deadline(dispute.submitted_on, calendar)
                if due == dispute.answer_due:
                    continue
                before = audit.snapshot(dispute, ["answer_due"])
                dispute.answer_due, dispute.answer_due_explanation = due, explanation
                changed.append(dispute)
                audit.record(
                    dispute,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(dispute, ["answer_due"]),
                    reason=explanation,
                )
            if changed:
                Dispute.objects.bulk_update(changed, ["answer_due", "answer_due_explanation"])
        return len(changed)

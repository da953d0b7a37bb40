"""The accountability deadline: a department answers a recommendation to remove an officer from
the enforcement post (建议调离执法岗位) with what it did, within a period counted here (a
setting, ``ACCOUNTABILITY_ANSWER_DAYS``). The service stores the due date with its explanation; the
rule finds what is due in that stored column and recounts it when the holiday schedule changes."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Notice

from .models import AccountabilityAction


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
                    reason=str(deadline.explain()),
                )
            if changed:
                AccountabilityAction.objects.bulk_update(
                    changed, [*fields, "answer_due_explanation"]
                )
        return len(changed)

"""The campaign's schedule (annex 1 (八)), each date counted in one function here: the
self-check report by the end of March, the evaluation done by 10 April, the report to the
government by 20 April, rectification by the end of April, the follow-up check in June — all of the
year after the one evaluated, each moved to the next working day when it is not one. The
self-check is a deadline rule with reminders and overdue notices; the rectification is the
kernel's (``supervision.rectification``)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Notice

from .models import Campaign, Participant

# (month, day) of each date in the year after the one evaluated.
SCHEDULE = {
    "self_check_due": (3, 31),
    "evaluation_due": (4, 10),
    "report_due": (4, 20),
    "rectification_due": (4, 30),
    "follow_up_due": (6, 30),
}


def schedule_date(field: str, day: datetime.date, working_calendar=None) -> Deadline:
    """A date of the schedule, as given (a default or the office's own), moved to a working day."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_on(day)


def default_schedule(year: int, working_calendar=None) -> dict[str, Deadline]:
    """The schedule of a campaign evaluating ``year``'s files, by annex 1's defaults."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return {
        field: working_calendar.deadline_on(datetime.date(year + 1, month, day))
        for field, (month, day) in SCHEDULE.items()
    }


@register
class SelfCheckRule(DeadlineRule):
    """Each department evaluated sends its self-check report by the campaign's date."""

    name = "evaluation_self_check"
    label = gettext_lazy("Self-check reports of case-file evaluations")
    due_field = "campaign__self_check_due"

    def open_items(self):
        # Matches the partial index ``participant_no_self_check_idx``.
        return Participant.objects.filter(
            self_check_on__isnull=True,
            campaign__status__in=[Campaign.Status.SETUP, Campaign.Status.SCORING],
        ).select_related("campaign", "department")

    def recompute(self, calendar) -> int:
        """After a holiday schedule is entered: every date of the open campaigns' schedules is
        counted again from the date it was set to (the default or the office's)."""
        changed = 0
        with transaction.atomic():
            for campaign in Campaign.objects.select_for_update().filter(
                status__in=[Campaign.Status.SETUP, Campaign.Status.SCORING]
            ):
                stored = campaign.schedule_explanation or {}
                counted = {
                    field: calendar.deadline_on(Deadline.from_json(data).raw_last_day)
                    for field, data in stored.items()
                }
                if all(d.as_json() == stored[field] for field, d in counted.items()):
                    continue
                before = audit.snapshot(campaign, list(counted))
                for field, deadline in counted.items():
                    setattr(campaign, field, deadline.due)
                campaign.schedule_explanation = {f: d.as_json() for f, d in counted.items()}
                campaign.save(update_fields=[*counted, "schedule_explanation"])
                audit.record(
                    campaign,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(campaign, list(counted)),
                )
                changed += 1
        return changed

    def draft(self, item, kind, day) -> NoticeDraft:
        campaign = item.campaign
        deadline = Deadline.from_json(campaign.schedule_explanation.get("self_check_due"))
        values = {
            "campaign": campaign.title,
            "year": campaign.year,
            "due": long_date(campaign.self_check_due),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: the self-check report for %(campaign)s is overdue") % values
            body = (
                _(
                    "Your department is evaluated in %(campaign)s, on the case files of %(year)d. Its"
                    " self-check report was due by %(due)s and has not been received.\n"
                    "Send it at once through the portal."
                )
                % values
            )
        else:
            subject = (
                _("Reminder: the self-check report for %(campaign)s is due by %(due)s") % values
            )
            body = (
                _(
                    "Your department is evaluated in %(campaign)s, on the case files of %(year)d. Send"
                    " its self-check report through the portal by %(due)s."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.item_key(item),
            subject=subject,
            body=body,
            due_date=campaign.self_check_due,
            explanation=deadline.explain() if deadline else "",
        )

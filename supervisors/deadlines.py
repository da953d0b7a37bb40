"""Rule ``supervisor_quarterly`` (policy clause 18: each quarter each invited supervisor carries out
at least one supervision activity and reports the problems found in writing).

- A reminder to the supervisor, 10 working days before the quarter's report is due (its last
  day, moved to the next working day), while they have recorded no activity in the quarter.
- An overdue note to the legal office that appointed them, once the quarter's report is past due
  and not filed: one per supervisor and quarter.

``act`` opens the quarter of the day for every supervisor in office on its last day, so both finders are one query over the stored, indexed ``due_on`` of open reports.
"""

import datetime

from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import notes
from supervision.calendar import WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Department, Notice

from .models import Activity, QuarterlyReport
from .services import open_quarters, report_due

REMINDER_WORKING_DAYS = 10


@register
class SupervisorQuarterlyRule(DeadlineRule):
    name = "supervisor_quarterly"
    label = gettext_lazy("Invited supervisors' quarterly reports")
    due_field = "due_on"

    def act(self, day: datetime.date) -> int:
        open_quarters(day)
        return 0  # opening a quarter changes no record's state

    def open_items(self):
        office = Department.objects.filter(
            jurisdiction=OuterRef("supervisor__jurisdiction"), is_legal_office=True
        ).values("pk")[:1]
        return (
            QuarterlyReport.objects.filter(status=QuarterlyReport.Status.OPEN)
            .select_related("supervisor")
            .annotate(office_department_id=Subquery(office))
        )

    def reminder_until(self, day, calendar):
        return calendar.add_working_days(day, REMINDER_WORKING_DAYS)

    def due_soon(self, day, until):
        # Only a supervisor with no activity in the quarter yet is reminded.
        active = Activity.objects.filter(report=OuterRef("pk"))
        return super().due_soon(day, until).exclude(Exists(active))

    def draft(self, item, kind, day) -> NoticeDraft:
        values = {
            "name": item.supervisor.get_full_name() or item.supervisor.username,
            "year": item.year,
            "quarter": item.quarter,
            "due": long_date(item.due_on),
        }
        if kind == Notice.Kind.REMINDER:
            return NoticeDraft(
                kind=kind,
                department_id=None,
                office_id=item.supervisor.jurisdiction_id,
                user_id=item.supervisor_id,
                subject=_(
                    "Reminder: your supervision activity and report for Q%(quarter)d %(year)d"
                )
                % values,
                body=_(
                    "You have recorded no supervision activity in Q%(quarter)d %(year)d yet. Each"
                    " quarter an invited supervisor carries out at least one supervision activity"
                    " and reports the problems found in writing. Please record your activities and"
                    " file the quarter's written report in the portal by %(due)s."
                )
                % values,
                due_date=item.due_on,
                explanation=notes.render(item.due_explanation),
            )
        addressee = (
            {"department_id": item.office_department_id}
            if item.office_department_id is not None
            else {"department_id": None, "office_id": item.supervisor.jurisdiction_id}
        )
        return NoticeDraft(
            kind=kind,
            subject=_("Invited supervisor %(name)s filed no report for Q%(quarter)d %(year)d")
            % values,
            body=_(
                "The invited supervisor %(name)s had not filed the written report for"
                " Q%(quarter)d %(year)d by its deadline, %(due)s."
            )
            % values,
            due_date=item.due_on,
            explanation=notes.render(item.due_explanation),
            **addressee,
        )

    def recompute(self, calendar: WorkingCalendar) -> int:
        changed = 0
        quarters = (
            QuarterlyReport.objects.filter(status=QuarterlyReport.Status.OPEN)
            .values_list("year", "quarter")
            .distinct()
        )
        for year, quarter in list(quarters):
            due = report_due(year, quarter, calendar)
            changed += (
                QuarterlyReport.objects.filter(
                    status=QuarterlyReport.Status.OPEN, year=year, quarter=quarter
                )
                .exclude(due_on=due.due, due_explanation=notes.explained(due))
                .update(due_on=due.due, due_explanation=notes.explained(due))
            )
        return changed

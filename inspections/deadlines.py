"""Rule ``inspection_quarterly`` (policy clause 17): each legal office carries out at least one
special inspection every quarter.

If no inspection of the current quarter has been carried out (under way or done) by the working
day on which 15 working days of the quarter remain, the office gets a reminder — a notice to the
legal office itself, addressed to its own department row, never to a department it supervises. A
quarter that ends without one is recorded as missed (``MissedQuarter``, the day after it ends,
whether or not that is a working day) and the office gets an overdue notice on the next working
day. Each jurisdiction's office is judged on its own inspections.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import (
    WorkingCalendar,
    long_date,
    previous_quarter,
    quarter_bounds,
    quarter_of,
)
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Department, Jurisdiction, Notice

from .models import Inspection, MissedQuarter

#: The reminder goes out when this many working days of the quarter remain (its last day counted).
REMINDER_WORKING_DAYS = 15


def reminder_day(year: int, quarter: int, working_calendar=None) -> datetime.date:
    """The working day after which ``REMINDER_WORKING_DAYS`` working days of the quarter remain:
    for the third quarter of 2026 (30 September a Wednesday, Sunday 20 September a working day,
    25 September the Mid-Autumn Festival), 9 September."""
    working_calendar = working_calendar or WorkingCalendar.load()
    day, remaining = quarter_bounds(year, quarter)[1], 0
    while not (remaining == REMINDER_WORKING_DAYS and working_calendar.is_working_day(day)):
        remaining += working_calendar.is_working_day(day)
        day -= datetime.timedelta(days=1)
    return day


def first_judged_quarter() -> tuple[int, int]:
    """``settings.INSPECTION_FIRST_JUDGED_QUARTER`` ("2026-2") as (2026, 2)."""
    year, quarter = settings.INSPECTION_FIRST_JUDGED_QUARTER.split("-")
    return int(year), int(quarter)


def quarter_label(year: int, quarter: int) -> str:
    return _("quarter %(quarter)d of %(year)d") % {"year": year, "quarter": quarter}


def offices_without_inspection(year: int, quarter: int) -> models.QuerySet:
    """The jurisdictions with a legal office that carried out no inspection starting in the
    quarter, with their office's department (one query)."""
    first, last = quarter_bounds(year, quarter)
    inspections = Inspection.objects.carried_out().filter(
        office=models.OuterRef("pk"), start_on__gte=first, start_on__lte=last
    )
    office_department = Department.objects.filter(
        jurisdiction=models.OuterRef("pk"), is_legal_office=True
    ).values("pk")[:1]
    return (
        Jurisdiction.objects.filter(departments__is_legal_office=True)
        .exclude(models.Exists(inspections))
        .annotate(office_department=models.Subquery(office_department))
        .order_by("path")
    )


@register
class QuarterlyInspectionRule(DeadlineRule):
    name = "inspection_quarterly"
    label = gettext_lazy("A special inspection every quarter")

    def key(self, office_id, year, quarter) -> str:
        return f"{self.name}:{office_id}:{year}Q{quarter}"

    @staticmethod
    def period(year, quarter) -> str:
        return f"{year}Q{quarter}"

    def act(self, day: datetime.date) -> int:
        """Record the quarter that ended before ``day`` as missed by every office without an
        inspection in it (once; a rerun finds them recorded)."""
        year, quarter = previous_quarter(day)
        if (year, quarter) < first_judged_quarter():
            return 0
        recorded = MissedQuarter.objects.filter(
            office=models.OuterRef("pk"), year=year, quarter=quarter
        )
        missed = [
            MissedQuarter(office_id=pk, year=year, quarter=quarter, recorded_on=day)
            for pk in offices_without_inspection(year, quarter)
            .exclude(models.Exists(recorded))
            .values_list("pk", flat=True)
        ]
        MissedQuarter.objects.bulk_create(missed, ignore_conflicts=True)
        return len(missed)

    def drafts(self, day: datetime.date, calendar: WorkingCalendar):
        year, quarter = quarter_of(day)
        if day >= reminder_day(year, quarter, calendar):
            offices = offices_without_inspection(year, quarter).exclude(
                self.noticed(Notice.Kind.REMINDER, self.period(year, quarter))
            )
            for office in offices.iterator(2000):
                yield self.reminder(office, year, quarter)
        # Every missed quarter without its overdue notice, in one query: the notice is about the
        # missed quarter's row (its id).
        office_department = Department.objects.filter(
            jurisdiction=models.OuterRef("office"), is_legal_office=True
        ).values("pk")[:1]
        missed = (
            MissedQuarter.objects.annotate(office_department=models.Subquery(office_department))
            .exclude(models.Exists(self.notices_about(Notice.Kind.OVERDUE)))
            .filter(office_department__isnull=False)
            .order_by("year", "quarter", "office_id")
        )
        for row in missed.iterator(2000):
            yield self.overdue_notice(row, row.year, row.quarter)

    def reminder(self, office, year, quarter) -> NoticeDraft:
        last = quarter_bounds(year, quarter)[1]
        values = {"quarter": quarter_label(year, quarter), "end": long_date(last)}
        return NoticeDraft(
            kind=Notice.Kind.REMINDER,
            department_id=office.office_department,
            object_key=self.key(office.pk, year, quarter),
            object_id=office.pk,
            period=self.period(year, quarter),
            subject=_("Reminder: no special inspection yet in %(quarter)s") % values,
            body=_(
                "The policy on strengthening enforcement supervision asks the legal office to carry"
                " out at least one special inspection every quarter. No special inspection of"
                " %(quarter)s has been recorded yet; the quarter ends on %(end)s.\n"
                "Plan and start one in the key fields (transport, construction, city management,"
                " public health, food and drugs) and record it in the portal."
            )
            % values,
            due_date=last,
        )

    def overdue_notice(self, row, year, quarter) -> NoticeDraft:
        last = quarter_bounds(year, quarter)[1]
        values = {"quarter": quarter_label(year, quarter), "end": long_date(last)}
        return NoticeDraft(
            kind=Notice.Kind.OVERDUE,
            department_id=row.office_department,
            object_key=self.key(row.office_id, year, quarter),
            object_id=row.pk,
            subject=_("Notice: %(quarter)s ended without a special inspection") % values,
            body=_(
                "%(quarter)s ended on %(end)s without a special inspection by the legal office."
                " The quarter is recorded as missed and shown on the dashboard."
            )
            % values,
            due_date=last,
        )

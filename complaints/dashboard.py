"""What complaints contributes to the legal office's dashboard and the annual assessment: the
complaints overdue today and the share of the year's complaints concluded on time; a deduction for
each complaint of the year concluded late, or still open after its deadline. Each is one grouped
query for all departments (supervision.dashboard)."""

from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import long_date
from supervision.dashboard import (
    Cell,
    Column,
    DeductionRule,
    Figure,
    Item,
    assessment_day,
    percent,
    register_deduction,
    register_figure,
)
from supervision.statistics import StatisticsTable, register_table

from .models import Complaint


def _complaints_url(department_id: int, **filters) -> str:
    return f"{reverse('complaints:list')}?{urlencode({'department': department_id, **filters})}"


@register_figure
class ComplaintFigures(Figure):
    name = "complaints"
    label = gettext_lazy("Complaints")
    order = 35
    columns = [
        Column(
            "complaints_overdue",
            gettext_lazy("complaints overdue"),
            overdue=True,
            bad_when_positive=True,
        ),
        Column(
            "complaints_on_time",
            gettext_lazy("concluded on time this year (%)"),
            kind="percent",
        ),
    ]

    def compute(self, departments, day):
        open_overdue = Q(status=Complaint.Status.RECEIVED, accept_due__lt=day) | Q(
            status__in=Complaint.OPEN_HANDLING, conclude_due__lt=day
        )
        concluded = Q(status=Complaint.Status.CONCLUDED, concluded_on__year=day.year)
        # Only what the department handles counts against it: a complaint still in the legal
        # office's triage, or kept by the office, is the office's work.
        counts = (
            Complaint.objects.filter(department__in=departments, forwarded_at__isnull=False)
            .filter(open_overdue | concluded)
            .order_by()
            .values_list("department_id")
            .annotate(
                overdue=Count("pk", filter=open_overdue),
                concluded=Count("pk", filter=concluded),
                on_time=Count("pk", filter=concluded & Q(concluded_on__lte=F("conclude_due"))),
            )
        )
        cells = {}
        for department_id, overdue, concluded_count, on_time in counts:
            cells[(department_id, "complaints_overdue")] = Cell(
                overdue, _complaints_url(department_id, overdue="true", forwarded="true")
            )
            cells[(department_id, "complaints_on_time")] = Cell(
                percent(on_time, concluded_count),
                _complaints_url(department_id, status=Complaint.Status.CONCLUDED, forwarded="true"),
                title=_("%(on_time)d of %(concluded)d concluded on time")
                % {"on_time": on_time, "concluded": concluded_count},
            )
        return cells


@register_deduction
class ComplaintDeduction(DeductionRule):
    """Complaints assigned to the department whose conclusion deadline fell in the year,
    concluded after it or still open after it on the day the year is judged."""

    name = "complaints_late"
    label = gettext_lazy("Complaints concluded late")
    order = 60
    max_points = 10
    per_item = 1
    basis = gettext_lazy(
        "1 point for each complaint assigned to the department and due in the year, concluded late"
        " or not concluded, at most 10"
    )

    def items(self, departments, year):
        day = assessment_day(year)
        complaints = (
            Complaint.objects.filter(
                department__in=departments, forwarded_at__isnull=False, conclude_due__year=year
            )
            .filter(
                Q(status=Complaint.Status.CONCLUDED, concluded_on__gt=F("conclude_due"))
                | Q(status__in=Complaint.OPEN_HANDLING, conclude_due__lt=day)
            )
            .order_by("department_id", "conclude_due", "pk")
            .only("pk", "department_id", "received_on", "conclude_due", "concluded_on")
        )
        detail = reverse("complaints:detail", args=[0]).removesuffix("0/")
        found: dict[int, list[Item]] = {}
        for complaint in complaints.iterator(2000):
            values = {"reference": complaint.reference, "due": long_date(complaint.conclude_due)}
            if complaint.concluded_on:
                values["concluded"] = long_date(complaint.concluded_on)
                text = _("%(reference)s: due by %(due)s, concluded on %(concluded)s") % values
            else:
                text = _("%(reference)s: due by %(due)s, not concluded") % values
            found.setdefault(complaint.department_id, []).append(
                Item(text, f"{detail}{complaint.pk}/")
            )
        return found


@register_table
class ComplaintTable(StatisticsTable):
    """Complaints received in the year about each department, and how those concluded ended."""

    name = "complaints"
    title = gettext_lazy("Complaints by outcome")
    order = 45

    def compute(self, departments, year):
        outcomes = list(Complaint.Outcome)
        rows = (
            Complaint.objects.filter(department__in=departments, received_on__year=year)
            .order_by()
            .values_list("department_id")
            .annotate(
                received=Count("pk"),
                **{
                    o.value: Count("pk", filter=Q(status=Complaint.Status.CONCLUDED, outcome=o))
                    for o in outcomes
                },
            )
        )
        headers = [gettext_lazy("received")] + [o.label for o in outcomes]
        return headers, {pk: list(numbers) for pk, *numbers in rows}

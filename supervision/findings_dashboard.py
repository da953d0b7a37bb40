"""The kernel's own contribution to the dashboard and the annual assessment: findings and their
rectification (整改), whatever instrument raised them (clause 16: rectification counts in the annual
assessment). The open findings and those overdue today; a deduction for each finding not rectified
on time. One grouped query each, for all departments (supervision.dashboard)."""

from urllib.parse import urlencode

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notes
from .calendar import long_date
from .dashboard import (
    Cell,
    Column,
    DeductionRule,
    Figure,
    Item,
    assessment_day,
    register_deduction,
    register_figure,
)
from .models import Finding, RectificationReport
from .statistics import StatisticsTable, register_table


def _findings_url(department_id: int, state: str) -> str:
    return f"{reverse('finding-list')}?{urlencode({'department': department_id, 'state': state})}"


@register_figure
class FindingFigures(Figure):
    name = "findings"
    label = gettext_lazy("Findings and rectification")
    order = 20
    columns = [
        Column("findings_open", gettext_lazy("open findings")),
        Column(
            "findings_overdue",
            gettext_lazy("rectification overdue"),
            overdue=True,
            bad_when_positive=True,
        ),
    ]

    def compute(self, departments, day):
        counts = (
            Finding.objects.open()
            .filter(department__in=departments)
            .order_by()
            .values_list("department_id")
            .annotate(
                open=Count("pk"),
                overdue=Count("pk", filter=Q(status=Finding.Status.ORDERED, due_on__lt=day)),
            )
        )
        cells = {}
        for department_id, open_count, overdue in counts:
            cells[(department_id, "findings_open")] = Cell(
                open_count, _findings_url(department_id, "open")
            )
            cells[(department_id, "findings_overdue")] = Cell(
                overdue, _findings_url(department_id, "overdue")
            )
        return cells


@register_deduction
class RectificationDeduction(DeductionRule):
    """Findings whose rectification was due in the year (the due date of the round under way) and
    whose report came after it, or that are still not reported after it on the day the year is
    judged."""

    name = "rectification_late"
    label = gettext_lazy("Findings not rectified on time")
    order = 70
    max_points = 10
    per_item = 1
    basis = gettext_lazy(
        "1 point for each finding due for rectification in the year and reported late or not"
        " reported, at most 10"
    )

    def items(self, departments, year):
        day = assessment_day(year)
        reported_on = (
            RectificationReport.objects.filter(finding=OuterRef("pk"), round=OuterRef("round"))
            .order_by()
            .values("finding")
            .annotate(first=Min("submitted_on"))
            .values("first")[:1]
        )
        findings = (
            Finding.objects.filter(department__in=departments, due_on__year=year)
            .exclude(status=Finding.Status.WITHDRAWN)
            .annotate(reported_on=Subquery(reported_on))
            .filter(
                Q(reported_on__gt=F("due_on"))
                | Q(reported_on__isnull=True, status=Finding.Status.ORDERED, due_on__lt=day)
            )
            .order_by("department_id", "due_on", "pk")
            .only("pk", "department_id", "problem", "due_on")
        )
        detail = reverse("finding-detail", args=[0]).removesuffix("0/")
        found: dict[int, list[Item]] = {}
        for finding in findings.iterator(2000):
            values = {
                "number": finding.pk,
                "problem": notes.render(finding.problem)[:40],
                "due": long_date(finding.due_on),
            }
            if finding.reported_on:
                values["reported"] = long_date(finding.reported_on)
                text = (
                    _("Finding %(number)s %(problem)s: due by %(due)s, reported on %(reported)s")
                    % values
                )
            else:
                text = _("Finding %(number)s %(problem)s: due by %(due)s, not reported") % values
            found.setdefault(finding.department_id, []).append(Item(text, f"{detail}{finding.pk}/"))
        return found


@register_table
class FindingTable(StatisticsTable):
    name = "findings"
    title = gettext_lazy("Findings and rectification")
    order = 60

    def compute(self, departments, year):
        rows = (
            Finding.objects.filter(department__in=departments, created_at__year=year)
            .exclude(status=Finding.Status.WITHDRAWN)
            .order_by()
            .values_list("department_id")
            .annotate(
                raised=Count("pk"),
                closed=Count("pk", filter=Q(status=Finding.Status.CLOSED)),
                open=Count("pk", filter=Q(status__in=Finding.OPEN_STATES)),
            )
        )
        headers = [
            gettext_lazy("findings raised"),
            gettext_lazy("rectified and closed"),
            gettext_lazy("still open"),
        ]
        return headers, {pk: [raised, closed, open_] for pk, raised, closed, open_ in rows}

"""What training contributes to the dashboard and the annual assessment: the share of officers
compliant with the 40-hour rule and the yearly plan overdue; deductions for a plan filed late or
missing and for the share of officers short of the rule. Set-based (supervision.dashboard)."""

from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personnel.models import Officer
from supervision.calendar import long_date
from supervision.dashboard import (
    Cell,
    Column,
    Deduction,
    DeductionRule,
    Figure,
    Item,
    OfficerColumns,
    assessment_day,
    percent,
    points,
    register_deduction,
    register_figure,
    register_officer_columns,
)
from supervision.statistics import StatisticsTable, register_table

from . import selectors, services
from .models import TrainingPlan, TrainingRecord


def _standing_url(department_id: int, year: int) -> str:
    return f"{reverse('training:department', args=[department_id])}?year={year}"


def _plans_url(department_id: int, year: int) -> str:
    query = urlencode({"department": department_id, "year": year})
    return f"{reverse('training:plan-list')}?{query}"


def compliance_counts(departments, year: int):
    """(department id, officers, compliant officers) in ``year``: one grouped query. The compliant
    officers are one uncorrelated subquery (``selectors.compliant_officer_ids``), not two
    subqueries per officer: over a province's 60,000 officers that is the difference."""
    return (
        Officer.objects.filter(department__in=departments)
        .order_by()
        .values_list("department_id")
        .annotate(
            officers=Count("pk"),
            compliant=Count("pk", filter=Q(pk__in=selectors.compliant_officer_ids(year))),
        )
    )


@register_figure
class TrainingFigures(Figure):
    name = "training"
    label = gettext_lazy("Training")
    order = 30
    columns = [
        Column(
            "compliant_percent",
            gettext_lazy("officers meeting the 40-hour rule this year (%)"),
            kind="percent",
            chart=True,
        ),
        Column(
            "plan_overdue",
            gettext_lazy("training plan overdue"),
            overdue=True,
            bad_when_positive=True,
        ),
    ]

    def compute(self, departments, day):
        year = day.year
        cells = {}
        for department_id, officers, compliant in compliance_counts(departments, year):
            cells[(department_id, "compliant_percent")] = Cell(
                percent(compliant, officers),
                _standing_url(department_id, year),
                title=_("%(compliant)d of %(officers)d officers")
                % {"compliant": compliant, "officers": officers},
            )
        deadline = services.plan_deadline(year)
        if day > deadline.due:
            filed = TrainingPlan.objects.filter(
                department=OuterRef("pk"), year=year, filed_on__isnull=False
            )
            for department_id in departments.exclude(Exists(filed)).values_list("pk", flat=True):
                cells[(department_id, "plan_overdue")] = Cell(
                    1,
                    _plans_url(department_id, year),
                    title=_("The training plan for %(year)d was due by %(due)s.")
                    % {"year": year, "due": long_date(deadline.due)},
                )
        return cells

    def overdue_by_month(self, departments, years, day):
        """Plans filed after their deadline, or still not filed after it, by the deadline's month."""
        rows = (
            TrainingPlan.objects.filter(
                department__in=departments, due__year__in=years, due__lt=day
            )
            .filter(Q(filed_on__isnull=True) | Q(filed_on__gt=F("due")))
            .annotate(y=ExtractYear("due"), m=ExtractMonth("due"))
            .order_by()
            .values_list("y", "m")
            .annotate(n=Count("pk"))
        )
        return {(y, m): n for y, m, n in rows}


@register_deduction
class TrainingPlanDeduction(DeductionRule):
    name = "training_plan"
    uses_per_item = False
    label = gettext_lazy("Filing of the yearly training plan")
    order = 30
    max_points = 5
    basis = gettext_lazy(
        "The year's training plan, due by the end of January: 2 points if filed late, 5 if not"
        " filed"
    )

    def items(self, departments, year):
        deadline = services.plan_deadline(year)
        if assessment_day(year) <= deadline.due:
            return {}
        plans = TrainingPlan.objects.filter(department=OuterRef("pk"), year=year)
        rows = departments.annotate(filed_on=plans.order_by().values("filed_on")[:1]).filter(
            Q(filed_on__gt=deadline.due) | ~Exists(plans.filter(filed_on__isnull=False))
        )
        values = {"year": year, "due": long_date(deadline.due)}
        found = {}
        for department_id, filed_on in rows.values_list("pk", "filed_on"):
            if filed_on:
                text = _("training plan for %(year)d due by %(due)s, filed on %(filed)s") % {
                    **values,
                    "filed": long_date(filed_on),
                }
                cost = Decimal(2)
            else:
                text = _("training plan for %(year)d due by %(due)s, not filed") % values
                cost = Decimal(5)
            found[department_id] = [Item(text, _plans_url(department_id, year), points=cost)]
        return found


@register_deduction
class TrainingHoursDeduction(DeductionRule):
    """Annex 2: training results count in each unit's assessment. The points taken are the
    indicator's worth times the share of officers short of the rule in the year."""

    name = "training_hours"
    uses_per_item = False
    label = gettext_lazy("Officers short of the 40-hour rule")
    order = 40
    max_points = 10
    basis = gettext_lazy(
        "10 points times the share of officers without 40 hours and a passed assessment in the year"
    )

    def evaluate(self, departments, year):
        found = {}
        shares = {
            department_id: (officers, officers - compliant)
            for department_id, officers, compliant in compliance_counts(departments, year)
            if officers and compliant < officers
        }
        if not shares:
            return found
        short = (
            Officer.objects.filter(department_id__in=list(shares))
            .exclude(pk__in=selectors.compliant_officer_ids(year))
            .order_by("department_id", "name", "pk")
            .values_list("pk", "name", "department_id")
        )
        officer_url = reverse("training:officer", args=[0]).removesuffix("0/")
        names: dict[int, list[Item]] = {}
        for pk, name, department_id in short.iterator(2000):
            names.setdefault(department_id, []).append(
                Item(name, f"{officer_url}{pk}/?year={year}")
            )
        for department_id, (officers, short_count) in shares.items():
            found[department_id] = Deduction(
                rule=self,
                department_id=department_id,
                items=names.get(department_id, []),
                points=points(Decimal(self.max_points) * short_count / officers),
                note=_("%(short)d of %(officers)d officers short")
                % {"short": short_count, "officers": officers},
            )
        return found


@register_officer_columns
class TrainingOfficerColumns(OfficerColumns):
    """Clause 10 and annex 2: each officer's training hours of the year, the best assessment
    score and whether it passed, and whether the officer meets the rule (two queries)."""

    name = "training"
    order = 30
    columns = [
        Column("training_hours", gettext_lazy("training hours")),
        Column("assessment_score", gettext_lazy("assessment score")),
        Column("assessment_result", gettext_lazy("assessment result"), kind="text"),
        Column("training_compliant", gettext_lazy("meets the 40-hour rule"), kind="text"),
    ]

    def compute(self, officer_ids, year):
        table = selectors.standings(officer_ids, [year])
        officer_url = reverse("training:officer", args=[0]).removesuffix("0/")
        cells = {}
        for pk in officer_ids:
            standing = table[(pk, year)]
            url = f"{officer_url}{pk}/?year={year}"
            cells[(pk, "training_hours")] = Cell(standing.hours, url)
            cells[(pk, "assessment_score")] = Cell(standing.best_score)
            cells[(pk, "assessment_result")] = Cell(
                (_("passed") if standing.passed else _("not passed"))
                if standing.assessed
                else _("not assessed")
            )
            cells[(pk, "training_compliant")] = Cell(_("yes") if standing.compliant else _("no"))
        return cells


@register_table
class TrainingTable(StatisticsTable):
    """Officers trained in the year: with any hours, and meeting the 40-hour rule."""

    name = "training"
    title = gettext_lazy("Officers trained")
    order = 40

    def compute(self, departments, year):
        trained = TrainingRecord.objects.filter(year=year, hours__gt=0).values("officer_id")
        rows = compliance_counts(departments, year).annotate(
            trained=Count("pk", filter=Q(pk__in=trained))
        )
        headers = [
            gettext_lazy("officers"),
            gettext_lazy("officers trained"),
            gettext_lazy("meeting the 40-hour rule"),
        ]
        return headers, {pk: [n, t, c] for pk, n, c, t in rows}

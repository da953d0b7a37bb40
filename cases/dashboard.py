"""What cases contributes to the legal office's dashboard and to the annual assessment: overdue and
soon-due filings of major decisions, overdue case-file catalogues; deductions for decisions filed
late or not at all, and for a catalogue filed late or missing. Each is one grouped query for all
departments (supervision.dashboard)."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import add_working_days as working_days_after
from supervision.calendar import long_date
from supervision.dashboard import (
    Cell,
    Column,
    DeductionRule,
    Figure,
    Item,
    assessment_day,
    register_deduction,
    register_figure,
)
from supervision.statistics import StatisticsTable, register_table

from .deadlines import catalogue_due
from .models import CaseCatalogue, CatalogueItem, MajorDecision

#: "Items due within 5 working days" (issue 15).
DUE_SOON_WORKING_DAYS = 5


def _decisions_url(department_id: int, **filters) -> str:
    return f"{reverse('cases:decision-list')}?{urlencode({'department': department_id, **filters})}"


def _catalogues_url(department_id: int, year: int) -> str:
    query = urlencode({"department": department_id, "year": year})
    return f"{reverse('cases:catalogue-list')}?{query}"


def _late_or_overdue(day: datetime.date) -> Q:
    """A decision made whose filing was late, or is still missing after its deadline."""
    return Q(filed_on__gt=F("filing_due")) | Q(filed_on__isnull=True, filing_due__lt=day)


@register_figure
class CaseFigures(Figure):
    name = "cases"
    label = gettext_lazy("Major decisions and case files")
    order = 10
    columns = [
        Column(
            "decisions_overdue",
            gettext_lazy("filings overdue"),
            overdue=True,
            bad_when_positive=True,
        ),
        Column(
            "decisions_due_soon",
            gettext_lazy("filings due within 5 working days"),
            due_soon=True,
        ),
        Column(
            "catalogue_overdue",
            gettext_lazy("case-file catalogue overdue"),
            overdue=True,
            bad_when_positive=True,
        ),
    ]

    def compute(self, departments, day):
        until = working_days_after(day, DUE_SOON_WORKING_DAYS)
        counts = (
            MajorDecision.objects.decided_unfiled()
            .filter(department__in=departments)
            .order_by()
            .values_list("department_id")
            .annotate(
                overdue=Count("pk", filter=Q(filing_due__lt=day)),
                soon=Count("pk", filter=Q(filing_due__gte=day, filing_due__lte=until)),
            )
        )
        cells = {}
        for department_id, overdue, soon in counts:
            cells[(department_id, "decisions_overdue")] = Cell(
                overdue, _decisions_url(department_id, filing_status="overdue")
            )
            cells[(department_id, "decisions_due_soon")] = Cell(
                soon,
                _decisions_url(
                    department_id,
                    filing_status="awaiting_filing",
                    filing_due_after=day.isoformat(),
                    filing_due_before=until.isoformat(),
                ),
            )
        # Last year's catalogue, once its deadline has passed, is overdue until it is filed.
        year = day.year - 1
        deadline = catalogue_due(year)
        if day > deadline.due:
            filed = CaseCatalogue.objects.filter(
                department=OuterRef("pk"), year=year, filed_on__isnull=False
            )
            for department_id in departments.exclude(Exists(filed)).values_list("pk", flat=True):
                cells[(department_id, "catalogue_overdue")] = Cell(
                    1,
                    _catalogues_url(department_id, year),
                    title=_("The catalogue for %(year)d was due by %(due)s.")
                    % {"year": year, "due": long_date(deadline.due)},
                )
        return cells

    def overdue_by_month(self, departments, years, day):
        """Decisions whose filing deadline fell in the month and that were filed late or are still
        not filed: one grouped query."""
        rows = (
            MajorDecision.objects.filter(
                department__in=departments, filing_due__year__in=years, filing_due__lt=day
            )
            .filter(_late_or_overdue(day))
            .annotate(y=ExtractYear("filing_due"), m=ExtractMonth("filing_due"))
            .order_by()
            .values_list("y", "m")
            .annotate(n=Count("pk"))
        )
        return {(y, m): n for y, m, n in rows}


@register_deduction
class DecisionFilingDeduction(DeductionRule):
    """Major decisions whose 10-day filing deadline fell in the year, filed late or not filed."""

    name = "decision_filing"
    label = gettext_lazy("Filing of major decisions")
    order = 10
    max_points = 20
    per_item = 2
    basis = gettext_lazy(
        "2 points for each major decision filed late or not filed within 10 days, at most 20"
    )

    def items(self, departments, year):
        day = assessment_day(year)
        decisions = (
            MajorDecision.objects.filter(department__in=departments, filing_due__year=year)
            .filter(_late_or_overdue(day))
            .order_by("department_id", "filing_due", "pk")
            .only("pk", "department_id", "case_number", "title", "filing_due", "filed_on")
        )
        # One reverse() for the list, not one per item (tens of thousands over a province).
        detail = reverse("cases:decision-detail", args=[0]).removesuffix("0/")
        found: dict[int, list[Item]] = {}
        for decision in decisions.iterator(2000):
            values = {
                "number": decision.case_number,
                "title": decision.title,
                "due": long_date(decision.filing_due),
            }
            if decision.filed_on:
                values["filed"] = long_date(decision.filed_on)
                text = _("%(number)s %(title)s: due by %(due)s, filed on %(filed)s") % values
            else:
                text = _("%(number)s %(title)s: due by %(due)s, not filed") % values
            found.setdefault(decision.department_id, []).append(
                Item(text, f"{detail}{decision.pk}/")
            )
        return found


@register_deduction
class CatalogueDeduction(DeductionRule):
    """The catalogue of the year before, due by the end of January of the year: 2 points if filed
    late, 5 if still missing after its deadline."""

    name = "catalogue_filing"
    uses_per_item = False
    label = gettext_lazy("Filing of the case-file catalogue")
    order = 20
    max_points = 5
    basis = gettext_lazy(
        "The previous year's catalogue, due by the end of January: 2 points if filed late, 5 if"
        " not filed"
    )

    def items(self, departments, year):
        day = assessment_day(year)
        deadline = catalogue_due(year - 1)
        if day <= deadline.due:
            return {}
        filed = CaseCatalogue.objects.filter(
            department=OuterRef("pk"), year=year - 1, filed_on__isnull=False
        )
        values = {"year": year - 1, "due": long_date(deadline.due)}
        found: dict[int, list[Item]] = {}
        late = departments.annotate(
            filed_on=CaseCatalogue.objects.filter(department=OuterRef("pk"), year=year - 1)
            .order_by()
            .values("filed_on")[:1]
        ).filter(Q(filed_on__gt=deadline.due) | ~Exists(filed))
        for department_id, filed_on in late.values_list("pk", "filed_on"):
            if filed_on:
                text = _("catalogue for %(year)d due by %(due)s, filed on %(filed)s") % {
                    **values,
                    "filed": long_date(filed_on),
                }
                cost = 2
            else:
                text = _("catalogue for %(year)d due by %(due)s, not filed") % values
                cost = 5
            found[department_id] = [
                Item(text, _catalogues_url(department_id, year - 1), points=cost)
            ]
        return found


@register_table
class CaseFileTable(StatisticsTable):
    """The case files of the year by kind, as the departments' catalogues list them."""

    name = "case_files"
    title = gettext_lazy("Case files of the year by kind (from the catalogues)")
    order = 10

    def compute(self, departments, year):
        kinds = CatalogueItem.Kind
        rows = (
            CatalogueItem.objects.filter(
                catalogue__department__in=departments, catalogue__year=year
            )
            .order_by()
            .values_list("catalogue__department_id")
            .annotate(
                **{kind.value: Count("pk", filter=Q(kind=kind.value)) for kind in kinds},
                total=Count("pk"),
            )
        )
        headers = [kind.label for kind in kinds] + [gettext_lazy("total")]
        return headers, {pk: list(numbers) for pk, *numbers in rows}


@register_table
class MajorDecisionTable(StatisticsTable):
    """Major decisions of the year: legal reviews passed, decisions made, filed within 10 days."""

    name = "major_decisions"
    title = gettext_lazy("Major enforcement decisions")
    order = 20

    def compute(self, departments, year):
        rows = (
            MajorDecision.objects.filter(department__in=departments)
            .filter(Q(reviewed_on__year=year) | Q(decision_date__year=year))
            .order_by()
            .values_list("department_id")
            .annotate(
                reviewed=Count("pk", filter=Q(reviewed_on__year=year)),
                made=Count("pk", filter=Q(decision_date__year=year)),
                on_time=Count(
                    "pk", filter=Q(decision_date__year=year, filed_on__lte=F("filing_due"))
                ),
            )
        )
        headers = [
            gettext_lazy("legal reviews"),
            gettext_lazy("decisions made"),
            gettext_lazy("filed on time"),
        ]
        return headers, {pk: list(numbers) for pk, *numbers in rows}

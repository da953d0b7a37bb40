"""What case-file evaluation (案卷评查) contributes to the dashboard and the annual assessment: the
average final score of each department's files in its latest published campaign; a deduction from
the average of the campaigns published in the year. One grouped query each, for all departments
(supervision.dashboard)."""

from decimal import Decimal

from django.db.models import Avg, Count, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.dashboard import (
    Cell,
    Column,
    Deduction,
    DeductionRule,
    Figure,
    Item,
    points,
    register_deduction,
    register_figure,
)
from supervision.statistics import StatisticsTable, register_table

from .models import Campaign, SampleFile

PUBLISHED = (Campaign.Status.PUBLISHED, Campaign.Status.REPORTED)

#: An average at or above this costs nothing; each point below it costs ``COST_PER_POINT``.
GOOD_AVERAGE = Decimal("90")
COST_PER_POINT = Decimal("0.5")


def _scored(departments):
    """The files scored in published campaigns (dropped files never count)."""
    return SampleFile.objects.filter(
        department__in=departments,
        campaign__status__in=PUBLISHED,
        dropped=False,
        final_score__isnull=False,
    )


@register_figure
class EvaluationFigures(Figure):
    name = "evaluations"
    label = gettext_lazy("Case-file evaluation")
    order = 45
    columns = [Column("evaluation_average", gettext_lazy("latest average score"), kind="score")]

    def compute(self, departments, day):
        latest = (
            SampleFile.objects.filter(
                department=OuterRef("department"),
                campaign__status__in=PUBLISHED,
                dropped=False,
                final_score__isnull=False,
            )
            .order_by("-campaign__published_on", "-campaign_id")
            .values("campaign_id")[:1]
        )
        rows = (
            _scored(departments)
            .filter(campaign_id=Subquery(latest))
            .order_by()
            .values_list("department_id", "campaign_id", "campaign__title")
            .annotate(average=Avg("final_score"), files=Count("pk"))
        )
        return {
            (department_id, "evaluation_average"): Cell(
                points(average),
                reverse("evaluations:campaign-detail", args=[campaign_id]),
                title=_("%(campaign)s: %(files)d files") % {"campaign": title, "files": files},
            )
            for department_id, campaign_id, title, average, files in rows
        }


@register_deduction
class EvaluationDeduction(DeductionRule):
    """The average final score of the department's files in the campaigns published in the year
    (annex 1: the evaluation's results count in the assessment)."""

    name = "evaluation_average"
    label = gettext_lazy("Case-file evaluation")
    order = 80
    max_points = 10
    per_item = Decimal("0.5")
    basis = gettext_lazy(
        "0.5 points for each point the average score of the files evaluated in the year falls"
        " below 90, at most 10"
    )

    def evaluate(self, departments, year):
        files = (
            _scored(departments)
            .filter(campaign__published_on__year=year)
            .select_related("item", "campaign")
            .order_by("department_id", "final_score", "item__case_number", "pk")
            .only(
                "pk", "department_id", "final_score", "grade", "item__case_number", "campaign__id"
            )
        )
        detail = reverse("evaluations:sample-score", args=[0]).removesuffix("0/")
        scores: dict[int, list[Decimal]] = {}
        items: dict[int, list[Item]] = {}
        for sample in files.iterator(2000):
            scores.setdefault(sample.department_id, []).append(sample.final_score)
            items.setdefault(sample.department_id, []).append(
                Item(
                    _("%(number)s: %(score)s points")
                    % {"number": sample.item.case_number, "score": sample.final_score},
                    f"{detail}{sample.pk}/",
                )
            )
        found = {}
        for department_id, values in scores.items():
            average = points(sum(values) / len(values))
            cost = min(
                points(max(GOOD_AVERAGE - average, Decimal(0)) * self.per_item),
                Decimal(self.max_points),
            )
            if not cost:
                continue
            found[department_id] = Deduction(
                rule=self,
                department_id=department_id,
                items=items[department_id],
                points=cost,
                note=_("average %(average)s of %(files)d files")
                % {"average": average, "files": len(values)},
            )
        return found


@register_table
class EvaluationTable(StatisticsTable):
    """Case files evaluated in campaigns published in the year, and their average score."""

    name = "evaluations"
    title = gettext_lazy("Case-file evaluation")
    order = 50

    def compute(self, departments, year):
        rows = (
            _scored(departments)
            .filter(campaign__published_on__year=year)
            .order_by()
            .values_list("department_id")
            .annotate(files=Count("pk"), average=Avg("final_score"))
        )
        headers = [gettext_lazy("files evaluated"), gettext_lazy("average score")]
        return headers, {pk: [files, float(points(average))] for pk, files, average in rows}

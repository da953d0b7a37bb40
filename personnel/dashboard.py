"""What personnel contributes to the dashboard and the annual assessment: certificates valid,
withheld and expired; a deduction for each verified bad-conduct record of the year (DESIGN: a
record "counts in the department's annual assessment"). Set-based (supervision.dashboard)."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from supervision.calendar import long_date
from supervision.dashboard import (
    Cell,
    Column,
    DeductionRule,
    Figure,
    Item,
    OfficerColumns,
    register_deduction,
    register_figure,
    register_officer_columns,
)
from supervision.statistics import StatisticsTable, register_table

from . import selectors
from .models import Certificate, ConductRecord

STATUSES = (Certificate.Status.VALID, Certificate.Status.WITHHELD, Certificate.Status.EXPIRED)


def _certificates_url(department_id: int, status: str) -> str:
    query = urlencode({"department": department_id, "status": status})
    return f"{reverse('personnel:certificate-list')}?{query}"


@register_figure
class CertificateFigures(Figure):
    name = "certificates"
    label = gettext_lazy("Certificates")
    order = 40
    columns = [
        Column("certificates_valid", pgettext_lazy("dashboard", "valid")),
        Column(
            "certificates_withheld",
            pgettext_lazy("dashboard", "withheld"),
            bad_when_positive=True,
        ),
        Column("certificates_expired", pgettext_lazy("dashboard", "expired")),
    ]

    def compute(self, departments, day):
        counts = (
            Certificate.objects.filter(officer__department__in=departments, status__in=STATUSES)
            .order_by()
            .values_list("officer__department_id")
            .annotate(**{status: Count("pk", filter=Q(status=status)) for status in STATUSES})
        )
        cells = {}
        for department_id, *numbers in counts:
            for status, number in zip(STATUSES, numbers, strict=True):
                cells[(department_id, f"certificates_{status}")] = Cell(
                    number, _certificates_url(department_id, status)
                )
        return cells


@register_deduction
class ConductDeduction(DeductionRule):
    name = "conduct_records"
    label = gettext_lazy("Verified bad-conduct records")
    order = 50
    max_points = 10
    per_item = 2
    basis = gettext_lazy("2 points for each verified bad-conduct record of the year, at most 10")

    def items(self, departments, year):
        records = (
            ConductRecord.objects.verified()
            .filter(officer__department__in=departments, occurred_on__year=year)
            .select_related("officer", "category")
            .order_by("officer__department_id", "occurred_on", "pk")
        )
        detail = reverse("personnel:conduct-detail", args=[0]).removesuffix("0/")
        found: dict[int, list[Item]] = {}
        for record in records.iterator(2000):
            found.setdefault(record.officer.department_id, []).append(
                Item(
                    _("%(officer)s, %(category)s, %(day)s")
                    % {
                        "officer": record.officer.name,
                        "category": record.category.label,
                        "day": long_date(record.occurred_on),
                    },
                    f"{detail}{record.pk}/",
                )
            )
        return found


@register_officer_columns
class ConductOfficerColumns(OfficerColumns):
    """Verified bad-conduct records of the year, and the mark that follows from them: an officer
    with one may not be rated "advanced" (先进) that year (``selectors``, the one door)."""

    name = "conduct"
    order = 50
    columns = [
        Column("conduct_records", gettext_lazy("verified bad-conduct records")),
        Column("advanced", gettext_lazy('may be rated "advanced"'), kind="text"),
    ]

    def compute(self, officer_ids, year):
        counts = dict(
            ConductRecord.objects.verified()
            .filter(officer_id__in=officer_ids, occurred_on__year=year)
            .order_by()
            .values_list("officer_id")
            .annotate(n=Count("pk"))
        )
        barred = selectors.officers_not_eligible_for_advanced(officer_ids, year)
        detail = reverse("personnel:officer-detail", args=[0]).removesuffix("0/")
        cells = {}
        for pk in officer_ids:
            n = counts.get(pk, 0)
            cells[(pk, "conduct_records")] = Cell(n, f"{detail}{pk}/" if n else "")
            cells[(pk, "advanced")] = Cell(_("no") if pk in barred else _("yes"))
        return cells


ALL_STATUSES = list(Certificate.Status)


@register_table
class CertificateTable(StatisticsTable):
    """Certificates by status as they stand (a certificate's status has no history by year)."""

    name = "certificates"
    title = gettext_lazy("Enforcement and supervision certificates by status")
    order = 30

    def compute(self, departments, year):
        rows = (
            Certificate.objects.filter(officer__department__in=departments)
            .order_by()
            .values_list("officer__department_id")
            .annotate(**{s.value: Count("pk", filter=Q(status=s.value)) for s in ALL_STATUSES})
        )
        return [s.label for s in ALL_STATUSES], {pk: list(numbers) for pk, *numbers in rows}

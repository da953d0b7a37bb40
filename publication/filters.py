"""Filters shared by the pages and the API, so both answer the same question the same way."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from supervision.calendar import today
from supervision.web.filters import DepartmentScopedFilterSet, YearFilter, departments_in_scope

from .models import CatalogueFiling, DiscretionBenchmark, NormativeDocument, TaskDelivery, WorkTask


class DocumentFilter(DepartmentScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search text"),
        method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": _("document number or title")}),
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=NormativeDocument.Status.choices
    )
    filing_status = django_filters.ChoiceFilter(
        label=_("filing status"),
        choices=NormativeDocument.FilingStatus.choices,
        method="filter_filing_status",
    )
    issued_on = django_filters.DateFromToRangeFilter(
        label=_("issued on"), widget=DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = NormativeDocument
        fields = ["q", "department", "status", "filing_status", "issued_on"]

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))

    def filter_filing_status(self, queryset, name, value):
        return queryset.with_filing_status(value)


class BenchmarkFilter(DepartmentScopedFilterSet):
    matter = django_filters.CharFilter(
        label=_("enforcement matter"), lookup_expr="icontains", max_length=100
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=DiscretionBenchmark.Status.choices
    )

    class Meta:
        model = DiscretionBenchmark
        fields = ["matter", "department", "status"]


class CatalogueFilingFilter(DepartmentScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=CatalogueFiling.Status.choices)

    class Meta:
        model = CatalogueFiling
        fields = ["department", "status"]


class TaskFilter(django_filters.FilterSet):
    year = YearFilter(label=_("year"))
    lead_department = django_filters.ModelChoiceFilter(
        label=_("lead department"), queryset=departments_in_scope
    )
    overdue = django_filters.BooleanFilter(
        label=_("with an overdue delivery"), method="filter_overdue"
    )

    class Meta:
        model = WorkTask
        fields = ["year", "lead_department", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = TaskDelivery.objects.open().filter(task=OuterRef("pk"), due__lt=today())
        return queryset.filter(Exists(late)) if value else queryset.exclude(Exists(late))

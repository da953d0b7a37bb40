"""Filters shared by the pages and the API, so both answer the same question the same way."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from supervision.web.filters import (
    DateRangeInput,
    DepartmentScopedFilterSet,
    YearFilter,
    YesNoFilter,
)

from .models import CaseCatalogue, MajorDecision, MajorDecisionCategory


def _date_range():
    return DateRangeInput()


class DecisionFilter(DepartmentScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search text"),
        method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": _("case number, title or party")}),
    )
    review_status = django_filters.ChoiceFilter(
        label=_("legal review"), choices=MajorDecision.ReviewStatus.choices
    )
    filing_status = django_filters.ChoiceFilter(
        label=_("filing status"),
        choices=MajorDecision.FilingStatus.choices,
        method="filter_filing_status",
    )
    decision_date = django_filters.DateFromToRangeFilter(
        label=_("decision date"), widget=_date_range()
    )
    filing_due = django_filters.DateFromToRangeFilter(label=_("filing due"), widget=_date_range())

    class Meta:
        model = MajorDecision
        fields = [
            "q",
            "department",
            "review_status",
            "filing_status",
            "decision_date",
            "filing_due",
        ]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(case_number__icontains=value) | Q(title__icontains=value) | Q(party__icontains=value)
        )

    def filter_filing_status(self, queryset, name, value):
        return queryset.with_filing_status(value)


class CategoryFilter(DepartmentScopedFilterSet):
    is_active = YesNoFilter(label=_("in use"))

    class Meta:
        model = MajorDecisionCategory
        fields = ["department", "is_active"]


class CatalogueFilter(DepartmentScopedFilterSet):
    year = YearFilter(label=_("year"))
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=CaseCatalogue.Status.choices, method="filter_status"
    )

    class Meta:
        model = CaseCatalogue
        fields = ["department", "year", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

"""Filters shared by the pages and the API, so both answer the same question the same way."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from supervision.models import Department
from supervision.web.filters import YearFilter

from .models import CaseCatalogue, MajorDecision, MajorDecisionCategory


def departments(request):
    if request is None:
        return Department.objects.none()
    return Department.objects.for_user(request.user).filter(is_legal_office=False)


class DecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search text"), method="filter_text")
    department = django_filters.ModelChoiceFilter(label=_("department"), queryset=departments)
    review_status = django_filters.ChoiceFilter(
        label=_("legal review"), choices=MajorDecision.ReviewStatus.choices
    )
    filing_status = django_filters.ChoiceFilter(
        label=_("filing status"),
        choices=MajorDecision.FilingStatus.choices,
        method="filter_filing_status",
    )
    decision_date = django_filters.DateFromToRangeFilter(label=_("decision date"))
    filing_due = django_filters.DateFromToRangeFilter(label=_("filing due"))

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


class CategoryFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(label=_("department"), queryset=departments)
    is_active = django_filters.BooleanFilter(label=_("in use"))

    class Meta:
        model = MajorDecisionCategory
        fields = ["department", "is_active"]


class CatalogueFilter(django_filters.FilterSet):
    department = django_filters.ModelChoiceFilter(label=_("department"), queryset=departments)
    year = YearFilter(label=_("year"))
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=CaseCatalogue.Status.choices, method="filter_status"
    )

    class Meta:
        model = CaseCatalogue
        fields = ["department", "year", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)

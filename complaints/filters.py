"""Filters shared by the list page, its export and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from supervision.calendar import today
from supervision.web.filters import DepartmentScopedFilterSet

from .models import Complaint


class ComplaintFilter(DepartmentScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Search text"),
        method="filter_text",
        widget=forms.TextInput(attrs={"placeholder": _("facts, place, officer or work order")}),
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=Complaint.Status.choices)
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Complaint.Channel.choices)
    overdue = django_filters.BooleanFilter(
        label=_("overdue"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", "---------"), ("true", _("yes")), ("false", _("no"))]),
    )
    forwarded = django_filters.BooleanFilter(
        label=_("assigned to the department"),
        field_name="forwarded_at",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", "---------"), ("true", _("yes")), ("false", _("no"))]),
    )
    outcome = django_filters.ChoiceFilter(label=_("outcome"), choices=Complaint.Outcome.choices)
    received_on = django_filters.DateFromToRangeFilter(
        label=_("received on"), widget=DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = Complaint
        fields = [
            "q",
            "department",
            "status",
            "channel",
            "overdue",
            "forwarded",
            "outcome",
            "received_on",
        ]

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(facts__icontains=value)
            | Q(place__icontains=value)
            | Q(officer_name__icontains=value)
            | Q(work_order__icontains=value)
        )

    def filter_overdue(self, queryset, name, value):
        overdue = Complaint.objects.overdue(today()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

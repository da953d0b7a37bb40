"""Filters shared by the pages and the API, so both answer the same question the same way."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from supervision.web.filters import DepartmentScopedFilterSet, IdFilter

from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord


class ActionFilter(DepartmentScopedFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("kind of action"), choices=AccountabilityAction.Kind.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=AccountabilityAction.Status.choices
    )
    officer = IdFilter(label=_("officer"), field_name="officer")
    decided_on = django_filters.DateFromToRangeFilter(
        label=_("decided on"), widget=DateRangeWidget(attrs={"type": "date"})
    )
    cited = django_filters.CharFilter(
        label=_("cites the record"), method="filter_cited", widget=forms.HiddenInput
    )

    class Meta:
        model = AccountabilityAction
        fields = ["department", "kind", "status", "officer", "decided_on", "cited"]

    def filter_cited(self, queryset, name, value):
        """The actions citing one record ("app.model:pk"): the way back from a ground."""
        kind, _sep, pk = value.partition(":")
        app_label, _dot, model = kind.partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None or not pk.isdigit() or len(pk) > 18:
            return queryset.none()
        return queryset.filter(
            grounds__content_type=content_type, grounds__object_id=int(pk)
        ).distinct()


class InterferenceFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=InterferenceRecord.Status.choices
    )
    manner = django_filters.ChoiceFilter(label=_("how"), choices=InterferenceRecord.Manner.choices)

    class Meta:
        model = InterferenceRecord
        fields = ["status", "manner"]


class TransferFilter(DepartmentScopedFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=CriminalTransfer.Status.choices)

    class Meta:
        model = CriminalTransfer
        fields = ["department", "status"]


class DisputeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=Dispute.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("kind of dispute"), choices=Dispute.Kind.choices)

    class Meta:
        model = Dispute
        fields = ["status", "kind"]

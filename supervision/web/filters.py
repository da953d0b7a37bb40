"""Filters shared by the registries' FilterSets: whole numbers within the range a column can
hold (an absurd query-string value is a 400 with a field error, never a database error), and
the department filter offering only the departments the user may see."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import DateRangeWidget

from supervision.models import Department

BIGINT_MAX = 2**63 - 1


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


def departments_in_scope(request):
    if request is None:
        return Department.objects.none()
    # Only what the choices show: a province has hundreds of them on every list page.
    return Department.objects.for_user(request.user).select_related(None).only("pk", "name")


class DepartmentScopedFilterSet(django_filters.FilterSet):
    """A filter set whose department choices are the departments the user may see."""

    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope
    )


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter that offers "all" by default (django-filter's says "unknown")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.Select(choices=[("", _("All")), ("true", _("yes")), ("false", _("no"))]),
        )
        super().__init__(*args, **kwargs)


class DateRangeInput(DateRangeWidget):
    """Two date inputs for a range; each says which end it is (a range has no one label)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})
        self.widgets[0].attrs["aria-label"] = _("from")
        self.widgets[1].attrs["aria-label"] = _("to")

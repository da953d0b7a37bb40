"""The kernel's own filters."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Notice


class NoticeFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("unread")
    )
    issued_from = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_to = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte")

    class Meta:
        model = Notice
        fields = ["kind", "rule", "department", "year"]

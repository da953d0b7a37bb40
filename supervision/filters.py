"""The kernel's own filters."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Notice


class NoticeFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(method="filter_unread", label=_("unread"))
    issued_from = django_filters.DateFilter(field_name="issued_on", lookup_expr="gte")
    issued_to = django_filters.DateFilter(field_name="issued_on", lookup_expr="lte")

    class Meta:
        model = Notice
        fields = ["kind", "rule", "department", "year"]

    def filter_unread(self, queryset, name, value):
        # A bulletin to every department is read per department (``reading_at``, annotated for a
        # clerk by ``Notice.objects.for_user``).
        read = Q(read_at__isnull=False)
        if "reading_at" in queryset.query.annotations:
            read |= Q(reading_at__isnull=False)
        return queryset.exclude(read) if value else queryset.filter(read)

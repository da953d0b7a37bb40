import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from supervision.models import Department

from .models import EnforcementEntity, Entrustment


def departments_in_scope(request):
    if request is None:
        return Department.objects.none()
    return Department.objects.for_user(request.user)


class DepartmentScopedFilterSet(django_filters.FilterSet):
    """A filter set whose department choices are the departments the user may see."""

    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope
    )


class EnforcementEntityFilter(DepartmentScopedFilterSet):
    q = django_filters.CharFilter(label=_("name contains"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("status"), choices=EnforcementEntity.Status.choices
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=EnforcementEntity.Kind.choices)

    class Meta:
        model = EnforcementEntity
        fields = ["q", "department", "status", "kind"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip()[:100])


class EntrustmentFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, field_name="principal__department"
    )
    q = django_filters.CharFilter(label=_("organisation or entity contains"), method="search")
    status = django_filters.ChoiceFilter(label=_("status"), choices=Entrustment.Status.choices)
    ends_before = django_filters.DateFilter(
        label=_("term ends on or before"), field_name="ends_on", lookup_expr="lte"
    )

    class Meta:
        model = Entrustment
        fields = ["q", "department", "status", "ends_before"]

    def search(self, queryset, name, value):
        value = value.strip()[:100]
        return queryset.filter(
            Q(entrusted_organisation__icontains=value) | Q(principal__name__icontains=value)
        )

import django_filters
from django.utils.translation import gettext_lazy as _

from supervision.web.filters import (
    DepartmentScopedFilterSet,
    IdFilter,
    YearFilter,
    YesNoFilter,
    departments_in_scope,
)

from .models import Assessment, Course, TrainingPlan, TrainingRecord


class TrainingPlanFilter(DepartmentScopedFilterSet):
    year = YearFilter(label=_("year"))
    filed = YesNoFilter(label=_("filed"), field_name="filed_on", lookup_expr="isnull", exclude=True)

    class Meta:
        model = TrainingPlan
        fields = ["department", "year", "filed"]


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("title contains"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Course.Kind.choices)
    year = YearFilter(label=_("hours count in year"), field_name="ends_on", lookup_expr="year")
    department = django_filters.ModelChoiceFilter(
        label=_("organising department"), queryset=departments_in_scope
    )

    class Meta:
        model = Course
        fields = ["q", "kind", "year", "department"]

    def search(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip()[:100])


class TrainingRecordFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, field_name="officer__department"
    )
    year = YearFilter(label=_("counts in year"))
    officer = IdFilter(label=_("officer (id)"), field_name="officer_id")
    course = IdFilter(label=_("course (id)"), field_name="course_id")

    class Meta:
        model = TrainingRecord
        fields = ["department", "year", "officer", "course"]


class AssessmentFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, field_name="officer__department"
    )
    year = YearFilter(label=_("year"))
    passed = YesNoFilter(label=_("passed"))
    officer = IdFilter(label=_("officer (id)"), field_name="officer_id")

    class Meta:
        model = Assessment
        fields = ["department", "year", "passed", "officer"]

"""The kernel's own filters."""

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldError
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Jurisdiction, Notice, User
from .scoping import ScopedQuerySet
from .web.filters import YesNoFilter, departments_in_scope
from .web.forms import DateInput
from .web.trail import actor_label


class NoticeFilter(django_filters.FilterSet):
    unread = YesNoFilter(method="filter_unread", label=_("unread"))
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


# The audit trail ---------------------------------------------------------------------------------


def _ours(model) -> bool:
    """A model of the portal's own apps (not Django's or a library's)."""
    path = str(apps.get_app_config(model._meta.app_label).path)
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


def record_types():
    """(``app.model``, its name) for every kind of record the portal keeps, by name."""
    types = [
        (f"{model._meta.app_label}.{model._meta.model_name}", str(model._meta.verbose_name))
        for model in apps.get_models()
        if _ours(model) and model is not AuditEntry
    ]
    return sorted(types, key=lambda item: item[1])


def records_of(department) -> Q:
    """The entries about the records of ``department``: of every model scoped by department,
    those whose department is this one (one subquery per model, only when the filter is used)."""
    condition = Q(pk__in=[])
    for model in apps.get_models():
        queryset = model._default_manager.all()
        if not isinstance(queryset, ScopedQuerySet):
            continue
        try:
            keys = (
                model._default_manager.filter(**{queryset.department_lookup: department.pk})
                .annotate(audit_key=Cast("pk", CharField()))
                .values("audit_key")
            )
        except FieldError:  # scoped by jurisdiction, not department (a clean-up campaign)
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        condition |= Q(content_type=content_type, object_id__in=keys)
    return condition


def actors_in_scope(request):
    """The people whose work the user reads: of the user's jurisdiction and those below."""
    if request is None or not request.user.is_authenticated:
        return User.objects.none()
    people = User.objects.order_by("last_name", "first_name", "username")
    if request.user.is_top_office:
        return people
    below = Jurisdiction.objects.below(request.user.jurisdiction)
    return people.filter(jurisdiction__in=below.values("pk"))


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return actor_label(obj)


class ActorFilter(django_filters.ModelChoiceFilter):
    field_class = ActorChoiceField


class AuditFilter(django_filters.FilterSet):
    """The audit trail by period, actor, department, kind of record and action."""

    at_from = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("from"), widget=DateInput()
    )
    at_to = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("to"), widget=DateInput()
    )
    actor = ActorFilter(label=_("by"), queryset=actors_in_scope)
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, method="filter_department"
    )
    record_type = django_filters.ChoiceFilter(
        label=_("record type"), choices=record_types, method="filter_record_type"
    )
    action = django_filters.ChoiceFilter(label=_("action"), choices=AuditEntry.Action.choices)
    kind = django_filters.ChoiceFilter(
        label=_("kind of entry"),
        choices=[("security", _("security events"))],
        method="filter_kind",
    )

    class Meta:
        model = AuditEntry
        fields = []

    def filter_department(self, queryset, name, value):
        return queryset.filter(records_of(value)) if value else queryset

    def filter_kind(self, queryset, name, value):
        return queryset.security_events() if value == "security" else queryset

    def filter_record_type(self, queryset, name, value):
        app_label, _dot, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)

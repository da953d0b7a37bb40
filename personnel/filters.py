import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from entities.models import EnforcementEntity
from supervision.security import citizen_ids, events
from supervision.validators import normalize_citizen_id
from supervision.web.filters import (
    DepartmentScopedFilterSet,
    IdFilter,
    YearFilter,
    YesNoFilter,
    departments_in_scope,
)

from .models import (
    AnnualReview,
    AuxiliaryStaff,
    Certificate,
    ConductCategory,
    ConductRecord,
    Officer,
)


def entities_in_scope(request):
    if request is None:
        return EnforcementEntity.objects.none()
    # Only what the choices show (the entity's name): hundreds of them on every list page.
    return EnforcementEntity.objects.for_user(request.user).select_related(None).only("pk", "name")


def _name_or_citizen_id(queryset, prefix, value):
    """Part of a name, or a whole citizen ID number (never a part of one)."""
    value = value.strip()[:50]
    citizen_id = normalize_citizen_id(value)
    if len(citizen_id) == 18:
        return queryset.filter(**{f"{prefix}citizen_id": citizen_id})
    return queryset.filter(**{f"{prefix}name__icontains": value})


class CitizenIdSearchMixin:
    """A search by a whole citizen ID number: only for roles that see whole numbers (a supervisor
    sees them masked, so could otherwise confirm a number by guessing), at most
    ``CITIZEN_ID_SEARCH_LIMIT`` an hour per user, each audited with the number masked; sent by
    POST and never in an address: the page's address holds its keyed hash
    (``supervision.security.citizen_ids``)."""

    search_by_post = True

    def get_form_class(self):
        base = super().get_form_class()
        request = self.request

        class Form(base):
            def clean_q(self):
                value = (self.cleaned_data.get("q") or "").strip()[:50]
                if citizen_ids.is_token(value):
                    number = citizen_ids.recall(request, value)
                    if number is None:
                        raise ValidationError(
                            _("This search by citizen ID number has expired: search again."),
                            code="citizen_id_search_expired",
                        )
                    return number
                number = normalize_citizen_id(value)
                if len(number) != 18:
                    return value
                if request.method == "GET":
                    raise ValidationError(
                        _(
                            "A whole citizen ID number is never sent in an address: search with "
                            "the form (it is sent by POST), or POST it to the API's search."
                        ),
                        code="citizen_id_in_address",
                    )
                events.citizen_id_searched(request, number)
                return number

        return Form

    def query_for_address(self):
        """The filters as the address of the list they lead to, the number as its hash."""
        query = self.data.copy()
        for key in ("csrfmiddlewaretoken", "page"):
            query.pop(key, None)
        number = normalize_citizen_id((self.form.cleaned_data.get("q") or "").strip())
        if len(number) == 18:
            query["q"] = citizen_ids.remember(self.request, number)
        return query


class OfficerFilter(CitizenIdSearchMixin, DepartmentScopedFilterSet):
    q = django_filters.CharFilter(label=_("name or citizen ID number"), method="search")
    entity = django_filters.ModelChoiceFilter(
        label=_("enforcement entity"), queryset=entities_in_scope
    )
    on_establishment = YesNoFilter(label=_("on the establishment and in post"))

    class Meta:
        model = Officer
        fields = ["q", "department", "entity", "on_establishment"]

    def search(self, queryset, name, value):
        return _name_or_citizen_id(queryset, "", value)


class AuxiliaryStaffFilter(CitizenIdSearchMixin, DepartmentScopedFilterSet):
    q = django_filters.CharFilter(label=_("name or citizen ID number"), method="search")
    contract_in_force_on = django_filters.DateFilter(
        label=_("contract in force on"), method="in_force_on"
    )

    class Meta:
        model = AuxiliaryStaff
        fields = ["q", "department", "contract_in_force_on"]

    def search(self, queryset, name, value):
        return _name_or_citizen_id(queryset, "", value)

    def in_force_on(self, queryset, name, value):
        return queryset.filter(contract_starts_on__lte=value, contract_ends_on__gte=value)


class CertificateFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, field_name="officer__department"
    )
    q = django_filters.CharFilter(label=_("number or officer's name"), method="search")
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Certificate.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=Certificate.Status.choices)
    officer = IdFilter(label=_("officer"), field_name="officer_id", widget=forms.HiddenInput)
    expires_before = django_filters.DateFilter(
        label=_("expires on or before"), field_name="expires_on", lookup_expr="lte"
    )

    class Meta:
        model = Certificate
        fields = ["q", "department", "kind", "status", "officer", "expires_before"]

    def search(self, queryset, name, value):
        value = value.strip()[:50]
        return queryset.filter(Q(number=value.upper()) | Q(officer__name__icontains=value))


class AnnualReviewFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"),
        queryset=departments_in_scope,
        field_name="certificate__officer__department",
    )
    year = YearFilter(label=_("year"))
    result = django_filters.ChoiceFilter(label=_("result"), choices=AnnualReview.Result.choices)
    certificate = IdFilter(
        label=_("certificate"), field_name="certificate_id", widget=forms.HiddenInput
    )

    class Meta:
        model = AnnualReview
        fields = ["department", "year", "result", "certificate"]


class ConductRecordFilter(DepartmentScopedFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("department"), queryset=departments_in_scope, field_name="officer__department"
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=ConductRecord.Status.choices)
    category = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("conduct", "category"), queryset=ConductCategory.objects.all()
    )
    source = django_filters.ChoiceFilter(
        label=pgettext_lazy("conduct", "source"), choices=ConductRecord.Source.choices
    )
    year = YearFilter(label=_("year"), field_name="occurred_on", lookup_expr="year")
    officer = IdFilter(label=_("officer"), field_name="officer_id", widget=forms.HiddenInput)

    class Meta:
        model = ConductRecord
        fields = ["department", "status", "category", "source", "year", "officer"]

"""Officers (执法人员) and auxiliary staff (执法辅助人员): the lists, registering and editing."""

from decimal import Decimal
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from personnel import selectors, services
from personnel.filters import AuxiliaryStaffFilter, OfficerFilter
from personnel.forms import AuxiliaryStaffForm, OfficerForm
from personnel.models import AnnualReview, AuxiliaryStaff, Officer
from supervision import dashboard
from supervision.web.pages import form_page, history, list_page, require_writer_page


def _yes_no(value):
    return _("yes") if value else _("no")


def may_enforce_cell(officer):
    if officer.may_enforce:
        return _("yes")
    return f"{_('no')}: {'；'.join(officer.enforce_reasons)}"


def officer_columns(user):
    return [
        (pgettext_lazy("person", "name"), lambda o: o.name),
        # Masked for everyone: the whole number only on the officer's page, on demand.
        (_("citizen ID number"), lambda o: o.masked_citizen_id),
        (_("department"), lambda o: o.department.name),
        (_("enforcement entity"), lambda o: o.entity.name),
        (_("post"), lambda o: o.post),
        (_("on the establishment and in post"), lambda o: _yes_no(o.on_establishment)),
        (_("may enforce today"), may_enforce_cell),
    ]


# Officers ---------------------------------------------------------------------------------------


@login_required
def officer_list(request):
    return list_page(
        request,
        queryset=Officer.objects.for_user(request.user),
        filterset_class=OfficerFilter,
        template="personnel/officer_list.html",
        export_columns=officer_columns(request.user),
        export_title=_("Enforcement officers"),
        export_filename="officers",
        prepare=selectors.annotate_enforcement,
    )


@login_required
def officer_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        OfficerForm(request.POST or None, request.FILES or None, user=request.user),
        services.officer_create,
        success=_("The officer is registered."),
        context={"title": _("Register an officer")},
    )


def officer_in_scope(request, pk):
    """The officer of the URL, among those the user may see (404 otherwise)."""
    return get_object_or_404(Officer.objects.for_user(request.user), pk=pk)


@login_required
def officer_detail(request, pk):
    return _officer_page(request, officer_in_scope(request, pk))


@login_required
@require_POST
def officer_citizen_id(request, pk):
    """The whole citizen ID number, on demand, for the officer's department and the legal office:
    the page again with it shown (never a URL that could be bookmarked or logged); audited."""
    officer = officer_in_scope(request, pk)
    try:
        citizen_id = services.citizen_id_show(person=officer, actor=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return redirect(officer)
    return _officer_page(request, officer, citizen_id=citizen_id)


def _officer_page(request, officer, *, citizen_id=None):
    selectors.annotate_enforcement([officer])
    year = timezone.localdate().year
    certificates = list(officer.certificates.order_by("-issued_on", "-id"))
    return render(
        request,
        "personnel/officer_detail.html",
        {
            "officer": officer,
            "citizen_id": citizen_id,
            "certificates": certificates,
            "reviews": AnnualReview.objects.filter(certificate__officer=officer)
            .select_related("certificate")
            .order_by("-year"),
            "conduct_records": officer.conduct_records.select_related("category"),
            "year": year,
            "eligible_for_advanced": selectors.eligible_for_advanced(officer, year),
            "history": history(request, officer),
        },
    )


@login_required
def officer_edit(request, pk):
    officer = officer_in_scope(request, pk)
    require_writer_page(request.user)
    return form_page(
        request,
        OfficerForm(
            request.POST or None, request.FILES or None, instance=officer, user=request.user
        ),
        services.officer_update,
        success=_("The changes are saved."),
        context={"title": officer.name, "back_url": officer.get_absolute_url()},
        officer=officer,
    )


# Auxiliary staff --------------------------------------------------------------------------------


@login_required
def auxiliary_list(request):
    user = request.user
    return list_page(
        request,
        queryset=AuxiliaryStaff.objects.for_user(user),
        filterset_class=AuxiliaryStaffFilter,
        template="personnel/auxiliary_list.html",
        export_columns=[
            (pgettext_lazy("person", "name"), lambda s: s.name),
            (_("citizen ID number"), lambda s: s.masked_citizen_id),
            (_("department"), lambda s: s.department.name),
            (_("duties allowed"), lambda s: s.duties),
            (_("contract starts on"), lambda s: s.contract_starts_on),
            (_("contract ends on"), lambda s: s.contract_ends_on),
        ],
        export_title=_("Auxiliary staff"),
        export_filename="auxiliary-staff",
    )


@login_required
def auxiliary_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        AuxiliaryStaffForm(request.POST or None, user=request.user),
        services.auxiliary_create,
        success=_("The auxiliary staff member is registered."),
        done=reverse("personnel:auxiliary-list"),
        context={"title": _("Register auxiliary staff")},
    )


@login_required
def auxiliary_edit(request, pk):
    staff = get_object_or_404(AuxiliaryStaff.objects.for_user(request.user), pk=pk)
    require_writer_page(request.user)
    return form_page(
        request,
        AuxiliaryStaffForm(request.POST or None, instance=staff, user=request.user),
        services.auxiliary_update,
        success=_("The changes are saved."),
        done=reverse("personnel:auxiliary-list"),
        context={"title": staff.name, "back_url": reverse("personnel:auxiliary-list")},
        staff=staff,
    )


def _report_year(request) -> int:
    raw = request.GET.get("year", "")
    this_year = timezone.localdate().year
    if raw.isdigit() and 2000 <= int(raw) <= this_year:
        return int(raw)
    return this_year


@login_required
def officer_year(request):
    """Clause 10 and annex 2: per officer and year, what the registries record of them — hours
    and assessment (training), verified bad-conduct records and whether the officer may be rated
    "advanced" (personnel) — through the kernel's officer columns, for the personnel office
    (``?export=xlsx``). Each page (or export chunk) costs each contribution's few queries."""
    if not (request.user.is_clerk or request.user.supervises_departments):
        raise Http404
    year = _report_year(request)
    columns = dashboard.officer_year([], year)[0]

    def with_year(officers):
        officers = list(officers)
        _columns, cells = dashboard.officer_year([o.pk for o in officers], year)
        for officer in officers:
            officer.year_cells = cells[officer.pk]
        return officers

    def cell_value(index):
        def getter(officer):
            value = officer.year_cells[index].value
            if isinstance(value, Decimal):
                return float(value)  # a number the personnel office can add up
            if value is None or isinstance(value, int):
                return "" if value is None else value
            return str(value)

        return getter

    export_columns = [
        (pgettext_lazy("person", "name"), attrgetter("name")),
        (_("department"), attrgetter("department.name")),
        (_("enforcement entity"), attrgetter("entity.name")),
        (_("post"), attrgetter("post")),
        *[(column.label, cell_value(index)) for index, column in enumerate(columns)],
    ]
    return list_page(
        request,
        queryset=Officer.objects.for_user(request.user).select_related("department", "entity"),
        filterset_class=OfficerFilter,
        template="personnel/officer_year.html",
        export_columns=export_columns,
        export_title=_("Officers' year %(year)d") % {"year": year},
        export_filename=f"officers-{year}",
        prepare=with_year,
        context={
            "year": year,
            "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
            "columns": columns,
        },
    )

"""Pages of special inspections: the list (with its .xlsx, and the findings' .xlsx), planning
and changing one, the inspection (departments, team, findings and their state, the reports) and
its actions. Every record comes through ``for_user``; every change through ``services``."""

import django_filters
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from supervision.models import Department, Finding
from supervision.web.filters import YearFilter
from supervision.web.forms import DateInput
from supervision.web.pages import form_page, history, list_page, post_to_record, record_action

from . import selectors, services
from .forms import EmptyForm, FindingForm, InspectionForm
from .models import Inspection


def _departments_in_scope(request):
    if request is None:
        return Department.objects.none()
    return Department.objects.for_user(request.user).filter(is_legal_office=False)


class InspectionFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="start_on", lookup_expr="year")
    field = django_filters.ChoiceFilter(
        label=gettext_lazy("field"), choices=Inspection.Field.choices
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"), choices=Inspection.Status.choices
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("department"),
        field_name="departments",
        queryset=_departments_in_scope,
    )
    start_from = django_filters.DateFilter(
        label=gettext_lazy("starting from"),
        field_name="start_on",
        lookup_expr="gte",
        widget=DateInput(),
    )
    start_until = django_filters.DateFilter(
        label=gettext_lazy("starting until"),
        field_name="start_on",
        lookup_expr="lte",
        widget=DateInput(),
    )
    q = django_filters.CharFilter(
        label=gettext_lazy("Search text"), field_name="title", lookup_expr="icontains"
    )

    class Meta:
        model = Inspection
        fields = ["year", "field", "status", "department", "start_from", "start_until", "q"]


class InspectionFindingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("status"), choices=Finding.Status.choices
    )
    department = django_filters.ModelChoiceFilter(
        label=gettext_lazy("department"), queryset=_departments_in_scope
    )

    class Meta:
        model = Finding
        fields = ["status", "department"]


def _names(records):
    return "、".join(
        str(r.name if hasattr(r, "name") else r.get_full_name() or r.username) for r in records
    )


INSPECTION_COLUMNS = [
    (gettext_lazy("title"), lambda i: i.title),
    (gettext_lazy("field"), lambda i: i.get_field_display()),
    (gettext_lazy("departments inspected"), lambda i: _names(i.departments.all())),
    (gettext_lazy("methods"), lambda i: "、".join(i.method_labels)),
    (gettext_lazy("start date"), lambda i: i.start_on),
    (gettext_lazy("end date"), lambda i: i.end_on),
    (gettext_lazy("inspection team"), lambda i: _names(i.team.all())),
    (gettext_lazy("what was examined"), lambda i: i.scope),
    (gettext_lazy("status"), lambda i: i.get_status_display()),
    (gettext_lazy("findings"), lambda i: i.finding_count),
    (gettext_lazy("open findings"), lambda i: i.open_finding_count),
]

FINDING_COLUMNS = [
    (gettext_lazy("special inspection"), lambda f: f.source_label),
    (gettext_lazy("department"), lambda f: f.department.name),
    (gettext_lazy("problem found"), lambda f: f.problem),
    (gettext_lazy("clause or standard"), lambda f: f.standard),
    (gettext_lazy("rectification due"), lambda f: f.due_on),
    (gettext_lazy("status"), lambda f: f.get_status_display()),
    (gettext_lazy("closed on"), lambda f: f.closed_on),
]

ACTIONS = {
    "start": (EmptyForm, services.inspection_start, gettext_lazy("The inspection has started.")),
    "conclude": (
        EmptyForm,
        services.inspection_conclude,
        gettext_lazy("The inspection has been concluded."),
    ),
    "report": (
        EmptyForm,
        services.inspection_report,
        gettext_lazy("The report has been issued to the departments inspected."),
    ),
}


def _inspection_for(request, pk):
    return get_object_or_404(Inspection.objects.for_user(request.user), pk=pk)


@login_required
def inspection_list(request):
    return list_page(
        request,
        queryset=selectors.inspections_for(request.user),
        filterset_class=InspectionFilter,
        template="inspections/inspection_list.html",
        export_columns=INSPECTION_COLUMNS,
        export_title=gettext_lazy("Special inspections"),
        export_filename=_("special-inspections"),
    )


@login_required
def finding_list(request):
    return list_page(
        request,
        queryset=selectors.inspection_findings_for(request.user).order_by("-pk"),
        filterset_class=InspectionFindingFilter,
        template="inspections/finding_list.html",
        export_columns=FINDING_COLUMNS,
        export_title=gettext_lazy("Findings of special inspections"),
        export_filename=_("special-inspection-findings"),
    )


@login_required
def inspection_create(request):
    if not request.user.supervises_departments:
        raise Http404
    return form_page(
        request,
        InspectionForm(request.POST or None, user=request.user),
        services.inspection_create,
        success=gettext_lazy("The inspection has been planned."),
        context={"title": _("Plan a special inspection"), "back_url": reverse("inspections:list")},
    )


@login_required
def inspection_edit(request, pk):
    inspection = _inspection_for(request, pk)
    if not services.acts_on(request.user, inspection):
        raise Http404
    if not inspection.is_editable:
        return _page(
            request,
            inspection,
            status=409,
            problem=_("A concluded inspection can no longer be changed."),
        )
    form = InspectionForm(request.POST or None, user=request.user, inspection=inspection)
    return form_page(
        request,
        form,
        services.inspection_update,
        success=gettext_lazy("The inspection has been saved."),
        context={
            "title": _("Change %(inspection)s") % {"inspection": inspection.title},
            "back_url": inspection.get_absolute_url(),
        },
        inspection=inspection,
    )


def _page(request, inspection, *, status=200, problem=None, **forms):
    user = request.user
    inspection = selectors.inspections_for(user).select_related("created_by").get(pk=inspection.pk)
    acts = services.acts_on(user, inspection)
    context = {
        "inspection": inspection,
        "acts": acts,
        "findings": selectors.findings_of(user, inspection),
        "reports": services.report_notices(inspection, user),
        "problem": problem,
        "history": history(request, inspection),
        "finding_form": forms.get("finding_form")
        or (FindingForm(inspection=inspection) if acts and inspection.takes_findings else None),
    }
    return render(request, "inspections/inspection_detail.html", context, status=status)


@login_required
def inspection_detail(request, pk):
    return _page(request, _inspection_for(request, pk))


@login_required
@require_POST
def inspection_action(request, pk, action):
    inspection = _inspection_for(request, pk)
    if action == "finding":
        return post_to_record(
            request,
            inspection,
            services.inspection_finding,
            page=_page,
            success=_("The finding has been recorded and its rectification ordered."),
            form=FindingForm(request.POST, inspection=inspection),
            form_name="finding_form",
            inspection=inspection,
        )
    if action not in ACTIONS:
        raise Http404
    return record_action(
        request, inspection, action, actions=ACTIONS, page=_page, argument="inspection"
    )

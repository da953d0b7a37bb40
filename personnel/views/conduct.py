"""Bad-conduct records (不良执法行为档案): the list with the year's verified records by department,
reporting, verifying or dismissing, the evidence."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from personnel import selectors, services
from personnel.filters import ConductRecordFilter
from personnel.forms import ConductRecordForm
from personnel.models import ConductRecord
from supervision.models import Department
from supervision.web.documents import serve_document
from supervision.web.pages import (
    form_page,
    history,
    list_page,
    require_writer_page,
    transition_view,
)

from .officers import officer_in_scope

CONDUCT_ACTIONS = {
    "verify": (services.conduct_verify, _("The record is verified.")),
    "dismiss": (services.conduct_dismiss, _("The record is dismissed.")),
}


@login_required
def conduct_list(request):
    year = timezone.localdate().year
    departments = {d.pk: d for d in Department.objects.for_user(request.user)}
    figures = [
        (departments[pk], count)
        for pk, count in selectors.verified_conduct_by_department(year, list(departments)).items()
        if pk in departments
    ]
    return list_page(
        request,
        queryset=ConductRecord.objects.for_user(request.user),
        filterset_class=ConductRecordFilter,
        template="personnel/conduct_list.html",
        export_columns=[
            (_("occurred on"), lambda r: r.occurred_on),
            (_("officer"), lambda r: r.officer.name),
            (_("department"), lambda r: r.officer.department.name),
            (pgettext_lazy("conduct", "category"), lambda r: r.category.label),
            (pgettext_lazy("conduct", "source"), lambda r: r.get_source_display()),
            (_("description"), lambda r: r.description),
            (_("status"), lambda r: r.get_status_display()),
            (_("decided on"), lambda r: r.decided_on),
            (_("reasons for the decision"), lambda r: r.decision_reason),
        ],
        export_title=_("Bad-conduct records"),
        export_filename="conduct-records",
        prepare=selectors.annotate_officers_of,
        context={"year": year, "figures": sorted(figures, key=lambda f: f[0].code)},
    )


@login_required
def conduct_create(request, officer_pk):
    officer = officer_in_scope(request, officer_pk)
    require_writer_page(request.user)
    return form_page(
        request,
        ConductRecordForm(request.POST or None, request.FILES or None),
        services.conduct_report,
        success=_("The record is reported to the legal office."),
        context={
            "title": _("Report bad conduct of %(name)s") % {"name": officer.name},
            "back_url": officer.get_absolute_url(),
        },
        officer=officer,
    )


def _conduct(request, pk):
    return get_object_or_404(ConductRecord.objects.for_user(request.user), pk=pk)


@login_required
def conduct_detail(request, pk):
    record = _conduct(request, pk)
    selectors.annotate_enforcement([record.officer])
    return render(
        request,
        "personnel/conduct_detail.html",
        {"record": record, "history": history(request, record)},
    )


@login_required
@require_POST
def conduct_action(request, pk, action):
    if action not in CONDUCT_ACTIONS:
        raise Http404
    service, success = CONDUCT_ACTIONS[action]
    return transition_view(
        request,
        _conduct(request, pk),
        service,
        argument="record",
        success=success,
        with_reason=True,
    )


@login_required
def conduct_evidence(request, pk):
    record = _conduct(request, pk)
    return serve_document(record.evidence, f"evidence-{record.pk}")

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from supervision.web.documents import serve_document
from supervision.web.pages import (
    form_page,
    history,
    list_page,
    require_writer_page,
    transition_view,
)

from . import services
from .filters import EnforcementEntityFilter, EntrustmentFilter
from .forms import EnforcementEntityForm, EntrustmentForm
from .models import EnforcementEntity, Entrustment

ENTITY_COLUMNS = [
    (_("department"), lambda e: e.department.name),
    (_("name"), lambda e: e.name),
    (_("kind"), lambda e: e.get_kind_display()),
    (_("legal basis"), lambda e: e.legal_basis),
    (_("enforcement areas"), lambda e: e.enforcement_areas),
    (_("status"), lambda e: e.get_status_display()),
    (_("published on"), lambda e: e.published_on),
]

ENTRUSTMENT_COLUMNS = [
    (_("department"), lambda t: t.principal.department.name),
    (_("principal entity"), lambda t: t.principal.name),
    (_("entrusted organisation"), lambda t: t.entrusted_organisation),
    (_("matters and powers entrusted"), lambda t: t.matters),
    (_("legal basis"), lambda t: t.legal_basis),
    (_("term starts on"), lambda t: t.starts_on),
    (_("term ends on"), lambda t: t.ends_on),
    (_("status"), lambda t: t.get_status_display()),
]

# action: (service, needs a reason, message on success)
ENTITY_ACTIONS = {
    "submit": (services.entity_submit, False, _("The entity is submitted to the legal office.")),
    "approve": (services.entity_approve, False, _("The entity is approved.")),
    "reject": (services.entity_reject, True, _("The entity is rejected.")),
    "publish": (services.entity_publish, False, _("The entity is published.")),
    "revoke": (services.entity_revoke, True, _("The entity is revoked.")),
}
ENTRUSTMENT_ACTIONS = {
    "file": (services.entrustment_file, False, _("The agreement is filed with the legal office.")),
    "publish": (services.entrustment_publish, False, _("The agreement is published.")),
    "terminate": (services.entrustment_terminate, True, _("The agreement is terminated.")),
}


@login_required
def entity_list(request):
    return list_page(
        request,
        queryset=EnforcementEntity.objects.for_user(request.user),
        filterset_class=EnforcementEntityFilter,
        template="entities/entity_list.html",
        export_columns=ENTITY_COLUMNS,
        export_title=_("Enforcement entities"),
        export_filename="entities",
    )


@login_required
def entity_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        EnforcementEntityForm(request.POST or None, request.FILES or None, user=request.user),
        services.entity_create,
        success=_("The entity is registered as a draft."),
        context={"title": _("Register an enforcement entity")},
    )


def _entity(request, pk):
    return get_object_or_404(EnforcementEntity.objects.for_user(request.user), pk=pk)


@login_required
def entity_detail(request, pk):
    entity = _entity(request, pk)
    return render(
        request,
        "entities/entity_detail.html",
        {
            "entity": entity,
            "entrustments": entity.entrustments.order_by("-starts_on"),
            "acting_under": entity.acting_under.select_related("principal").order_by("-starts_on"),
            "history": history(request, entity),
        },
    )


@login_required
def entity_edit(request, pk):
    entity = _entity(request, pk)
    require_writer_page(request.user)
    return form_page(
        request,
        EnforcementEntityForm(
            request.POST or None, request.FILES or None, instance=entity, user=request.user
        ),
        services.entity_update,
        success=_("The changes are saved."),
        context={"title": entity.name, "back_url": entity.get_absolute_url()},
        entity=entity,
    )


@login_required
@require_POST
def entity_action(request, pk, action):
    if action not in ENTITY_ACTIONS:
        raise Http404
    service, with_reason, success = ENTITY_ACTIONS[action]
    return transition_view(
        request,
        _entity(request, pk),
        service,
        argument="entity",
        success=success,
        with_reason=with_reason,
    )


@login_required
def entity_document(request, pk):
    entity = _entity(request, pk)
    return serve_document(entity.establishment_document, f"{entity.name}-三定方案")


@login_required
def entrustment_list(request):
    return list_page(
        request,
        queryset=Entrustment.objects.for_user(request.user),
        filterset_class=EntrustmentFilter,
        template="entities/entrustment_list.html",
        export_columns=ENTRUSTMENT_COLUMNS,
        export_title=_("Entrustment agreements"),
        export_filename="entrustments",
    )


def _entrustment(request, pk):
    return get_object_or_404(Entrustment.objects.for_user(request.user), pk=pk)


@login_required
def entrustment_create(request):
    require_writer_page(request.user)
    form = EntrustmentForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"principal": request.GET.get("principal")},
    )
    return form_page(
        request,
        form,
        services.entrustment_create,
        success=_("The agreement is registered as a draft."),
        context={"title": _("Register an entrustment agreement")},
    )


@login_required
def entrustment_detail(request, pk):
    entrustment = _entrustment(request, pk)
    return render(
        request,
        "entities/entrustment_detail.html",
        {"entrustment": entrustment, "history": history(request, entrustment)},
    )


@login_required
def entrustment_edit(request, pk):
    entrustment = _entrustment(request, pk)
    require_writer_page(request.user)
    return form_page(
        request,
        EntrustmentForm(
            request.POST or None, request.FILES or None, instance=entrustment, user=request.user
        ),
        services.entrustment_update,
        success=_("The changes are saved."),
        context={"title": str(entrustment), "back_url": entrustment.get_absolute_url()},
        entrustment=entrustment,
    )


@login_required
@require_POST
def entrustment_action(request, pk, action):
    if action not in ENTRUSTMENT_ACTIONS:
        raise Http404
    service, with_reason, success = ENTRUSTMENT_ACTIONS[action]
    return transition_view(
        request,
        _entrustment(request, pk),
        service,
        argument="entrustment",
        success=success,
        with_reason=with_reason,
    )


@login_required
def entrustment_file(request, pk):
    entrustment = _entrustment(request, pk)
    return serve_document(entrustment.agreement_file, f"{entrustment.principal.name}-委托执法协议")

"""Pages of accountability actions and interference records. Every record is fetched through its
model's ``for_user`` (anything else is a 404); every change goes through ``accountability.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from supervision.calendar import Deadline
from supervision.errors import TransitionNotAllowed
from supervision.web.documents import serve_document
from supervision.web.pages import add_service_errors, form_page, history, list_page

from . import disputes, documents, grounds, services, transfers
from .deadlines import answer_period_days
from .filters import ActionFilter, DisputeFilter, InterferenceFilter, TransferFilter
from .forms import (
    ActionForm,
    AnswerForm,
    DisputeAnswerForm,
    DisputeDecisionForm,
    DisputeForm,
    DisputeMeetingForm,
    DisputeOpinionForm,
    DisputeProposalForm,
    InterferenceForm,
    RespondForm,
    TransferDecideForm,
    TransferFollowUpForm,
    TransferForm,
    TransferHandoverForm,
    TransferPoliceForm,
)
from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord

ACTION_COLUMNS = [
    (gettext_lazy("decided on"), lambda a: a.decided_on),
    (gettext_lazy("department"), lambda a: a.department.name),
    (gettext_lazy("officer"), lambda a: a.officer.name if a.officer_id else ""),
    (gettext_lazy("kind of action"), lambda a: a.get_kind_display()),
    (gettext_lazy("facts and reasons"), lambda a: a.facts),
    (gettext_lazy("status"), lambda a: a.get_status_display()),
    (gettext_lazy("answer due by"), lambda a: a.answer_due),
    (gettext_lazy("answered on"), lambda a: a.answered_on),
    (gettext_lazy("criticism notice"), lambda a: a.notice.number if a.notice_id else ""),
]

INTERFERENCE_COLUMNS = [
    (gettext_lazy("when"), lambda r: r.occurred_at),
    (gettext_lazy("post"), lambda r: r.official_post),
    (gettext_lazy("unit"), lambda r: r.official_unit),
    (gettext_lazy("how"), lambda r: r.get_manner_display()),
    (gettext_lazy("status"), lambda r: r.get_status_display()),
    (gettext_lazy("report number"), lambda r: r.report_number),
]


# Accountability actions -----------------------------------------------------------------------


def _actions(request):
    return AccountabilityAction.objects.for_user(request.user)


def _require_page_reader(user):
    """Departments and legal offices read accountability; others have no such pages."""
    if not (user.is_clerk or user.supervises_departments):
        raise Http404


@login_required
def action_list(request):
    _require_page_reader(request.user)
    return list_page(
        request,
        queryset=_actions(request),
        filterset_class=ActionFilter,
        template="accountability/action_list.html",
        export_columns=ACTION_COLUMNS,
        export_title=gettext_lazy("Accountability actions"),
        export_filename="accountability-actions",
    )


@login_required
def action_create(request):
    user = request.user
    if not user.supervises_departments:
        raise Http404
    # A link from a record ("decide accountability") names the department, officer and ground.
    initial = {k: request.GET.get(k) for k in ("department", "officer") if request.GET.get(k)}
    if request.GET.getlist("grounds"):
        initial["grounds"] = request.GET.getlist("grounds")
    return form_page(
        request,
        ActionForm(request.POST or None, user=user, initial=initial),
        services.action_decide,
        success=_("The accountability action has been decided."),
        context={
            "title": _("Decide an accountability action"),
            "back_url": reverse("accountability:action-list"),
        },
    )


def _action_page(request, action, *, status=200, problem=None, answer_form=None):
    action = _actions(request).select_related("answered_by").get(pk=action.pk)
    cited = list(action.grounds.select_related("content_type"))
    visible = grounds.visible_records(request.user, cited)
    context = {
        "action": action,
        "grounds": [(ground, visible.get(ground.pk)) for ground in cited],
        "deadline": Deadline.from_json(action.answer_due_explanation),
        "period": answer_period_days(),
        "may_answer": services.answer_refusal(action) is None and _may_answer(request.user, action),
        "answer_form": answer_form or AnswerForm(),
        "problem": problem,
        "history": history(request, action),
    }
    return render(request, "accountability/action_detail.html", context, status=status)


def _may_answer(user, action) -> bool:
    if action.kind == AccountabilityAction.Kind.TRANSFER_RECOMMENDATION and user.is_clerk:
        return user.department_id == action.department_id
    return user.handles(action.department)


@login_required
def action_detail(request, pk):
    return _action_page(request, get_object_or_404(_actions(request), pk=pk))


@login_required
@require_POST
def action_answer(request, pk):
    action = get_object_or_404(_actions(request), pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _action_page(request, action, status=400, answer_form=form)
    try:
        services.action_answer(action=action, actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return _action_page(request, action, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _action_page(request, action, status=400, answer_form=form)
    messages.success(request, _("The answer has been recorded."))
    return redirect(action)


# Interference records -------------------------------------------------------------------------


def _interference(request):
    return InterferenceRecord.objects.for_user(request.user).select_related("jurisdiction")


def _require_interference_pages(user):
    if not (
        services.may_record_interference(user) or user.has_perm("accountability.see_interference")
    ):
        raise Http404


@login_required
def interference_list(request):
    _require_interference_pages(request.user)
    return list_page(
        request,
        queryset=_interference(request),
        filterset_class=InterferenceFilter,
        template="accountability/interference_list.html",
        export_columns=INTERFERENCE_COLUMNS,
        export_title=gettext_lazy("Interference records"),
        export_filename="interference-records",
    )


@login_required
def interference_create(request):
    if not services.may_record_interference(request.user):
        raise Http404
    return form_page(
        request,
        InterferenceForm(request.POST or None, request.FILES or None),
        services.interference_record,
        success=_("The interference has been recorded."),
        context={
            "title": _("Record an interference in supervision work"),
            "back_url": reverse("accountability:interference-list"),
        },
    )


def _interference_record(request, pk):
    return get_object_or_404(_interference(request), pk=pk)


def _interference_page(request, record, *, status=200, problem=None, respond_form=None):
    context = {
        "record": record,
        "handles": services.handles_interference(request.user, record),
        "respond_form": respond_form or RespondForm(),
        "problem": problem,
        "history": history(request, record),
    }
    return render(request, "accountability/interference_detail.html", context, status=status)


@login_required
def interference_detail(request, pk):
    record = _interference_record(request, pk)
    services.interference_viewed(record=record, actor=request.user)
    return _interference_page(request, record)


@login_required
@require_POST
def interference_report(request, pk):
    record = _interference_record(request, pk)
    try:
        services.interference_report(record=record, actor=request.user)
    except TransitionNotAllowed as refusal:
        return _interference_page(request, record, status=409, problem=refusal.message)
    messages.success(request, _("The report has been numbered."))
    return redirect(record)


@login_required
@require_POST
def interference_respond(request, pk):
    record = _interference_record(request, pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        return _interference_page(request, record, status=400, respond_form=form)
    try:
        services.interference_respond(record=record, actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return _interference_page(request, record, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _interference_page(request, record, status=400, respond_form=form)
    messages.success(request, _("The response has been recorded."))
    return redirect(record)


@login_required
def interference_pdf(request, pk):
    record = _interference_record(request, pk)
    if not record.report_number:
        raise Http404
    services.interference_viewed(record=record, actor=request.user)
    response = HttpResponse(documents.interference_pdf(record), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="interference-{record.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def interference_evidence(request, pk):
    record = _interference_record(request, pk)
    services.interference_viewed(record=record, actor=request.user)
    return serve_document(record.evidence, f"evidence-{record.pk}")


# Transfers to criminal justice ------------------------------------------------------------------

TRANSFER_COLUMNS = [
    (gettext_lazy("department"), lambda t: t.department.name),
    (gettext_lazy("case number"), lambda t: t.case_number),
    (gettext_lazy("case"), lambda t: t.case_title),
    (gettext_lazy("suspected offence"), lambda t: t.suspected_offence),
    (gettext_lazy("reported at"), lambda t: t.reported_at),
    (gettext_lazy("decided at"), lambda t: t.decided_at),
    (gettext_lazy("transferred at"), lambda t: t.transferred_at),
    (gettext_lazy("status"), lambda t: t.get_status_display()),
]

# action: (form, service, message on success)
TRANSFER_ACTIONS = {
    "decide": (
        TransferDecideForm,
        transfers.transfer_decide,
        gettext_lazy("The head's decision has been recorded."),
    ),
    "handover": (
        TransferHandoverForm,
        transfers.transfer_handover,
        gettext_lazy("The transfer has been recorded."),
    ),
    "police": (
        TransferPoliceForm,
        transfers.transfer_police,
        gettext_lazy("The police's decision has been recorded."),
    ),
    "follow_up": (
        TransferFollowUpForm,
        transfers.transfer_follow_up,
        gettext_lazy("The request has been recorded."),
    ),
}
# The form each state offers.
TRANSFER_NEXT = {
    CriminalTransfer.Status.REPORTED: "decide",
    CriminalTransfer.Status.AWAITING_TRANSFER: "handover",
    CriminalTransfer.Status.TRANSFERRED: "police",
    CriminalTransfer.Status.REFUSED: "follow_up",
}


def _transfers(request):
    return CriminalTransfer.objects.for_user(request.user)


@login_required
def transfer_list(request):
    _require_page_reader(request.user)
    outcomes = (
        _transfers(request)
        .order_by()
        .values("department__name", "status")
        .annotate(count=Count("pk"))
        .order_by("department__name", "status")
    )
    labels = dict(CriminalTransfer.Status.choices)
    figures = {}
    for row in outcomes:
        figures.setdefault(row["department__name"], []).append(
            (labels[row["status"]], row["count"])
        )
    return list_page(
        request,
        queryset=_transfers(request),
        filterset_class=TransferFilter,
        template="accountability/transfer_list.html",
        export_columns=TRANSFER_COLUMNS,
        export_title=gettext_lazy("Transfers to criminal justice"),
        export_filename="criminal-transfers",
        context={"figures": sorted(figures.items())},
    )


@login_required
def transfer_create(request):
    user = request.user
    if not (user.is_clerk or user.supervises_departments):
        raise Http404
    return form_page(
        request,
        TransferForm(request.POST or None, request.FILES or None, user=user),
        transfers.transfer_report,
        success=_("The transfer report has been recorded."),
        context={
            "title": _("Record a suspected crime found in a case"),
            "back_url": reverse("accountability:transfer-list"),
        },
    )


def _transfer_page(request, transfer, *, status=200, problem=None, form=None):
    transfer = _transfers(request).prefetch_related("team").get(pk=transfer.pk)
    action = TRANSFER_NEXT.get(transfer.status)
    may_act = request.user.is_clerk and request.user.department_id == transfer.department_id
    may_act = may_act or request.user.handles(transfer.department)
    context = {
        "transfer": transfer,
        "action": action if may_act else None,
        "form": form or (TRANSFER_ACTIONS[action][0]() if action else None),
        "decision_deadline": Deadline.from_json(transfer.decision_due_explanation),
        "reconsideration_deadline": Deadline.from_json(transfer.reconsideration_due_explanation),
        "problem": problem,
        "history": history(request, transfer),
    }
    return render(request, "accountability/transfer_detail.html", context, status=status)


def _transfer(request, pk):
    return get_object_or_404(_transfers(request), pk=pk)


@login_required
def transfer_detail(request, pk):
    return _transfer_page(request, _transfer(request, pk))


@login_required
@require_POST
def transfer_action(request, pk, action):
    if action not in TRANSFER_ACTIONS:
        raise Http404
    transfer = _transfer(request, pk)
    form_class, service, success = TRANSFER_ACTIONS[action]
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        return _transfer_page(request, transfer, status=400, form=form)
    try:
        service(transfer=transfer, actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return _transfer_page(request, transfer, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _transfer_page(request, transfer, status=400, form=form)
    messages.success(request, success)
    return redirect(transfer)


@login_required
def transfer_document(request, pk, field):
    if field not in ("report", "police_reply", "follow_up_reply"):
        raise Http404
    transfer = _transfer(request, pk)
    return serve_document(getattr(transfer, field), f"{field}-{transfer.pk}")


# Enforcement disputes ---------------------------------------------------------------------------

DISPUTE_COLUMNS = [
    (gettext_lazy("submitted on"), lambda d: d.submitted_on),
    (gettext_lazy("submitting department"), lambda d: d.applicant.name),
    (gettext_lazy("other department"), lambda d: d.respondent.name),
    (gettext_lazy("kind of dispute"), lambda d: d.get_kind_display()),
    (gettext_lazy("the matter"), lambda d: d.matter),
    (gettext_lazy("answer due by"), lambda d: d.answer_due),
    (gettext_lazy("status"), lambda d: d.get_status_display()),
]

# action: (form, service, message, who acts: "respondent" or "office")
DISPUTE_ACTIONS = {
    "answer": (
        DisputeAnswerForm,
        disputes.dispute_answer,
        gettext_lazy("The answer has been recorded."),
        "respondent",
    ),
    "meeting": (
        DisputeMeetingForm,
        disputes.dispute_meeting,
        gettext_lazy("The meeting has been recorded."),
        "office",
    ),
    "opinion": (
        DisputeOpinionForm,
        disputes.dispute_opinion,
        gettext_lazy("The coordination opinion has been issued."),
        "office",
    ),
    "propose": (
        DisputeProposalForm,
        disputes.dispute_propose,
        gettext_lazy("The proposal to the government has been recorded."),
        "office",
    ),
    "decided": (
        DisputeDecisionForm,
        disputes.dispute_decided,
        gettext_lazy("The government's decision has been recorded."),
        "office",
    ),
}
DISPUTE_TITLES = {
    "answer": gettext_lazy("Answer: your department's position and basis"),
    "meeting": gettext_lazy("Record a coordination meeting"),
    "opinion": gettext_lazy("Issue the coordination opinion"),
    "propose": gettext_lazy("No agreement: propose a decision to the government"),
    "decided": gettext_lazy("Record the government's decision"),
}
DISPUTE_NEXT = {
    Dispute.Status.SUBMITTED: ["answer", "meeting"],
    Dispute.Status.ANSWERED: ["meeting", "opinion", "propose"],
    Dispute.Status.COORDINATING: ["meeting", "opinion", "propose"],
    Dispute.Status.REFERRED: ["decided"],
}


def _disputes(request):
    return Dispute.objects.for_user(request.user)


@login_required
def dispute_list(request):
    _require_page_reader(request.user)
    return list_page(
        request,
        queryset=_disputes(request),
        filterset_class=DisputeFilter,
        template="accountability/dispute_list.html",
        export_columns=DISPUTE_COLUMNS,
        export_title=gettext_lazy("Enforcement disputes"),
        export_filename="enforcement-disputes",
    )


@login_required
def dispute_create(request):
    user = request.user
    if not (user.is_clerk or user.supervises_departments):
        raise Http404
    return form_page(
        request,
        DisputeForm(request.POST or None, user=user),
        disputes.dispute_submit,
        success=_("The dispute has been submitted to the legal office."),
        context={
            "title": _("Submit an enforcement dispute"),
            "back_url": reverse("accountability:dispute-list"),
        },
    )


def _dispute_forms(request, dispute, failed=None):
    user = request.user
    forms = []
    for name in DISPUTE_NEXT.get(dispute.status, ()):
        form_class, _service, _message, who = DISPUTE_ACTIONS[name]
        if who == "respondent":
            allowed = user.is_clerk and user.department_id == dispute.respondent_id
        else:
            allowed = user.handles(dispute.applicant)
        if allowed:
            form = failed[1] if failed and failed[0] == name else form_class()
            forms.append((name, DISPUTE_TITLES[name], form))
    return forms


def _dispute_page(request, dispute, *, status=200, problem=None, failed=None):
    dispute = _disputes(request).prefetch_related("meetings").get(pk=dispute.pk)
    context = {
        "dispute": dispute,
        "forms": _dispute_forms(request, dispute, failed),
        "problem": problem,
        "history": history(request, dispute),
    }
    return render(request, "accountability/dispute_detail.html", context, status=status)


def _dispute(request, pk):
    return get_object_or_404(_disputes(request), pk=pk)


@login_required
def dispute_detail(request, pk):
    return _dispute_page(request, _dispute(request, pk))


@login_required
@require_POST
def dispute_action(request, pk, action):
    if action not in DISPUTE_ACTIONS:
        raise Http404
    dispute = _dispute(request, pk)
    form_class, service, success, _who = DISPUTE_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        return _dispute_page(request, dispute, status=400, failed=(action, form))
    try:
        service(dispute=dispute, actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return _dispute_page(request, dispute, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return _dispute_page(request, dispute, status=400, failed=(action, form))
    messages.success(request, success)
    return redirect(dispute)


@login_required
def dispute_opinion_pdf(request, pk):
    dispute = _dispute(request, pk)
    if not dispute.opinion:
        raise Http404
    response = HttpResponse(documents.dispute_opinion_pdf(dispute), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dispute-opinion-{dispute.pk}.pdf"'
    return response

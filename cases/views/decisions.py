"""Pages of major decisions and of the catalogue of what counts as one."""

from pathlib import PurePath

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import services
from cases.deadlines import FILING_PERIOD_DAYS
from cases.filters import CategoryFilter, DecisionFilter
from cases.forms import AttachmentForm, CategoryForm, DecideForm, DecisionForm, FileForm, ReviewForm
from cases.models import DecisionAttachment, MajorDecision, MajorDecisionCategory
from supervision import calendar
from supervision.calendar import Deadline
from supervision.web.documents import serve_document
from supervision.web.forms import ReasonForm
from supervision.web.pages import form_page, history, list_page, require_writer_page

from . import post_to_record, record_action

CATEGORY_COLUMNS = [
    (gettext_lazy("Department"), lambda c: c.department.name),
    (gettext_lazy("category title"), lambda c: c.title),
    (gettext_lazy("criteria"), lambda c: c.criteria),
    (gettext_lazy("in use"), lambda c: c.is_active),
]

DECISION_COLUMNS = [
    (gettext_lazy("Department"), lambda d: d.department.name),
    (gettext_lazy("Case number"), lambda d: d.case_number),
    (gettext_lazy("Decision title"), lambda d: d.title),
    (gettext_lazy("Party"), lambda d: d.party),
    (gettext_lazy("Category"), lambda d: d.category.title),
    (gettext_lazy("Legal review"), lambda d: d.get_review_status_display()),
    (gettext_lazy("Decision date"), lambda d: d.decision_date),
    (gettext_lazy("Filing due"), lambda d: d.filing_due),
    (gettext_lazy("Filed on"), lambda d: d.filed_on),
    (gettext_lazy("Filing receipt"), lambda d: d.get_receipt_display()),
    (gettext_lazy("Filing status"), lambda d: d.get_filing_status_display()),
]

# action: (form, service, message on success)
DECISION_ACTIONS = {
    "review": (
        ReviewForm,
        services.decision_review,
        gettext_lazy("The review has been recorded."),
    ),
    "decide": (
        DecideForm,
        services.decision_decide,
        gettext_lazy("The decision has been recorded as made."),
    ),
    "file": (FileForm, services.decision_file, gettext_lazy("The filing has been recorded.")),
    "receive": (
        django_forms.Form,
        services.decision_receive,
        gettext_lazy("The filing has been received."),
    ),
    "return": (
        ReasonForm,
        services.decision_return,
        gettext_lazy("The filing has been returned to the department."),
    ),
    "attach": (
        AttachmentForm,
        services.decision_attach,
        gettext_lazy("The document has been attached."),
    ),
}

# How many entries of a decision's history its page shows.
HISTORY_SHOWN = 50


# Catalogue of major decisions ----------------------------------------------------------------


@login_required
def category_list(request):
    return list_page(
        request,
        queryset=MajorDecisionCategory.objects.for_user(request.user).select_related("department"),
        filterset_class=CategoryFilter,
        template="cases/category_list.html",
        export_columns=CATEGORY_COLUMNS,
        export_title=gettext_lazy("Catalogue of major decisions"),
        export_filename=_("major-decision-categories"),
    )


@login_required
def category_form(request, pk=None):
    user = request.user
    if pk is None:
        require_writer_page(user)
        return form_page(
            request,
            CategoryForm(request.POST or None, user=user),
            services.category_create,
            success=_("The category has been added."),
            done=reverse("cases:category-list"),
            context={"title": _("Add a category"), "back_url": reverse("cases:category-list")},
        )
    category = get_object_or_404(MajorDecisionCategory.objects.for_user(user), pk=pk)
    title = _("Edit a category of %(department)s") % {"department": category.department.name}
    return form_page(
        request,
        CategoryForm(request.POST or None, instance=category, user=user),
        services.category_update,
        success=_("The category has been saved."),
        done=reverse("cases:category-list"),
        context={"title": title, "back_url": reverse("cases:category-list")},
        category=category,
    )


# Major decisions -----------------------------------------------------------------------------


def _decisions(request):
    return MajorDecision.objects.for_user(request.user)


def _decision_for(request, pk):
    return get_object_or_404(_decisions(request), pk=pk)


@login_required
def decision_list(request):
    return list_page(
        request,
        queryset=_decisions(request),
        filterset_class=DecisionFilter,
        template="cases/decision_list.html",
        export_columns=DECISION_COLUMNS,
        export_title=gettext_lazy("Major decisions"),
        export_filename=_("major-decisions"),
    )


@login_required
def decision_export(request):
    """The export's own address (kept for links and bookmarks): the list's ``?export=xlsx``."""
    request.GET = request.GET.copy()
    request.GET["export"] = "xlsx"
    return decision_list(request)


@login_required
def decision_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        DecisionForm(request.POST or None, request.FILES or None, user=request.user),
        services.decision_register,
        success=_("The decision has been registered for legal review."),
        template="cases/decision_form.html",
    )


@login_required
def decision_edit(request, pk):
    decision = _decision_for(request, pk)
    refusal = services.decision_edit_refusal(decision)
    if refusal:
        return _detail(request, decision, status=409, problem=refusal)
    return form_page(
        request,
        DecisionForm(
            request.POST or None, request.FILES or None, instance=decision, user=request.user
        ),
        services.decision_update,
        success=_("The decision has been saved."),
        template="cases/decision_form.html",
        context={"decision": decision},
        decision=decision,
    )


def _detail(request, decision, *, status=200, problem=None, **forms):
    decision = (
        _decisions(request)
        .select_related("reviewed_by")
        .prefetch_related("attachments")
        .get(pk=decision.pk)
    )
    context = {
        "decision": decision,
        # As stored with the due date: a filed decision keeps the count it was filed against.
        "deadline": Deadline.from_json(decision.filing_due_explanation),
        "period": FILING_PERIOD_DAYS,
        "problem": problem,
        "history": history(request, decision, limit=HISTORY_SHOWN),
        "review_form": forms.get("review_form") or ReviewForm(),
        "decide_form": forms.get("decide_form")
        or DecideForm(initial={"decision_date": decision.decision_date or calendar.today()}),
        "file_form": forms.get("file_form") or FileForm(),
        "attach_form": forms.get("attach_form") or AttachmentForm(),
    }
    return render(request, "cases/decision_detail.html", context, status=status)


@login_required
def decision_detail(request, pk):
    return _detail(request, _decision_for(request, pk))


@login_required
@require_POST
def decision_action(request, pk, action):
    return record_action(
        request,
        _decision_for(request, pk),
        action,
        actions=DECISION_ACTIONS,
        page=_detail,
        argument="decision",
    )


def _attachment_for(request, pk, attachment_pk):
    return get_object_or_404(
        DecisionAttachment.objects.for_user(request.user).select_related("decision"),
        pk=attachment_pk,
        decision_id=pk,
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = _attachment_for(request, pk, attachment_pk)
    return serve_document(attachment.file, PurePath(attachment.name).stem)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    attachment = _attachment_for(request, pk, attachment_pk)
    return post_to_record(
        request,
        attachment.decision,
        services.decision_detach,
        page=_detail,
        success=_("The document has been removed."),
        attachment=attachment,
    )

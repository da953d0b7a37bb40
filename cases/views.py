"""Pages of the cases app. Every record is fetched through ``for_user``: another department's
record answers 404. Every change goes through ``cases.services``."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from entities.models import Department
from supervision import calendar
from supervision.errors import TransitionNotAllowed
from supervision.models import AuditEntry
from supervision.spreadsheets import XLSX_CONTENT_TYPE
from supervision.web.documents import serve_document

from . import services, spreadsheets
from .filters import CatalogueFilter, CategoryFilter, DecisionFilter
from .forms import (
    AttachmentForm,
    CatalogueItemForm,
    CatalogueOpenForm,
    CatalogueUploadForm,
    CategoryForm,
    DecideForm,
    DecisionForm,
    FileForm,
    ReviewForm,
    add_service_errors,
)
from .models import (
    FILING_PERIOD_DAYS,
    CaseCatalogue,
    CatalogueItem,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
    last_year,
)

PAGE_SIZE = 25
ITEMS_PAGE_SIZE = 100

# How the history on a decision's page names the audit trail's actions.
ACTION_LABELS = {
    "register": gettext_lazy("Registered for legal review"),
    "change": gettext_lazy("Corrected"),
    "resubmit": gettext_lazy("Corrected and resubmitted for review"),
    "review_passed": gettext_lazy("Legal review passed"),
    "review_failed": gettext_lazy("Legal review failed"),
    "decide": gettext_lazy("Recorded as made"),
    "correct_decision_date": gettext_lazy("Decision date corrected"),
    "file": gettext_lazy("Filed"),
    "attach": gettext_lazy("Document attached"),
    "detach": gettext_lazy("Document removed"),
    "recompute_due": gettext_lazy("Deadline recomputed"),
}


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Catalogue of major decisions ----------------------------------------------------------------


@login_required
def category_list(request):
    categories = MajorDecisionCategory.objects.for_user(request.user).select_related("department")
    filterset = CategoryFilter(request.GET or None, queryset=categories, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cases/category_list.html", {"filter": filterset, "page": page})


@login_required
def category_form(request, pk=None):
    user = request.user
    category = None
    if pk is not None:
        category = get_object_or_404(MajorDecisionCategory.objects.for_user(user), pk=pk)
    elif not (user.is_clerk or user.sees_all_departments):
        raise PermissionDenied
    form = CategoryForm(request.POST or None, instance=category, user=user)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in ("title", "criteria", "is_active")}
        try:
            if category is None:
                category = services.category_create(
                    actor=user, department=form.cleaned_data.get("department"), **values
                )
                messages.success(request, _("The category has been added."))
            else:
                services.category_update(category=category, actor=user, **values)
                messages.success(request, _("The category has been saved."))
            return redirect("cases:category-list")
        except ValidationError as error:
            add_service_errors(form, error)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "cases/category_form.html", {"form": form, "category": category}, status=status
    )


# Major decisions -----------------------------------------------------------------------------


def _decisions(request):
    return MajorDecision.objects.for_user(request.user)


def _decision_for(request, pk):
    return get_object_or_404(_decisions(request), pk=pk)


@login_required
def decision_list(request):
    filterset = DecisionFilter(request.GET or None, queryset=_decisions(request), request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/decision_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


@login_required
def decision_export(request):
    filterset = DecisionFilter(request.GET or None, queryset=_decisions(request), request=request)
    content = spreadsheets.decisions_workbook(filterset.qs.iterator(chunk_size=500))
    today = calendar.today()
    return _xlsx_response(content, _("major-decisions-%(day)s.xlsx") % {"day": today.isoformat()})


@login_required
def decision_create(request):
    user = request.user
    if not (user.is_clerk or user.sees_all_departments):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, request.FILES or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_register(
                actor=user,
                department=data.get("department"),
                case_number=data["case_number"],
                title=data["title"],
                party=data["party"],
                category=data["category"],
                summary=data["summary"],
                files=data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error, aliases={"file": "files"})
        else:
            messages.success(request, _("The decision has been registered for legal review."))
            return redirect("cases:decision-detail", pk=decision.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "cases/decision_form.html", {"form": form}, status=status)


@login_required
def decision_edit(request, pk):
    decision = _decision_for(request, pk)
    if not decision.is_editable or decision.is_filed:
        problem = (
            _("This decision has been filed and can no longer be changed.")
            if decision.is_filed
            else _("This decision has passed its legal review and can no longer be changed.")
        )
        return _detail(request, decision, status=409, problem=problem)
    form = DecisionForm(
        request.POST or None, request.FILES or None, instance=decision, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_update(
                decision=decision,
                actor=request.user,
                files=data["files"],
                **{k: data[k] for k in ("case_number", "title", "party", "category", "summary")},
            )
        except ValidationError as error:
            add_service_errors(form, error, aliases={"file": "files"})
        except TransitionNotAllowed as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The decision has been saved."))
            return redirect("cases:decision-detail", pk=decision.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "cases/decision_form.html", {"form": form, "decision": decision}, status=status
    )


def _detail(request, decision, *, status=200, problem=None, **forms):
    decision = (
        _decisions(request)
        .select_related("reviewed_by")
        .prefetch_related("attachments")
        .get(pk=decision.pk)
    )
    deadline = None
    if decision.decision_date:
        deadline = calendar.deadline_after(decision.decision_date, FILING_PERIOD_DAYS)
    history = list(AuditEntry.objects.for_record(decision).select_related("actor")[:50])
    for entry in history:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    context = {
        "decision": decision,
        "deadline": deadline,
        "period": FILING_PERIOD_DAYS,
        "problem": problem,
        "history": history,
        "review_form": forms.get("review_form") or ReviewForm(),
        "decide_form": forms.get("decide_form")
        or DecideForm(initial={"decision_date": decision.decision_date or calendar.today()}),
        "file_form": forms.get("file_form") or FileForm(),
        "attachment_form": forms.get("attachment_form") or AttachmentForm(),
    }
    return render(request, "cases/decision_detail.html", context, status=status)


@login_required
def decision_detail(request, pk):
    return _detail(request, _decision_for(request, pk))


def _transition(request, decision, form_name, form, action):
    """Run a service for a posted form and answer with the detail page, or its errors."""
    if not form.is_valid():
        return _detail(request, decision, status=400, **{form_name: form})
    try:
        action(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, decision, status=400, **{form_name: form})
    except TransitionNotAllowed as error:
        return _detail(request, decision, status=409, problem=error.message)
    return None


@login_required
@require_POST
def decision_review(request, pk):
    decision = _decision_for(request, pk)
    if not request.user.sees_all_departments:
        raise PermissionDenied
    form = ReviewForm(request.POST)
    answer = _transition(
        request,
        decision,
        "review_form",
        form,
        lambda data: services.decision_review(
            decision=decision, result=data["result"], opinion=data["opinion"], actor=request.user
        ),
    )
    if answer is None:
        messages.success(request, _("The review has been recorded."))
        return redirect("cases:decision-detail", pk=decision.pk)
    return answer


@login_required
@require_POST
def decision_decide(request, pk):
    decision = _decision_for(request, pk)
    form = DecideForm(request.POST)
    answer = _transition(
        request,
        decision,
        "decide_form",
        form,
        lambda data: services.decision_decide(
            decision=decision, decision_date=data["decision_date"], actor=request.user
        ),
    )
    if answer is None:
        messages.success(request, _("The decision has been recorded as made."))
        return redirect("cases:decision-detail", pk=decision.pk)
    return answer


@login_required
@require_POST
def decision_file(request, pk):
    decision = _decision_for(request, pk)
    form = FileForm(request.POST)
    answer = _transition(
        request,
        decision,
        "file_form",
        form,
        lambda data: services.decision_file(
            decision=decision, filed_on=data["filed_on"], actor=request.user
        ),
    )
    if answer is None:
        messages.success(request, _("The filing has been recorded."))
        return redirect("cases:decision-detail", pk=decision.pk)
    return answer


@login_required
@require_POST
def attachment_add(request, pk):
    decision = _decision_for(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    answer = _transition(
        request,
        decision,
        "attachment_form",
        form,
        lambda data: services.decision_attach(
            decision=decision, upload=data["file"], actor=request.user
        ),
    )
    if answer is None:
        messages.success(request, _("The document has been attached."))
        return redirect("cases:decision-detail", pk=decision.pk)
    return answer


def _attachment_for(request, pk, attachment_pk):
    return get_object_or_404(
        DecisionAttachment.objects.for_user(request.user), pk=attachment_pk, decision_id=pk
    )


@login_required
def attachment_download(request, pk, attachment_pk):
    attachment = _attachment_for(request, pk, attachment_pk)
    return serve_document(attachment.file, attachment.name)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_pk):
    attachment = _attachment_for(request, pk, attachment_pk)
    try:
        services.decision_detach(attachment=attachment, actor=request.user)
    except TransitionNotAllowed as error:
        return _detail(request, attachment.decision, status=409, problem=error.message)
    messages.success(request, _("The document has been removed."))
    return redirect("cases:decision-detail", pk=pk)


# Case-file catalogues -----------------------------------------------------------------------


def _catalogue_for(request, pk):
    return get_object_or_404(CaseCatalogue.objects.for_user(request.user), pk=pk)


def _last_year_overview(year):
    """For the legal office: every department and where its catalogue for ``year`` stands."""
    catalogues = {
        c.department_id: c for c in CaseCatalogue.objects.filter(year=year).select_related(None)
    }
    return [
        (department, catalogues.get(department.pk))
        for department in Department.objects.filter(is_legal_office=False)
    ]


@login_required
def catalogue_list(request):
    user = request.user
    catalogues = CaseCatalogue.objects.for_user(user)
    filterset = CatalogueFilter(request.GET or None, queryset=catalogues, request=request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    year = last_year(calendar.today())
    context = {
        "filter": filterset,
        "page": page,
        "last_year": year,
        "open_form": CatalogueOpenForm(initial={"year": year}, user=user),
        "due": services.catalogue_due(year),
    }
    if user.sees_all_departments:
        context["overview"] = _last_year_overview(year)
    return render(request, "cases/catalogue_list.html", context)


@login_required
@require_POST
def catalogue_open(request):
    user = request.user
    if not (user.is_clerk or user.sees_all_departments):
        raise PermissionDenied
    form = CatalogueOpenForm(request.POST, user=user)
    if form.is_valid():
        try:
            catalogue = services.catalogue_open(
                actor=user,
                year=form.cleaned_data["year"],
                department=form.cleaned_data.get("department"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("cases:catalogue-detail", pk=catalogue.pk)
    catalogues = CaseCatalogue.objects.for_user(user)
    year = last_year(calendar.today())
    context = {
        "filter": CatalogueFilter(None, queryset=catalogues, request=request),
        "page": Paginator(catalogues, PAGE_SIZE).get_page(1),
        "last_year": year,
        "open_form": form,
        "due": services.catalogue_due(year),
    }
    if user.sees_all_departments:
        context["overview"] = _last_year_overview(year)
    return render(request, "cases/catalogue_list.html", context, status=400)


def _catalogue_detail(request, catalogue, *, status=200, problem=None, **forms):
    items = catalogue.items.all()
    context = {
        "catalogue": catalogue,
        "page": Paginator(items, ITEMS_PAGE_SIZE).get_page(request.GET.get("page")),
        "deadline": services.catalogue_due(catalogue.year),
        "problem": problem,
        "item_form": forms.get("item_form") or CatalogueItemForm(),
        "upload_form": forms.get("upload_form") or CatalogueUploadForm(),
        "file_form": forms.get("file_form") or FileForm(),
        "upload_errors": forms.get("upload_errors") or [],
    }
    return render(request, "cases/catalogue_detail.html", context, status=status)


@login_required
def catalogue_detail(request, pk):
    return _catalogue_detail(request, _catalogue_for(request, pk))


@login_required
@require_POST
def catalogue_item_add(request, pk):
    catalogue = _catalogue_for(request, pk)
    form = CatalogueItemForm(request.POST)
    if form.is_valid():
        try:
            services.catalogue_items_add(
                catalogue=catalogue, rows=[(None, form.cleaned_data)], actor=request.user
            )
        except ValidationError as error:
            for message in error.message_dict.get("items", []):
                form.add_error(None, message)
        except TransitionNotAllowed as error:
            return _catalogue_detail(request, catalogue, status=409, problem=error.message)
        else:
            messages.success(request, _("The case file has been added."))
            return redirect("cases:catalogue-detail", pk=catalogue.pk)
    return _catalogue_detail(request, catalogue, status=400, item_form=form)


@login_required
@require_POST
def catalogue_upload(request, pk):
    catalogue = _catalogue_for(request, pk)
    form = CatalogueUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            rows = spreadsheets.read_catalogue_rows(form.cleaned_data["file"])
            created = services.catalogue_items_add(
                catalogue=catalogue,
                rows=rows,
                actor=request.user,
                replace=form.cleaned_data["replace"],
            )
        except ValidationError as error:
            details = error.message_dict
            for message in details.get("file", []):
                form.add_error("file", message)
            return _catalogue_detail(
                request,
                catalogue,
                status=400,
                upload_form=form,
                upload_errors=details.get("items", []),
            )
        except TransitionNotAllowed as error:
            return _catalogue_detail(request, catalogue, status=409, problem=error.message)
        messages.success(
            request,
            _("%(count)d case files have been added from the sheet.") % {"count": len(created)},
        )
        return redirect("cases:catalogue-detail", pk=catalogue.pk)
    return _catalogue_detail(request, catalogue, status=400, upload_form=form)


@login_required
@require_POST
def catalogue_item_remove(request, pk, item_pk):
    catalogue = _catalogue_for(request, pk)
    item = get_object_or_404(CatalogueItem.objects.filter(catalogue=catalogue), pk=item_pk)
    try:
        services.catalogue_item_remove(item=item, actor=request.user)
    except TransitionNotAllowed as error:
        return _catalogue_detail(request, catalogue, status=409, problem=error.message)
    messages.success(request, _("The case file has been removed."))
    return redirect("cases:catalogue-detail", pk=catalogue.pk)


@login_required
@require_POST
def catalogue_file(request, pk):
    catalogue = _catalogue_for(request, pk)
    form = FileForm(request.POST)
    if form.is_valid():
        try:
            services.catalogue_file(
                catalogue=catalogue, filed_on=form.cleaned_data["filed_on"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except TransitionNotAllowed as error:
            return _catalogue_detail(request, catalogue, status=409, problem=error.message)
        else:
            messages.success(request, _("The catalogue has been filed."))
            return redirect("cases:catalogue-detail", pk=catalogue.pk)
    return _catalogue_detail(request, catalogue, status=400, file_form=form)


@login_required
def catalogue_template(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    return _xlsx_response(
        spreadsheets.catalogue_template(year), _("case-file-catalogue-template.xlsx")
    )


@login_required
def catalogue_export(request, pk):
    catalogue = _catalogue_for(request, pk)
    content = spreadsheets.catalogue_template(catalogue.year, items=catalogue.items.all())
    filename = _("case-file-catalogue-%(year)d-%(department)s.xlsx") % {
        "year": catalogue.year,
        "department": catalogue.department.code,
    }
    return _xlsx_response(content, filename)

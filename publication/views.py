"""Pages of normative documents, discretion benchmarks and catalogues of major decisions. Every record is fetched through
``for_user``: another department's (or another county's) record answers 404. Every change goes
through ``publication.services``; the pages show its refusals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from supervision.calendar import Deadline
from supervision.errors import TransitionNotAllowed
from supervision.models_rectification import Finding
from supervision.web.documents import serve_document
from supervision.web.pages import (
    form_page,
    history,
    list_page,
    post_to_record,
    record_action,
    require_writer_page,
)

from . import services
from .deadlines import filing_period_days
from .filters import BenchmarkFilter, CatalogueFilingFilter, DocumentFilter, TaskFilter
from .forms import (
    AnswerForm,
    BenchmarkForm,
    BenchmarkReviewForm,
    CatalogueReviewForm,
    CatalogueSendForm,
    CleanupDecideForm,
    CleanupOpenForm,
    DeliveryForm,
    DeliveryReviewForm,
    DocumentForm,
    DocumentReviewForm,
    EmptyForm,
    FileForm,
    ReportForm,
    TaskForm,
)
from .models import (
    CatalogueFiling,
    CleanupCampaign,
    CleanupItem,
    DiscretionBenchmark,
    NormativeDocument,
    Objection,
    TaskDelivery,
    WorkTask,
)

HISTORY_SHOWN = 50

DOCUMENT_COLUMNS = [
    (gettext_lazy("Department"), lambda d: d.department.name),
    (gettext_lazy("document number"), lambda d: d.number),
    (gettext_lazy("document title"), lambda d: d.title),
    (gettext_lazy("issued on"), lambda d: d.issued_on),
    (gettext_lazy("effective on"), lambda d: d.effective_on),
    (gettext_lazy("filing due"), lambda d: d.filing_due),
    (gettext_lazy("filed on"), lambda d: d.filed_on),
    (gettext_lazy("filing status"), lambda d: d.get_filing_status_display()),
    (gettext_lazy("status"), lambda d: d.get_status_display()),
    (gettext_lazy("problem found"), lambda d: d.problem),
    (gettext_lazy("correction required"), lambda d: d.correction_required),
]

BENCHMARK_COLUMNS = [
    (gettext_lazy("Department"), lambda b: b.department.name),
    (gettext_lazy("enforcement matter"), lambda b: b.matter),
    (gettext_lazy("version"), lambda b: b.version),
    (gettext_lazy("status"), lambda b: b.get_status_display()),
    (gettext_lazy("effective from"), lambda b: b.effective_from),
    (gettext_lazy("effective until"), lambda b: b.effective_until),
    (gettext_lazy("legal basis"), lambda b: b.legal_basis),
    (
        gettext_lazy("graded circumstances and outcomes"),
        lambda b: "\n".join(f"{g['circumstances']}：{g['outcome']}" for g in b.grades),
    ),
]

# action: (form, service, message on success)
DOCUMENT_ACTIONS = {
    "file": (FileForm, services.document_file, gettext_lazy("The filing has been recorded.")),
    "review": (
        DocumentReviewForm,
        services.document_review,
        gettext_lazy("The filing review has been recorded."),
    ),
}
BENCHMARK_ACTIONS = {
    "submit": (
        EmptyForm,
        services.benchmark_submit,
        gettext_lazy("The benchmark has been submitted to the legal office for review."),
    ),
    "review": (
        BenchmarkReviewForm,
        services.benchmark_review,
        gettext_lazy("The review has been recorded."),
    ),
    "publish": (
        EmptyForm,
        services.benchmark_publish,
        gettext_lazy("The benchmark has been published."),
    ),
}


# Normative documents (规范性文件备案) ---------------------------------------------------------


def _documents(request):
    return NormativeDocument.objects.for_user(request.user)


def _document_for(request, pk):
    return get_object_or_404(_documents(request), pk=pk)


@login_required
def document_list(request):
    return list_page(
        request,
        queryset=_documents(request),
        filterset_class=DocumentFilter,
        template="publication/document_list.html",
        export_columns=DOCUMENT_COLUMNS,
        export_title=gettext_lazy("Normative documents"),
        export_filename=_("normative-documents"),
        context={"period": filing_period_days()},
    )


@login_required
def document_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        DocumentForm(request.POST or None, request.FILES or None, user=request.user),
        services.document_register,
        success=_("The normative document has been registered. File it with the legal office."),
        context={
            "title": _("Register a normative document"),
            "back_url": reverse("publication:document-list"),
        },
    )


@login_required
def document_edit(request, pk):
    document = _document_for(request, pk)
    if not document.is_editable:
        return _document_page(
            request,
            document,
            status=409,
            problem=_("This document has been filed and can no longer be changed."),
        )
    return form_page(
        request,
        DocumentForm(
            request.POST or None, request.FILES or None, instance=document, user=request.user
        ),
        services.document_update,
        success=_("The normative document has been saved."),
        context={
            "title": _("Correct a normative document"),
            "back_url": document.get_absolute_url(),
        },
        document=document,
    )


def _document_page(request, document, *, status=200, problem=None, **forms):
    document = _documents(request).select_related("reviewed_by", "filed_by").get(pk=document.pk)
    context = {
        "document": document,
        "deadline": Deadline.from_json(document.filing_due_explanation),
        "findings": Finding.objects.for_user(request.user).from_source(document),
        "problem": problem,
        "history": history(request, document, limit=HISTORY_SHOWN),
        "file_form": forms.get("file_form") or FileForm(),
        "review_form": forms.get("review_form") or DocumentReviewForm(),
    }
    return render(request, "publication/document_detail.html", context, status=status)


@login_required
def document_detail(request, pk):
    return _document_page(request, _document_for(request, pk))


@login_required
@require_POST
def document_action(request, pk, action):
    return record_action(
        request,
        _document_for(request, pk),
        action,
        actions=DOCUMENT_ACTIONS,
        page=_document_page,
        argument="document",
    )


@login_required
def document_text(request, pk):
    document = _document_for(request, pk)
    return serve_document(document.text, document.number)


# Discretion benchmarks (行政裁量权基准) -------------------------------------------------------


def _benchmarks(request):
    return DiscretionBenchmark.objects.for_user(request.user)


def _benchmark_for(request, pk):
    return get_object_or_404(_benchmarks(request), pk=pk)


@login_required
def benchmark_list(request):
    return list_page(
        request,
        queryset=_benchmarks(request),
        filterset_class=BenchmarkFilter,
        template="publication/benchmark_list.html",
        export_columns=BENCHMARK_COLUMNS,
        export_title=gettext_lazy("Discretion benchmarks"),
        export_filename=_("discretion-benchmarks"),
    )


@login_required
def benchmark_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        BenchmarkForm(request.POST or None, user=request.user),
        services.benchmark_register,
        success=_("The benchmark has been registered as a draft."),
        context={
            "title": _("Register a discretion benchmark"),
            "back_url": reverse("publication:benchmark-list"),
        },
    )


@login_required
def benchmark_edit(request, pk):
    benchmark = _benchmark_for(request, pk)
    if not benchmark.is_editable:
        return _benchmark_page(
            request,
            benchmark,
            status=409,
            problem=_(
                "Only a draft or a returned version can be changed; open a new version instead."
            ),
        )
    return form_page(
        request,
        BenchmarkForm(request.POST or None, instance=benchmark, user=request.user),
        services.benchmark_update,
        success=_("The benchmark has been saved."),
        context={
            "title": _("Edit %(benchmark)s") % {"benchmark": benchmark},
            "back_url": benchmark.get_absolute_url(),
        },
        benchmark=benchmark,
    )


def _benchmark_page(request, benchmark, *, status=200, problem=None, **forms):
    benchmark = _benchmarks(request).select_related("reviewed_by").get(pk=benchmark.pk)
    versions = _benchmarks(request).filter(
        department_id=benchmark.department_id, matter=benchmark.matter
    )
    context = {
        "benchmark": benchmark,
        "versions": versions,
        "problem": problem,
        "history": history(request, benchmark, limit=HISTORY_SHOWN),
        "review_form": forms.get("review_form") or BenchmarkReviewForm(),
    }
    return render(request, "publication/benchmark_detail.html", context, status=status)


@login_required
def benchmark_detail(request, pk):
    return _benchmark_page(request, _benchmark_for(request, pk))


@login_required
@require_POST
def benchmark_action(request, pk, action):
    return record_action(
        request,
        _benchmark_for(request, pk),
        action,
        actions=BENCHMARK_ACTIONS,
        page=_benchmark_page,
        argument="benchmark",
    )


@login_required
@require_POST
def benchmark_revise(request, pk):
    """Open the next version of the benchmark in force and go to it."""
    benchmark = _benchmark_for(request, pk)
    try:
        revision = services.benchmark_revise(benchmark=benchmark, actor=request.user)
    except TransitionNotAllowed as refusal:
        return _benchmark_page(request, benchmark, status=409, problem=refusal.message)
    messages.success(request, _("A new version has been opened as a draft."))
    return redirect(revision)


# Catalogues of major decisions and flowcharts -------------------------------------------------

CATALOGUE_COLUMNS = [
    (gettext_lazy("Department"), lambda c: c.department.name),
    (gettext_lazy("sent at"), lambda c: timezone.localtime(c.created_at).replace(tzinfo=None)),
    (gettext_lazy("status"), lambda c: c.get_status_display()),
    (gettext_lazy("published on"), lambda c: c.published_on),
    (
        gettext_lazy("categories of major decisions"),
        lambda c: "\n".join(category["title"] for category in c.categories),
    ),
]
CATALOGUE_ACTIONS = {
    "review": (
        CatalogueReviewForm,
        services.catalogue_review,
        gettext_lazy("The review has been recorded."),
    ),
    "publish": (
        EmptyForm,
        services.catalogue_publish,
        gettext_lazy("The catalogue and flowchart have been published."),
    ),
}


def _catalogues(request):
    return CatalogueFiling.objects.for_user(request.user)


def _catalogue_for(request, pk):
    return get_object_or_404(_catalogues(request), pk=pk)


@login_required
def catalogue_list(request):
    return list_page(
        request,
        queryset=_catalogues(request),
        filterset_class=CatalogueFilingFilter,
        template="publication/catalogue_list.html",
        export_columns=CATALOGUE_COLUMNS,
        export_title=gettext_lazy("Catalogues of major decisions and flowcharts"),
        export_filename=_("major-decision-catalogues"),
    )


@login_required
def catalogue_send(request):
    require_writer_page(request.user)
    return form_page(
        request,
        CatalogueSendForm(request.POST or None, request.FILES or None, user=request.user),
        services.catalogue_send,
        success=_("The catalogue and flowchart have been sent to the legal office."),
        context={
            "title": _("Send the catalogue of major decisions and the flowchart"),
            "back_url": reverse("publication:catalogue-list"),
        },
    )


def _catalogue_page(request, filing, *, status=200, problem=None, **forms):
    filing = _catalogues(request).select_related("reviewed_by").get(pk=filing.pk)
    context = {
        "filing": filing,
        "problem": problem,
        "history": history(request, filing, limit=HISTORY_SHOWN),
        "review_form": forms.get("review_form") or CatalogueReviewForm(),
    }
    return render(request, "publication/catalogue_detail.html", context, status=status)


@login_required
def catalogue_detail(request, pk):
    return _catalogue_page(request, _catalogue_for(request, pk))


@login_required
@require_POST
def catalogue_action(request, pk, action):
    return record_action(
        request,
        _catalogue_for(request, pk),
        action,
        actions=CATALOGUE_ACTIONS,
        page=_catalogue_page,
        argument="filing",
    )


@login_required
def catalogue_flowchart(request, pk):
    filing = _catalogue_for(request, pk)
    return serve_document(filing.flowchart, _("flowchart"))


# The year's work plan --------------------------------------------------------------------------

TASK_COLUMNS = [
    (gettext_lazy("year"), lambda t: t.year),
    (gettext_lazy("task number"), lambda t: t.number),
    (gettext_lazy("task"), lambda t: t.title),
    (gettext_lazy("lead department"), lambda t: t.lead_department.name),
    (
        gettext_lazy("co-operating departments"),
        lambda t: "、".join(d.name for d in t.co_departments.all()),
    ),
    (gettext_lazy("what is to be delivered"), lambda t: t.deliverable),
    (
        gettext_lazy("deliveries"),
        lambda t: "\n".join(
            f"{d.due:%Y-%m-%d} {d.description}（{d.get_status_display()}）"
            for d in t.deliveries.all()
        ),
    ),
]
DELIVERY_ACTIONS = {
    "report": (ReportForm, services.delivery_report, gettext_lazy("The report has been sent.")),
    "review": (
        DeliveryReviewForm,
        services.delivery_review,
        gettext_lazy("The review has been recorded."),
    ),
}


def _tasks(request):
    return WorkTask.objects.for_user(request.user).prefetch_related("deliveries", "co_departments")


def _task_for(request, pk):
    return get_object_or_404(_tasks(request), pk=pk)


@login_required
def task_list(request):
    return list_page(
        request,
        queryset=_tasks(request),
        filterset_class=TaskFilter,
        template="publication/task_list.html",
        export_columns=TASK_COLUMNS,
        export_title=gettext_lazy("The year's work plan"),
        export_filename=_("work-plan"),
    )


@login_required
def task_create(request):
    if not request.user.supervises_departments:
        raise Http404
    return form_page(
        request,
        TaskForm(request.POST or None, user=request.user),
        services.task_create,
        success=_("The task has been entered. Add what it delivers by when."),
        context={
            "title": _("Enter a task of the work plan"),
            "back_url": reverse("publication:task-list"),
        },
    )


def _task_page(request, task, *, status=200, problem=None, failed=None, **forms):
    task = _tasks(request).get(pk=task.pk)
    context = {
        "task": task,
        "problem": problem,
        "failed": failed,
        "owed": TaskDelivery.OWED,
        "history": history(request, task, limit=HISTORY_SHOWN),
        "delivery_form": forms.get("delivery_form") or DeliveryForm(),
        # The form that failed shows its errors beside its own delivery; the others are blank.
        "report_form": forms.get("report_form") or ReportForm(),
        "review_form": forms.get("review_form") or DeliveryReviewForm(),
        "blank_report_form": ReportForm(),
        "blank_review_form": DeliveryReviewForm(),
    }
    return render(request, "publication/task_detail.html", context, status=status)


@login_required
def task_detail(request, pk):
    return _task_page(request, _task_for(request, pk))


@login_required
@require_POST
def delivery_add(request, pk):
    task = _task_for(request, pk)
    return post_to_record(
        request,
        task,
        services.delivery_add,
        page=_task_page,
        success=_("The delivery has been added."),
        form=DeliveryForm(request.POST),
        form_name="delivery_form",
        task=task,
    )


def _delivery_for(request, pk, delivery_pk):
    task = _task_for(request, pk)
    return get_object_or_404(task.deliveries.select_related("task"), pk=delivery_pk)


@login_required
@require_POST
def delivery_action(request, pk, delivery_pk, action):
    delivery = _delivery_for(request, pk, delivery_pk)

    def page(request, record, **kwargs):
        return _task_page(request, record.task, failed=record.pk, **kwargs)

    return record_action(
        request, delivery, action, actions=DELIVERY_ACTIONS, page=page, argument="delivery"
    )


@login_required
def delivery_evidence(request, pk, delivery_pk):
    delivery = _delivery_for(request, pk, delivery_pk)
    return serve_document(delivery.evidence, delivery.description)


# Periodic clean-up of normative documents -----------------------------------------------------


@login_required
def cleanup_list(request):
    user = request.user
    campaigns = CleanupCampaign.objects.for_user(user)
    form = CleanupOpenForm(request.POST or None)
    if request.method == "POST":
        if not user.supervises_departments:
            raise Http404
        return form_page(
            request,
            form,
            services.cleanup_open,
            success=_("The clean-up has been opened: the departments mark their documents."),
            template="publication/cleanup_list.html",
            context={"campaigns": campaigns},
        )
    return render(request, "publication/cleanup_list.html", {"campaigns": campaigns, "form": form})


def _cleanup_page(request, campaign, *, status=200, problem=None, failed=None, **forms):
    user = request.user
    items = (
        CleanupItem.objects.for_user(user)
        .filter(campaign=campaign)
        .select_related("document__department")
    )
    context = {
        "campaign": campaign,
        "items": items,
        "may_publish": user.supervises_departments
        and user.jurisdiction_id == campaign.jurisdiction_id,
        "problem": problem,
        "failed": failed,
        "decide_form": forms.get("decide_form") or CleanupDecideForm(),
        "blank_decide_form": CleanupDecideForm(),
        "history": history(request, campaign, limit=HISTORY_SHOWN),
    }
    return render(request, "publication/cleanup_detail.html", context, status=status)


def _cleanup_for(request, pk):
    return get_object_or_404(CleanupCampaign.objects.for_user(request.user), pk=pk)


@login_required
def cleanup_detail(request, pk):
    return _cleanup_page(request, _cleanup_for(request, pk))


@login_required
@require_POST
def cleanup_decide(request, pk, item_pk):
    campaign = _cleanup_for(request, pk)
    item = get_object_or_404(
        CleanupItem.objects.for_user(request.user), pk=item_pk, campaign=campaign
    )

    def page(request, record, **kwargs):
        return _cleanup_page(request, campaign, failed=record.pk, **kwargs)

    return post_to_record(
        request,
        campaign,
        services.cleanup_decide,
        page=lambda request, _record, **kwargs: page(request, item, **kwargs),
        success=_("The decision has been recorded."),
        form=CleanupDecideForm(request.POST),
        form_name="decide_form",
        item=item,
    )


@login_required
@require_POST
def cleanup_publish(request, pk):
    campaign = _cleanup_for(request, pk)
    return post_to_record(
        request,
        campaign,
        services.cleanup_publish,
        page=_cleanup_page,
        success=_("The result of the clean-up has been published."),
        campaign=campaign,
    )


# Objections to normative documents ------------------------------------------------------------


def _objections(request):
    if not request.user.supervises_departments:
        raise Http404
    return Objection.objects.for_user(request.user)


@login_required
def objection_list(request):
    page = Paginator(_objections(request), 50).get_page(request.GET.get("page"))
    return render(request, "publication/objection_list.html", {"page": page})


def _objection_page(request, objection, *, status=200, problem=None, **forms):
    objection = _objections(request).select_related("answered_by").get(pk=objection.pk)
    context = {
        "objection": objection,
        "deadline": Deadline.from_json(objection.due_explanation),
        "problem": problem,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "history": history(request, objection, limit=HISTORY_SHOWN),
    }
    return render(request, "publication/objection_detail.html", context, status=status)


@login_required
def objection_detail(request, pk):
    return _objection_page(request, get_object_or_404(_objections(request), pk=pk))


@login_required
@require_POST
def objection_answer(request, pk):
    objection = get_object_or_404(_objections(request), pk=pk)
    return post_to_record(
        request,
        objection,
        services.objection_answer,
        page=_objection_page,
        success=_("The answer has been recorded."),
        form=AnswerForm(request.POST),
        form_name="answer_form",
        objection=objection,
    )

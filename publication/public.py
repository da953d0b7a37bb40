"""The public pages of publication (no login): the discretion benchmarks in force, searched by
jurisdiction, department and matter, and each published version with its dates. Rate-limited per
address like every public page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from supervision.web.documents import serve_document
from supervision.web.forms import TrackingCodeForm
from supervision.web.pages import PER_PAGE, call_service
from supervision.web.public import (
    PUBLIC_QUERY_MAX_LENGTH,
    chosen_jurisdiction,
    jurisdiction_choices,
    private_page,
)
from supervision.web.throttling import public_page_limit

from . import selectors, services
from .forms import ObjectionForm
from .models import CatalogueFiling, DiscretionBenchmark, NormativeDocument


@require_GET
@public_page_limit
def benchmarks(request):
    jurisdiction = chosen_jurisdiction(request)
    department = request.GET.get("department", "")
    matter = request.GET.get("matter", "")
    found = selectors.public_benchmarks(jurisdiction, department_code=department, matter=matter)
    return render(
        request,
        "publication/public/benchmarks.html",
        {
            "jurisdiction": jurisdiction,
            "jurisdictions": jurisdiction_choices(),
            "departments": selectors.public_departments(jurisdiction),
            "department": department[:PUBLIC_QUERY_MAX_LENGTH],
            "matter": matter[:PUBLIC_QUERY_MAX_LENGTH],
            "page": Paginator(found, PER_PAGE).get_page(request.GET.get("page")),
        },
    )


@require_GET
@public_page_limit
def benchmark(request, pk):
    found = get_object_or_404(DiscretionBenchmark.objects.public(), pk=pk)
    return render(
        request,
        "publication/public/benchmark.html",
        {"benchmark": found, "versions": selectors.public_versions(found)},
    )


@require_GET
@public_page_limit
def catalogues(request):
    jurisdiction = chosen_jurisdiction(request)
    return render(
        request,
        "publication/public/catalogues.html",
        {
            "jurisdiction": jurisdiction,
            "jurisdictions": jurisdiction_choices(),
            "page": Paginator(selectors.public_catalogues(jurisdiction), PER_PAGE).get_page(
                request.GET.get("page")
            ),
        },
    )


@require_GET
@public_page_limit
def flowchart(request, pk):
    """A published catalogue's flowchart: public once published, never before."""
    filing = get_object_or_404(CatalogueFiling.objects.public(), pk=pk)
    return serve_document(filing.flowchart, filing.department.name)


@require_GET
@public_page_limit
def documents(request):
    jurisdiction = chosen_jurisdiction(request)
    text = request.GET.get("q", "")
    return render(
        request,
        "publication/public/documents.html",
        {
            "jurisdiction": jurisdiction,
            "jurisdictions": jurisdiction_choices(),
            "q": text[:PUBLIC_QUERY_MAX_LENGTH],
            "page": Paginator(
                selectors.public_documents(jurisdiction, text=text), PER_PAGE
            ).get_page(request.GET.get("page")),
        },
    )


@require_GET
@public_page_limit
def document_text(request, pk):
    """The text of a normative document filed and found without problem; nothing before."""
    document = get_object_or_404(
        NormativeDocument.objects.filter(status=NormativeDocument.Status.NO_PROBLEM), pk=pk
    )
    return serve_document(document.text, document.number)


@require_GET
@public_page_limit
def cleanups(request):
    jurisdiction = chosen_jurisdiction(request)
    return render(
        request,
        "publication/public/cleanups.html",
        {
            "jurisdiction": jurisdiction,
            "jurisdictions": jurisdiction_choices(),
            "page": Paginator(selectors.public_cleanups(jurisdiction), 10).get_page(
                request.GET.get("page")
            ),
        },
    )


OBJECTION_CODE_KEY = "public_objection_code"


@require_http_methods(["GET", "POST"])
@never_cache
@public_page_limit
def objection_new(request, pk):
    """The public objects to a normative document found without problem and in force."""
    document = get_object_or_404(
        NormativeDocument.objects.filter(
            status=NormativeDocument.Status.NO_PROBLEM, repealed_on__isnull=True
        ).select_related("department"),
        pk=pk,
    )
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        objection = call_service(
            form, services.objection_file, document=document, **form.cleaned_data
        )
        if objection is not None:
            # Post/redirect/get: the code waits in the session for the one page that shows it.
            request.session[OBJECTION_CODE_KEY] = objection.tracking_code
            return redirect("publication_public:objection-filed")
    return render(
        request,
        "publication/public/objection_form.html",
        {"document": document, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
@never_cache
@public_page_limit
def objection_filed(request):
    code = request.session.pop(OBJECTION_CODE_KEY, None)
    if code is None:
        return redirect("publication_public:objection-track")
    objection = services.objection_by_code(code)
    return private_page(
        render(
            request,
            "publication/public/objection_track.html",
            {"objection": objection, "code": code, "form": TrackingCodeForm()},
        )
    )


@require_http_methods(["GET", "POST"])
@never_cache
@public_page_limit
def objection_track(request):
    """An objection by its tracking code, posted (never in the address): the document, the dates
    and the answer; nothing of who objected. A wrong code answers as a malformed one."""
    if request.method == "GET":
        form = TrackingCodeForm()
        return private_page(
            render(request, "publication/public/objection_track.html", {"form": form})
        )
    form = TrackingCodeForm(request.POST)
    found = services.objection_by_code(form.cleaned_data["code"]) if form.is_valid() else None
    return private_page(
        render(
            request,
            "publication/public/objection_track.html",
            {"objection": found, "form": form, "searched": True},
            status=200 if found else (400 if form.errors else 404),
        )
    )

"""Pages of case-file catalogues: the list with last year's overview, a catalogue with its case
files, entering them by hand or from a sheet, and filing."""

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import services, spreadsheets
from cases.deadlines import catalogue_due
from cases.filters import CatalogueFilter
from cases.forms import (
    CatalogueFileForm,
    CatalogueItemForm,
    CatalogueOpenForm,
    CatalogueUploadForm,
)
from cases.models import CaseCatalogue, CatalogueItem, last_year
from supervision import calendar
from supervision.calendar import Deadline
from supervision.models import Department
from supervision.spreadsheets import xlsx_response
from supervision.web.documents import serve_document
from supervision.web.forms import ReasonForm
from supervision.web.pages import call_service, list_page, require_writer_page

from . import post_to_record, record_action

ITEMS_PER_PAGE = 100

CATALOGUE_COLUMNS = [
    (gettext_lazy("year"), lambda c: c.year),
    (gettext_lazy("Department"), lambda c: c.department.name),
    (gettext_lazy("filing due"), lambda c: c.due),
    (gettext_lazy("filed on"), lambda c: c.filed_on),
    (gettext_lazy("status"), lambda c: c.get_status_display()),
]


def _added_from_sheet(created):
    return _("%(count)d case files have been added from the sheet.") % {"count": len(created)}


# action: (form, service, message on success)
CATALOGUE_ACTIONS = {
    "items": (
        CatalogueItemForm,
        services.catalogue_item_add,
        gettext_lazy("The case file has been added."),
    ),
    "upload": (CatalogueUploadForm, services.catalogue_upload, _added_from_sheet),
    "file": (
        CatalogueFileForm,
        services.catalogue_file,
        gettext_lazy("The catalogue has been filed."),
    ),
    "receive": (
        django_forms.Form,
        services.catalogue_receive,
        gettext_lazy("The filing has been received."),
    ),
    "return": (
        ReasonForm,
        services.catalogue_return,
        gettext_lazy("The filing has been returned to the department."),
    ),
}


def _catalogue_for(request, pk):
    return get_object_or_404(CaseCatalogue.objects.for_user(request.user), pk=pk)


def _last_year_overview(user, year):
    """For the legal office: every department it sees and where its catalogue for ``year`` stands."""
    catalogues = {
        c.department_id: c
        for c in CaseCatalogue.objects.for_user(user).filter(year=year).select_related(None)
    }
    return [
        (department, catalogues.get(department.pk))
        for department in Department.objects.for_user(user).filter(is_legal_office=False)
    ]


def _list(request, *, open_form=None):
    user = request.user
    year = last_year(calendar.today())
    context = {
        "last_year": year,
        "open_form": open_form or CatalogueOpenForm(initial={"year": year}, user=user),
        "due": catalogue_due(year),
        # The filters ask the list, also when a refused opening (a POST elsewhere) shows it.
        "list_url": reverse("cases:catalogue-list"),
    }
    if user.supervises_departments:
        context["overview"] = _last_year_overview(user, year)
    return list_page(
        request,
        queryset=CaseCatalogue.objects.for_user(user),
        filterset_class=CatalogueFilter,
        template="cases/catalogue_list.html",
        export_columns=CATALOGUE_COLUMNS,
        export_title=gettext_lazy("Case-file catalogues"),
        export_filename=_("case-file-catalogues"),
        context=context,
    )


@login_required
def catalogue_list(request):
    return _list(request)


@login_required
def catalogue_open(request):
    if request.method != "POST":
        # The list's filters and pages, shown again after a refused opening, ask the list.
        query = request.GET.urlencode()
        return redirect(reverse("cases:catalogue-list") + (f"?{query}" if query else ""))
    require_writer_page(request.user)
    form = CatalogueOpenForm(request.POST, user=request.user)
    if form.is_valid():
        catalogue = call_service(
            form, services.catalogue_open, actor=request.user, **form.cleaned_data
        )
        if catalogue is not None:
            return redirect(catalogue)
    response = _list(request, open_form=form)
    response.status_code = 400
    return response


def _detail(request, catalogue, *, status=200, problem=None, **forms):
    context = {
        "catalogue": catalogue,
        "page": Paginator(catalogue.items.all(), ITEMS_PER_PAGE).get_page(request.GET.get("page")),
        # As stored with the due date: a filed catalogue keeps the count it was filed against.
        "deadline": Deadline.from_json(catalogue.due_explanation),
        "problem": problem,
        "items_form": forms.get("items_form") or CatalogueItemForm(),
        "upload_form": forms.get("upload_form") or CatalogueUploadForm(),
        "file_form": forms.get("file_form") or CatalogueFileForm(user=request.user),
    }
    return render(request, "cases/catalogue_detail.html", context, status=status)


@login_required
def catalogue_detail(request, pk):
    return _detail(request, _catalogue_for(request, pk))


@login_required
@require_POST
def catalogue_action(request, pk, action):
    return record_action(
        request,
        _catalogue_for(request, pk),
        action,
        actions=CATALOGUE_ACTIONS,
        page=_detail,
        argument="catalogue",
    )


@login_required
@require_POST
def catalogue_item_remove(request, pk, item_pk):
    catalogue = _catalogue_for(request, pk)
    item = get_object_or_404(CatalogueItem.objects.filter(catalogue=catalogue), pk=item_pk)
    return post_to_record(
        request,
        catalogue,
        services.catalogue_item_remove,
        page=_detail,
        success=_("The case file has been removed."),
        item=item,
    )


@login_required
def catalogue_document(request, pk):
    """The signed catalogue the filing carried, to whoever sees the catalogue."""
    catalogue = _catalogue_for(request, pk)
    return serve_document(catalogue.document, str(catalogue))


@login_required
def catalogue_template(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    return xlsx_response(spreadsheets.catalogue_template(year), _("case-file-catalogue-template"))


@login_required
def catalogue_export(request, pk):
    catalogue = _catalogue_for(request, pk)
    content = spreadsheets.catalogue_template(catalogue.year, items=catalogue.items.all())
    filename = _("case-file-catalogue-%(year)d-%(department)s") % {
        "year": catalogue.year,
        "department": catalogue.department.code,
    }
    return xlsx_response(content, filename)

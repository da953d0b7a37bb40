"""Pieces the registries' pages share: filtered lists with their export, forms that call a
service, transition buttons, who may open a writing page, a record's history."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from supervision import audit
from supervision.errors import TransitionNotAllowed
from supervision.spreadsheets import export_response

PER_PAGE = 50


def list_page(
    request,
    *,
    queryset,
    filterset_class,
    template: str,
    export_columns,
    export_title,
    export_filename: str,
    prepare=None,
    context=None,
):
    """A filtered, paginated list; ``?export=xlsx`` answers the same filtered rows as .xlsx.

    ``prepare(rows)`` annotates a page (or an export chunk) at once, e.g. who may enforce today.
    """
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        return export_response(
            rows, export_columns, title=export_title, filename=export_filename, prepare=prepare
        )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    if prepare is not None:
        page.object_list = prepare(page.object_list)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["export"] = "xlsx"
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": page,
            "export_url": f"?{export_query.urlencode()}",
            **(context or {}),
        },
    )


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        if field == NON_FIELD_ERRORS:
            target = None
        for item in errors:
            form.add_error(target, item)


def call_service(form, service, **kwargs):
    """Run a service for a valid form; its refusals become the form's errors (returns None)."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
    except TransitionNotAllowed as refusal:
        form.add_error(None, str(refusal.message))
    return None


def transition_view(request, record, service, *, argument: str, success, with_reason=False):
    """Run a transition from a button (POST); refusals come back as messages on the record's page."""
    kwargs = {argument: record, "actor": request.user}
    if with_reason:
        kwargs["reason"] = request.POST.get("reason", "")
    try:
        service(**kwargs)
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(record.get_absolute_url())


def require_writer_page(user):
    """Pages that register or change records: a clerk or the legal office; others get a 404."""
    if not (user.is_clerk or user.sees_all_departments):
        raise Http404


def history(request, record):
    """The latest entries of a record's history, for whoever may read it (``audit.history_for``)."""
    return audit.history_for(request.user, record).select_related("actor")[:20]

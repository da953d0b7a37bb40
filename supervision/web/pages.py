"""Pieces the registries' pages share: filtered lists with their export, forms that call a
service (and whole pages of such a form), transition buttons, the form actions of a record's page,
who may open a writing page, a record's history."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from supervision import audit
from supervision.errors import TransitionNotAllowed
from supervision.security import events
from supervision.spreadsheets import export_response
from supervision.web import paging, trail

PER_PAGE = 50


RESULTS_REGION = "results"  # the id of the region in web/list.html that the filters refresh


def wants_results_only(request) -> bool:
    """The filters of a list (htmx) ask for the results region alone. Other htmx requests, such
    as a history restore, carry no target and get the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Target") == RESULTS_REGION
    )


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

    ``template`` extends ``web/list.html`` (see the package's docstring); an htmx request from
    its filters is answered with the results block alone.
    ``prepare(rows)`` annotates a page (or an export chunk) at once, e.g. who may enforce today.
    """
    searched = request.method == "POST" and getattr(filterset_class, "search_by_post", False)
    filterset = filterset_class(
        request.POST if searched else request.GET, queryset=queryset, request=request
    )
    if searched and filterset.is_valid():
        # A filter set with ``search_by_post`` (a search by citizen ID number) is posted, then
        # shown at an address of its own that ``query_for_address`` keeps free of the number.
        return redirect(f"{request.path}?{filterset.query_for_address().urlencode()}")
    rows = filterset.qs
    if request.GET.get("export") == "xlsx":
        events.exported(request, export_filename)
        return export_response(
            rows, export_columns, title=export_title, filename=export_filename, prepare=prepare
        )
    page = paging.CountingPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    if prepare is not None:
        page.object_list = prepare(page.object_list)
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["export"] = "xlsx"
    response = render(
        request,
        template,
        {
            "filter": filterset,
            "page": page,
            "export_url": f"?{export_query.urlencode()}",
            "results_only": wants_results_only(request),
            **(context or {}),
        },
    )
    # The same URL answers a whole page or the results alone: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


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


def confirmation_missing(request) -> bool:
    """A form with ``web/_confirm.html`` (a step that cannot be undone) posted without its box
    ticked: the dialog of static/js/confirm.js ticks it; without JavaScript the user does."""
    return bool(request.POST.get("confirm_required")) and not request.POST.get("confirmed")


def confirmation_message() -> str:
    return _("This step cannot be undone: tick the box to confirm it, then submit again.")


def transition_view(request, record, service, *, argument: str, success, with_reason=False):
    """Run a transition from a button (POST); refusals come back as messages on the record's page."""
    if confirmation_missing(request):
        messages.error(request, confirmation_message())
        return redirect(record.get_absolute_url())
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
    if not (user.is_clerk or user.supervises_departments):
        raise Http404


def history(request, record, limit: int = 20):
    """The latest entries of a record's history, for whoever may read it (``audit.history_for``),
    ready to read (``trail.present``): ``web/_history.html`` shows them."""
    entries = audit.history_for(request.user, record).select_related("actor", "content_type")
    return trail.present(entries[:limit])


def form_page(
    request,
    form,
    service,
    *,
    success,
    template="web/form.html",
    context=None,
    done=None,
    **arguments,
):
    """A page whose form registers or changes a record through ``service``.

    On a valid POST the service runs with ``arguments``, the acting user and the form's values; if
    it accepts them: ``success`` as a message and a redirect to ``done`` (default: the saved
    record). Otherwise the form again with its errors and the service's refusals (400). With
    ``warning`` in the context the page asks for a confirmation first (``web/_confirm.html``).
    ``success`` and ``done`` may also be functions of what the service returned, for a message
    that names it or a redirect that depends on it.
    """
    if request.method == "POST" and confirmation_missing(request):
        form.is_valid()
        form.add_error(None, confirmation_message())
    elif request.method == "POST" and form.is_valid():
        saved = call_service(form, service, actor=request.user, **arguments, **form.cleaned_data)
        if saved is not None:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect((done(saved) if callable(done) else done) or saved)
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)


def post_to_record(
    request, record, service, *, page, success, form=None, form_name="", **arguments
):
    """Run ``service`` for a POST on ``record``'s page, with ``arguments`` and the posted form's
    values, and answer as every action on these pages does.

    Done: back to the page with ``success`` (a text, or a function of what the service returned).
    Wrong input: ``page`` again with the form and its errors (400). A refusal in the record's
    state: ``page`` with the reason (409). A refusal of the user (PermissionDenied) is a 403.
    A step that cannot be undone posted without its confirmation: ``page`` with the reason (400).
    """
    if confirmation_missing(request):
        return page(request, record, status=400, problem=confirmation_message())
    if form is not None and not form.is_valid():
        return page(request, record, status=400, **{form_name: form})
    try:
        result = service(**arguments, **(form.cleaned_data if form else {}), actor=request.user)
    except TransitionNotAllowed as refusal:
        return page(request, record, status=409, problem=refusal.message)
    except ValidationError as error:
        if form is None:
            return page(request, record, status=400, problem="；".join(error.messages))
        add_service_errors(form, error)
        return page(request, record, status=400, **{form_name: form})
    messages.success(request, success(result) if callable(success) else success)
    return redirect(record)


def record_action(request, record, action: str, *, actions, page, argument: str):
    """``POST /{record}/{action}/``: ``actions[action]`` is (form, service, success); the service
    gets ``record`` as ``argument``."""
    form_class, service, success = actions[action]
    return post_to_record(
        request,
        record,
        service,
        page=page,
        success=success,
        form=form_class(request.POST, request.FILES),
        form_name=f"{action}_form",
        **{argument: record},
    )

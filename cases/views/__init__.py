"""Pages of the cases app: major decisions (``decisions``) and case-file catalogues
(``catalogues``). Every record is fetched through ``for_user``: another department's record
answers 404. Every change goes through ``cases.services``; the pages show its refusals."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from supervision.errors import TransitionNotAllowed
from supervision.web.pages import add_service_errors, confirmation_message, confirmation_missing


def post_to_record(
    request, record, service, *, page, success, form=None, form_name="", **arguments
):
    """Run ``service`` for a POST on ``record``'s page, with ``arguments`` and the posted form's
    values, and answer as every action on these pages does.

    Done: back to the page with ``success`` (a text, or a function of what the service returned).
    Wrong input: ``page`` again with the form and its errors (400). A refusal in the record's
    state: ``page`` with the reason (409). A refusal of the user (PermissionDenied) is a 403.
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

"""The public side of complaints (no login): the form, the page that shows the tracking code once,
and the tracking page. Rate-limited per client address through the kernel's door: every page by
the public lookup's rate, filing by ``COMPLAINT_SUBMIT_RATE`` and code look-ups by
``COMPLAINT_TRACK_RATE``.

The tracking page answers a wrong code exactly as a malformed one (404, the same words), shows the
status, the dates and the published answer or the reasons of a refusal, and never the internal
notes, the investigation, who handled it or who complained.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from supervision.web.forms import TrackingCodeForm as TrackForm
from supervision.web.pages import add_service_errors
from supervision.web.public import private_page
from supervision.web.throttling import public_page_limit, rate_limited

from . import selectors, services
from .forms import PublicComplaintForm, enforcement_departments

SESSION_KEY = "public_complaint_code"

submit_limit = rate_limited(
    rate="COMPLAINT_SUBMIT_RATE", scope="complaint-submit", methods={"POST"}
)
track_limit = rate_limited(rate="COMPLAINT_TRACK_RATE", scope="complaint-track")


@require_http_methods(["GET", "POST"])
@never_cache
@public_page_limit
@submit_limit
def new(request):
    form = PublicComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _complaint, code = services.complaint_file(**form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Post/redirect/get; the code waits in the session for the one page that shows it.
            request.session[SESSION_KEY] = code
            return redirect("public-complaints:filed")
    status = 400 if form.errors else 200
    return render(request, "complaints/public/new.html", {"form": form}, status=status)


@require_GET
@public_page_limit
def departments(request):
    """The department choices of one government level, for the form's htmx refresh."""
    try:
        jurisdiction = int(request.GET.get("jurisdiction", ""))
    except ValueError:
        jurisdiction = None
    choices = enforcement_departments().filter(jurisdiction=jurisdiction) if jurisdiction else []
    return render(request, "complaints/public/_department_options.html", {"choices": choices})


@require_GET
@public_page_limit
def filed(request):
    code = request.session.pop(SESSION_KEY, None)
    if code is None:
        return redirect("public-complaints:track")
    return private_page(render(request, "complaints/public/filed.html", {"code": code}))


def _status_page(request, code):
    complaint = selectors.by_tracking_code(code)
    return private_page(
        render(
            request,
            "complaints/public/status.html",
            {"complaint": complaint, "form": TrackForm()},
            status=200 if complaint else 404,
        )
    )


@require_http_methods(["GET", "POST"])
@never_cache
@public_page_limit
def track(request):
    """The look-up form; a posted code shows its page without putting the code in the address."""
    if request.method == "POST":
        return _track_post(request)
    return private_page(render(request, "complaints/public/track.html", {"form": TrackForm()}))


@track_limit
def _track_post(request):
    form = TrackForm(request.POST)
    if not form.is_valid():
        return private_page(
            render(request, "complaints/public/track.html", {"form": form}, status=400)
        )
    return _status_page(request, form.cleaned_data["code"])


@require_GET
@never_cache
@public_page_limit
@track_limit
def status(request, code):
    return _status_page(request, code)

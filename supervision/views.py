from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import AuditEntry


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request):
    return render(request, "home.html", {"department": request.user.department})


def legal_office_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.sees_all_departments:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@legal_office_required
def audit_trail(request):
    """The audit trail of the whole portal, or of one record (``?model=app.model&id=N``)."""
    entries = AuditEntry.objects.select_related("actor", "content_type")
    record = None
    model, object_id = request.GET.get("model", ""), request.GET.get("id", "")
    if model:
        app_label, _dot, model_name = model.partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            raise Http404
        entries = entries.filter(content_type=content_type)
        if object_id:
            entries = entries.filter(object_id=object_id[:64])
            record = entries.first()
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit_trail.html", {"page": page, "record": record, "model": model})


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return render(request, "500.html", status=500)

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import notices
from .errors import TransitionNotAllowed
from .filters import AuditFilter, NoticeFilter
from .forms import NoticeReplyForm, ScheduleForm
from .models import (
    AuditEntry,
    DeadlineCheckRun,
    Department,
    HolidaySchedule,
    Notice,
    NoticeReply,
)
from .security import events
from .services import parse_schedule, schedule_enter
from .spreadsheets import export_response
from .web import trail
from .web.documents import serve_document
from .web.pages import list_page


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


def legal_office_required(view):
    """The legal office's pages."""
    return _office_required(view, administrator=False)


def calendar_keeper_required(view):
    """The legal office's and the administrator's: the holiday calendar is configuration, no
    registry's record."""
    return _office_required(view, administrator=True)


def _office_required(view, *, administrator):
    @login_required
    def wrapped(request, *args, **kwargs):
        user = request.user
        if not (user.supervises_departments or (administrator and user.is_administrator)):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def audit_reader_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.reads_audit_trail:
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


AUDIT_COLUMNS = [
    (gettext_lazy("At"), lambda e: e.at_shown),
    (gettext_lazy("record type"), lambda e: e.record_type),
    (gettext_lazy("Record"), lambda e: e.record_shown.text),
    (gettext_lazy("Action"), lambda e: e.action_label),
    (gettext_lazy("By"), lambda e: e.actor_shown),
    (gettext_lazy("Changes"), trail.changes_text),
    (gettext_lazy("reason"), lambda e: e.reason_shown),
]


@audit_reader_required
def audit_trail(request):
    """The audit trail of the legal office's jurisdiction and those below, or of one record
    (``?model=app.model&id=N``): filtered, paginated, exported."""
    entries = AuditEntry.objects.for_user(request.user).select_related("actor", "content_type")
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
            record = trail.present(entries[:1])[0] if entries.exists() else None
    return list_page(
        request,
        queryset=entries,
        filterset_class=AuditFilter,
        template="audit_trail.html",
        export_columns=AUDIT_COLUMNS,
        export_title=gettext_lazy("Audit trail"),
        export_filename=_("audit-trail"),
        prepare=trail.present,
        context={"record": record},
    )


@require_GET
def favicon(request):
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    events.permission_denied(request)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return render(request, "403.html", status=403)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return render(request, "500.html", status=500)


# Notices -----------------------------------------------------------------------------------------


def _notices_for(request):
    """The caller's inbox, filtered as the page and the API filter it (an invalid filter: none)."""
    inbox = Notice.objects.for_user(request.user).select_related("department")
    filtered = NoticeFilter(request.GET, queryset=inbox, request=request)
    return filtered.qs if filtered.is_valid() else inbox.none()


@login_required
def notice_list(request):
    notices = _notices_for(request)
    if request.GET.get("format") == "xlsx":
        events.exported(request, "notices")
        return export_response(
            notices,
            [
                (_("Document number"), lambda n: n.number),
                (_("Kind"), lambda n: n.get_kind_display()),
                (_("Addressee"), lambda n: n.addressee),
                (_("Title"), lambda n: n.subject),
                (_("Deadline"), lambda n: n.due_date),
                (_("Issued on"), lambda n: n.issued_on),
                (_("Read at"), lambda n: n.read_on and timezone.localtime(n.read_on).date()),
            ],
            title=_("Notices"),
            filename="notices",
        )
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/notice_list.html",
        {
            "page": page,
            "kinds": Notice.Kind.choices,
            "departments": _department_choices(request.user),
        },
    )


def _department_choices(user):
    if not user.supervises_departments:
        return []
    return Department.objects.for_user(user).values_list("pk", "name")


@login_required
def notice_detail(request, pk):
    notice = get_object_or_404(
        Notice.objects.for_user(request.user).select_related("department"), pk=pk
    )
    form = NoticeReplyForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "read":
                notices.notice_mark_read(notice=notice, actor=request.user)
                messages.success(request, _("Marked as read."))
                return redirect("notice-page", pk=pk)
            form = NoticeReplyForm(request.POST, request.FILES)
            if form.is_valid():
                notices.notice_reply(notice=notice, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Your reply was sent to the legal office."))
                return redirect("notice-page", pk=pk)
        except TransitionNotAllowed as error:
            messages.error(request, error.message)
        except ValidationError as error:
            form.add_error(None, error)
    replies = notice.replies.select_related("author")
    can_answer = request.user.is_clerk and notice.department_id == request.user.department_id
    # A department sent a copy (抄送) reads the notice; it neither answers nor sees the answers.
    is_copy = notices.is_copy_for(notice, request.user)
    # A bulletin to every department: each clerk marks it read for their department.
    can_read = not notice.read_on and (
        can_answer
        or (request.user.is_clerk and notice.department_id is None and not notice.addressee_user_id)
        or notice.addressee_user_id == request.user.pk
    )
    readings = None
    if notice.department_id is None and request.user.supervises_departments:
        readings = notice.readings.select_related("department").order_by("read_at")
    return render(
        request,
        "supervision/notice_detail.html",
        {
            "notice": notice,
            "replies": replies,
            "form": form,
            "can_answer": can_answer,
            "can_read": can_read,
            "is_copy": is_copy,
            "readings": readings,
            # Only the office that issued a document voids it (and drafts its replacement).
            "may_void": request.user.is_legal_office
            and request.user.jurisdiction_id == notice.office_id,
        },
    )


@login_required
def notice_pdf(request, pk):
    notice = get_object_or_404(Notice.objects.for_user(request.user), pk=pk)
    response = HttpResponse(notices.render_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename=notice-{notice.year}-{notice.sequence}.pdf"
    return response


def _answered_notices(user):
    """The notices whose replies the user reads: a clerk those of their department (not the
    copies it was sent), anyone else every notice they read."""
    notices_read = Notice.objects.for_user(user)
    if user.is_clerk:
        return notices_read.filter(department=user.department_id)
    return notices_read


@login_required
def notice_reply_attachment(request, pk):
    reply = get_object_or_404(
        NoticeReply.objects.filter(notice__in=_answered_notices(request.user)).exclude(
            attachment=""
        ),
        pk=pk,
    )
    # Replies sent before the original name was kept were stored under it.
    return serve_document(reply.attachment, PurePath(reply.attachment.name).stem)


# Holiday schedules -----------------------------------------------------------------------------


@calendar_keeper_required
def schedule_list(request):
    schedules = HolidaySchedule.objects.select_related("entered_by").prefetch_related("days")
    # The holiday calendar is national and one: the top office enters it, the others read it.
    may_enter = request.user.is_top_office
    if request.method == "POST" and not may_enter:
        raise PermissionDenied
    form = ScheduleForm(request.POST or None, request.FILES or None) if may_enter else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            days = parse_schedule(data["days"], year=data["year"])
            schedule, changed = schedule_enter(
                year=data["year"], days=days, source=data["source"], actor=request.user
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _(
                    "The %(year)d schedule is saved (%(days)d days); %(changed)d open deadlines were computed again."
                )
                % {"year": schedule.year, "days": len(days), "changed": sum(changed.values())},
            )
            return redirect("schedule-list")
    return render(
        request,
        "supervision/schedule_list.html",
        {
            "schedules": schedules,
            "form": form,
            "package_years": _package_years(),
            "last_run": DeadlineCheckRun.objects.order_by("-finished_at").first(),
        },
    )


def _package_years():
    from .calendar import package_knows

    return [year for year in range(2004, 2101) if package_knows(year)]

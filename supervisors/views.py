"""Pages of the invited supervisors' work: the legal office's overview (with its .xlsx), a
supervisor's record and profile, a quarter's report (the supervisor files it, the legal office
decides each problem), recording an activity, the quarter's compilation for the government.

Every record comes through ``for_user``; every change through ``supervisors.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from supervision import calendar
from supervision.calendar import quarter_of
from supervision.errors import TransitionNotAllowed
from supervision.security import events
from supervision.spreadsheets import export_response
from supervision.web.documents import serve_document
from supervision.web.forms import ReasonForm
from supervision.web.pages import add_service_errors, form_page, history, post_to_record

from . import selectors, services
from .forms import (
    ActivityForm,
    AppointForm,
    AttachForm,
    CompileForm,
    EmptyForm,
    FindingForm,
    ProblemForm,
    ProfileForm,
    ReportTextForm,
)
from .models import Attachment, Problem, QuarterlyReport, SupervisorProfile


def _require_office(user):
    if not user.supervises_departments:
        raise Http404


def _quarter(request):
    year, quarter = quarter_of(calendar.today())
    try:
        year = int(request.GET.get("year", year))
        quarter = int(request.GET.get("quarter", quarter))
    except ValueError:
        raise Http404 from None
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise Http404
    return year, quarter


def _report_state(row) -> str:
    if row.report_status is None:
        return _("not opened")
    if row.report_filed is None:
        return _("not filed")
    if row.report_filed <= row.report_due:
        return _("filed on time")
    return _("filed late")


OVERVIEW_COLUMNS = [
    (gettext_lazy("supervisor"), lambda p: p.user.get_full_name() or p.user.username),
    (gettext_lazy("appointed from"), lambda p: p.appointed_from),
    (gettext_lazy("appointed until"), lambda p: p.appointed_to),
    (
        gettext_lazy("fixed-point contact departments"),
        lambda p: "、".join(d.name for d in p.user.contact_departments.all()),
    ),
    (gettext_lazy("activities in the quarter"), lambda p: p.activities),
    (gettext_lazy("the quarter's report"), _report_state),
    (gettext_lazy("report due"), lambda p: p.report_due),
    (pgettext_lazy("quarterly report", "filed on"), lambda p: p.report_filed),
    (gettext_lazy("reports on time this year"), lambda p: p.reports_on_time),
    (gettext_lazy("reports due this year"), lambda p: p.reports_due),
    (gettext_lazy("problems raised this year"), lambda p: p.problems_raised),
    (gettext_lazy("made findings"), lambda p: p.problems_findings),
    (gettext_lazy("findings rectified"), lambda p: p.findings_rectified),
    (gettext_lazy("closed with a reason"), lambda p: p.problems_closed),
    (gettext_lazy("awaiting decision"), lambda p: p.problems_open),
]


@login_required
def overview(request, compile_form=None, status=200, problem=None):
    _require_office(request.user)
    year, quarter = _quarter(request)
    rows = selectors.overview(request.user, year, quarter, calendar.today())
    if request.GET.get("export") == "xlsx":
        events.exported(request, "supervisors")
        return export_response(
            rows,
            OVERVIEW_COLUMNS,
            title=_("Invited supervisors, Q%(quarter)d %(year)d")
            % {"quarter": quarter, "year": year},
            filename=f"supervisors-{year}-q{quarter}",
        )
    rows = list(rows)
    for row in rows:
        row.state = _report_state(row)
    office = request.user.jurisdiction_id
    return render(
        request,
        "supervisors/overview.html",
        {
            "rows": rows,
            "year": year,
            "quarter": quarter,
            "quarters": [1, 2, 3, 4],
            "compilation": services.compilation_of(office, year, quarter) if office else None,
            "compile_form": compile_form or CompileForm(initial={"year": year, "quarter": quarter}),
            "problem": problem,
        },
        status=status,
    )


@login_required
@require_POST
def compile_quarter(request):
    _require_office(request.user)
    form = CompileForm(request.POST)
    if not form.is_valid():
        return overview(request, compile_form=form, status=400)
    try:
        notice = services.quarter_compile(actor=request.user, **form.cleaned_data)
    except TransitionNotAllowed as refusal:
        return overview(request, compile_form=form, status=409, problem=refusal.message)
    except ValidationError as error:
        add_service_errors(form, error)
        return overview(request, compile_form=form, status=400)
    messages.success(
        request, _("The quarter's reports were compiled as %(number)s.") % {"number": notice.number}
    )
    return redirect("notice-page", pk=notice.pk)


def _profile_for(request, user_pk):
    return get_object_or_404(
        SupervisorProfile.objects.for_user(request.user).select_related("user"), user=user_pk
    )


@login_required
def supervisor_detail(request, user_pk):
    _require_office(request.user)
    profile = _profile_for(request, user_pk)
    reports = (
        QuarterlyReport.objects.for_user(request.user)
        .filter(supervisor=profile.user)
        .prefetch_related("problems__finding", "problems__department", "activities__department")
    )
    return render(
        request,
        "supervisors/supervisor_detail.html",
        {
            "profile": profile,
            "supervisor": profile.user,
            "departments": profile.user.contact_departments.order_by("code"),
            "reports": reports,
            "keeps": services.keeps(request.user, profile.user),
            "history": history(request, profile),
        },
    )


@login_required
def profile_create(request):
    """Appoint a supervisor: the first profile of a supervisor's account of this office."""
    _require_office(request.user)
    form = AppointForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        services.profile_save,
        success=gettext_lazy("The supervisor's profile has been saved."),
        context={"title": _("Appoint an invited supervisor")},
    )


@login_required
def profile_edit(request, user_pk):
    _require_office(request.user)
    profile = _profile_for(request, user_pk)
    form = ProfileForm(
        request.POST or None, instance=profile, user=request.user, supervisor=profile.user
    )
    return form_page(
        request,
        form,
        services.profile_save,
        supervisor=profile.user,
        success=gettext_lazy("The supervisor's profile has been saved."),
        context={"title": _("Supervisor profile: %(name)s") % {"name": profile}},
        done=profile.get_absolute_url(),
    )


def _report_for(request, pk):
    return get_object_or_404(
        QuarterlyReport.objects.for_user(request.user).select_related("supervisor"), pk=pk
    )


def _report_page(request, report, *, status=200, problem=None, **forms):
    user = request.user
    own = user.pk == report.supervisor_id
    office = services.keeps(user, report.supervisor)
    problems = report.problems.select_related("department", "finding")
    context = {
        "report": report,
        "own": own,
        "editable": own and report.status == QuarterlyReport.Status.OPEN,
        "reviewing": office and report.status == QuarterlyReport.Status.SUBMITTED,
        "activities": report.activities.select_related("department"),
        "attachments": report.attachments.all(),
        "problems": [(p, services.outcome_label(p)) for p in problems],
        "problem": problem,
        "text_form": forms.get("text_form") or ReportTextForm(initial={"text": report.text}),
        "attach_form": forms.get("attach_form") or AttachForm(),
        "problem_form": forms.get("problem_form") or ProblemForm(user=user),
        "finding_form": forms.get("finding_form") or FindingForm(),
        "history": history(request, report) if user.supervises_departments else [],
        "today": calendar.today(),
    }
    return render(request, "supervisors/report_detail.html", context, status=status)


@login_required
def report_detail(request, pk):
    return _report_page(request, _report_for(request, pk))


@login_required
def my_quarter(request):
    """The supervisor's report of this quarter. A GET only reads: a report not started yet is
    shown as such, with the button that starts it (a POST, which opens it)."""
    if not request.user.is_supervisor:
        raise Http404
    day = calendar.today()
    if request.method == "POST":
        return redirect(services.quarter_report(request.user, day))
    year, quarter = quarter_of(day)
    report = QuarterlyReport.objects.filter(
        supervisor=request.user, year=year, quarter=quarter
    ).first()
    if report is not None:
        return redirect(report)
    context = {"year": year, "quarter": quarter, "due": services.report_due(year, quarter)}
    return render(request, "supervisors/my_quarter.html", context)


REPORT_ACTIONS = {
    "text": (ReportTextForm, services.report_change, gettext_lazy("The report has been saved.")),
    "attach": (AttachForm, services.report_attach, gettext_lazy("The attachments were added.")),
    "problem": (ProblemForm, services.problem_add, gettext_lazy("The problem has been added.")),
    "submit": (EmptyForm, services.report_submit, gettext_lazy("The report has been filed.")),
    "review": (EmptyForm, services.report_review, gettext_lazy("The review is complete.")),
}


@login_required
@require_POST
def report_action(request, pk, action):
    report = _report_for(request, pk)
    if action not in REPORT_ACTIONS:
        raise Http404
    form_class, service, success = REPORT_ACTIONS[action]
    return post_to_record(
        request,
        report,
        service,
        page=_report_page,
        success=success,
        form=form_class(request.POST, request.FILES),
        form_name=f"{action}_form",
        report=report,
    )


PROBLEM_ACTIONS = {
    "finding": (
        FindingForm,
        services.problem_finding,
        gettext_lazy("The problem is now a finding, ordered to be rectified."),
    ),
    "close": (ReasonForm, services.problem_close, gettext_lazy("The problem is closed.")),
}


@login_required
@require_POST
def problem_action(request, pk, action):
    problem = get_object_or_404(Problem.objects.for_user(request.user), pk=pk)
    if action not in PROBLEM_ACTIONS:
        raise Http404
    form_class, service, success = PROBLEM_ACTIONS[action]
    report = problem.report

    def page(request, _record, **kwargs):
        # The forms of each problem are the same on the page: a wrong one is said at the top.
        for name in ("finding_form", "close_form"):
            form = kwargs.pop(name, None)
            if form is not None and form.errors:
                kwargs["problem"] = "；".join(
                    str(message) for errors in form.errors.values() for message in errors
                )
        return _report_page(request, report, **kwargs)

    return post_to_record(
        request,
        report,
        service,
        page=page,
        success=success,
        form=form_class(request.POST),
        form_name=f"{action}_form",
        problem=problem,
    )


@login_required
def activity_create(request):
    if not request.user.is_supervisor:
        raise Http404
    form = ActivityForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        services.activity_record,
        success=gettext_lazy("The activity has been recorded."),
        context={"title": _("Record a supervision activity")},
        done=lambda activity: activity.report.get_absolute_url(),
    )


@login_required
def attachment_file(request, pk, attachment_pk):
    report = _report_for(request, pk)
    attachment = get_object_or_404(Attachment.objects.filter(report=report), pk=attachment_pk)
    return serve_document(attachment.file, _("attachment"))

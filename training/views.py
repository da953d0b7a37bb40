from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from personnel.models import Officer
from supervision.errors import TransitionNotAllowed
from supervision.models import Department
from supervision.spreadsheets import workbook_bytes, xlsx_response
from supervision.web.documents import serve_document
from supervision.web.pages import (
    add_service_errors,
    call_service,
    form_page,
    history,
    list_page,
    require_writer_page,
    transition_view,
)

from . import importing, selectors, services
from .eligibility import TrainingCheck
from .filters import CourseFilter, TrainingPlanFilter
from .forms import AssessmentForm, CourseForm, RecordForm, SheetForm, TrainingPlanForm
from .models import Course, TrainingPlan, TrainingRecord, TrainingWithholding

PER_PAGE = 50


def _year(request) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


def _yes_no(value):
    return _("yes") if value else _("no")


def _number(value):
    """A Decimal as a number Excel can sum (the export writes other types as text)."""
    return None if value is None else float(value)


# Standing: the report, a department, an officer -------------------------------------------------

REPORT_COLUMNS = [
    _("department"),
    _("officers"),
    _("compliant"),
    _("short"),
    _("hours delivered"),
    _("courses attended"),
]


@login_required
def overview(request):
    """Per department and year: officers, compliant, short, hours delivered, courses."""
    year = _year(request)
    departments = Department.objects.for_user(request.user).order_by("code")
    rows = selectors.department_report(departments, year)
    if request.GET.get("export") == "xlsx":
        content = workbook_bytes(
            title=_("Training %(year)d") % {"year": year},
            headers=REPORT_COLUMNS,
            rows=(
                [
                    r.department.name,
                    r.officers,
                    r.compliant,
                    r.short,
                    _number(r.hours_delivered),
                    r.courses,
                ]
                for r in rows
            ),
        )
        return xlsx_response(content, f"training-{year}")
    return render(
        request,
        "training/overview.html",
        {
            "year": year,
            "rows": rows,
            "years": _year_choices(),
            "required": selectors.required_hours(),
        },
    )


def _year_choices():
    this_year = timezone.localdate().year
    return list(range(this_year + 1, this_year - 5, -1))


def _standing_columns(year):
    return [
        (pgettext_lazy("person", "name"), lambda o: o.name),
        (_("enforcement entity"), lambda o: o.entity.name),
        (_("hours"), lambda o: _number(o.training_hours)),
        (_("hours short"), lambda o: _number(selectors.standing_of(o, year).short_by)),
        (_("assessed"), lambda o: _yes_no(o.best_score is not None)),
        (_("best score"), lambda o: _number(o.best_score)),
        (_("passed"), lambda o: _yes_no(o.training_passed)),
        (_("compliant"), lambda o: _yes_no(selectors.standing_of(o, year).compliant)),
    ]


@login_required
def department_standing(request, pk):
    """Who in the department is short in the year, and by how many hours."""
    department = get_object_or_404(Department.objects.for_user(request.user), pk=pk)
    year = _year(request)
    short_only = request.GET.get("all") != "1"
    officers = selectors.department_standings(
        Officer.objects.for_user(request.user).filter(department=department),
        year,
        short_only=short_only,
    )
    if request.GET.get("export") == "xlsx":
        columns = _standing_columns(year)
        content = workbook_bytes(
            title=f"{department.code} {year}",
            headers=[header for header, _getter in columns],
            rows=([getter(o) for _header, getter in columns] for o in officers.iterator(2000)),
        )
        return xlsx_response(content, f"training-{department.code}-{year}")
    page = Paginator(officers, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = [(officer, selectors.standing_of(officer, year)) for officer in page]
    return render(
        request,
        "training/department.html",
        {
            "department": department,
            "year": year,
            "years": _year_choices(),
            "short_only": short_only,
            "page": page,
            "plan": TrainingPlan.objects.filter(department=department, year=year).first(),
            "required": selectors.required_hours(),
        },
    )


@login_required
def officer_training(request, pk):
    """An officer's hours, assessments and standing in a year, and whether training stops them."""
    officer = get_object_or_404(Officer.objects.for_user(request.user), pk=pk)
    year = _year(request)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST":
        if not request.user.handles(officer.department):
            raise Http404
        if form.is_valid() and call_service(
            form,
            services.assessment_record,
            actor=request.user,
            officer=officer,
            **form.cleaned_data,
        ):
            messages.success(request, _("The assessment is recorded."))
            return redirect(f"{request.path}?year={form.cleaned_data['year']}")
    table = selectors.standings([officer.pk], [year - 1, year])
    today = timezone.localdate()
    check = TrainingCheck()
    check.prepare([officer], today)
    return render(
        request,
        "training/officer.html",
        {
            "officer": officer,
            "year": year,
            "years": _year_choices(),
            "standing": table[(officer.pk, year)],
            "previous": table[(officer.pk, year - 1)],
            "refusals": check.enforcement_reasons(officer, today),
            "records": TrainingRecord.objects.filter(officer=officer)
            .select_related("course")
            .order_by("-year", "-course__ends_on", "-id"),
            "assessments": officer.assessments.order_by("-year", "-assessed_on", "-id"),
            "withholdings": TrainingWithholding.objects.filter(certificate__officer=officer)
            .select_related("certificate")
            .order_by("-year"),
            "form": form if request.user.handles(officer.department) else None,
        },
    )


# Courses ----------------------------------------------------------------------------------------

COURSE_COLUMNS = [
    (_("title"), lambda c: c.title),
    (_("kind"), lambda c: c.get_kind_display()),
    (_("organiser"), lambda c: c.organiser),
    (_("organising department"), lambda c: c.department.name if c.department else ""),
    (_("starts on"), lambda c: c.starts_on),
    (_("ends on"), lambda c: c.ends_on),
    (_("hours"), lambda c: _number(c.hours)),
    (_("content areas"), lambda c: "、".join(c.content_area_labels())),
]


@login_required
def course_list(request):
    return list_page(
        request,
        queryset=Course.objects.for_user(request.user),
        filterset_class=CourseFilter,
        template="training/course_list.html",
        export_columns=COURSE_COLUMNS,
        export_title=_("Training courses"),
        export_filename="courses",
    )


def _course(request, pk) -> Course:
    return get_object_or_404(Course.objects.for_user(request.user), pk=pk)


@login_required
def course_create(request):
    require_writer_page(request.user)
    form = CourseForm(request.POST or None, user=request.user)
    # A clerk's form has no kind: a clerk registers a course of their own department.
    arguments = {} if "kind" in form.fields else {"kind": Course.Kind.DEPARTMENT}
    return form_page(
        request,
        form,
        services.course_create,
        success=_("The course is registered."),
        context={"title": _("Register a training course")},
        **arguments,
    )


@login_required
def course_edit(request, pk):
    course = _course(request, pk)
    require_writer_page(request.user)
    return form_page(
        request,
        CourseForm(request.POST or None, user=request.user, course=course),
        services.course_update,
        success=_("The changes are saved."),
        context={"title": course.title, "back_url": course.get_absolute_url()},
        course=course,
    )


@login_required
def course_detail(request, pk):
    course = _course(request, pk)
    may_record = not services.attendance_refusal(request.user, course)
    record_form = RecordForm(user=request.user, course=course) if may_record else None
    sheet_form = SheetForm() if may_record else None
    if request.method == "POST":
        if not may_record:
            raise Http404
        record_form = RecordForm(request.POST, user=request.user, course=course)
        if record_form.is_valid() and call_service(
            record_form,
            services.record_create,
            actor=request.user,
            course=course,
            **record_form.cleaned_data,
        ):
            messages.success(request, _("The attendance is recorded."))
            return redirect(course)
    return _course_page(request, course, record_form=record_form, sheet_form=sheet_form)


def _course_page(request, course, *, record_form, sheet_form, sheet=None, status=200):
    records = (
        TrainingRecord.objects.for_user(request.user)
        .filter(course=course)
        .select_related("officer__department")
        .order_by("officer__department__code", "officer__name", "id")
    )
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "open_to": course.open_to.all() if course.kind == Course.Kind.CENTRALISED else [],
            "page": page,
            "record_form": record_form,
            "sheet_form": sheet_form,
            "sheet": sheet,
            "may_edit": (
                request.user.handles(course.department)
                if course.department_id
                else request.user.supervises_departments
            )
            or (request.user.is_clerk and course.department_id == request.user.department_id),
            "history": history(request, course),
        },
        status=status,
    )


@login_required
def sheet_template(request, pk):
    course = _course(request, pk)
    require_writer_page(request.user)
    return xlsx_response(importing.template_bytes(), f"sign-in-sheet-{course.pk}")


@login_required
@require_POST
def sheet_upload(request, pk):
    course = _course(request, pk)
    if services.attendance_refusal(request.user, course):
        raise Http404
    sheet_form = SheetForm(request.POST, request.FILES)
    sheet = None
    if sheet_form.is_valid():
        try:
            count = importing.sheet_import(
                file=sheet_form.cleaned_data["file"], course=course, actor=request.user
            )
        except importing.SheetRejected as rejected:
            sheet = rejected.sheet
        except ValidationError as error:
            add_service_errors(sheet_form, error)
        else:
            messages.success(request, _("%(count)d attendances are recorded.") % {"count": count})
            return redirect(course)
    return _course_page(
        request,
        course,
        record_form=RecordForm(user=request.user, course=course),
        sheet_form=sheet_form,
        sheet=sheet,
        status=400,
    )


@login_required
@require_POST
def record_delete(request, pk):
    record = get_object_or_404(TrainingRecord.objects.for_user(request.user), pk=pk)
    try:
        services.record_delete(record=record, actor=request.user)
    except TransitionNotAllowed as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The record is removed."))
    return redirect(record.course)


# Plans ------------------------------------------------------------------------------------------

PLAN_COLUMNS = [
    (_("department"), lambda p: p.department.name),
    (_("year"), lambda p: p.year),
    (_("courses planned"), lambda p: p.courses_planned),
    (_("hours planned per officer"), lambda p: _number(p.hours_planned)),
    (_("officers to be trained"), lambda p: p.people),
    (_("budget (yuan)"), lambda p: _number(p.budget)),
    (_("to be filed by"), lambda p: p.due),
    (_("filed on"), lambda p: p.filed_on),
]


@login_required
def plan_list(request):
    return list_page(
        request,
        queryset=TrainingPlan.objects.for_user(request.user),
        filterset_class=TrainingPlanFilter,
        template="training/plan_list.html",
        export_columns=PLAN_COLUMNS,
        export_title=_("Training plans"),
        export_filename="training-plans",
    )


def _plan(request, pk) -> TrainingPlan:
    return get_object_or_404(TrainingPlan.objects.for_user(request.user), pk=pk)


@login_required
def plan_create(request):
    require_writer_page(request.user)
    return form_page(
        request,
        TrainingPlanForm(request.POST or None, request.FILES or None, user=request.user),
        services.plan_create,
        success=_("The plan is registered; file it when it is final."),
        context={"title": _("Register a training plan")},
    )


@login_required
def plan_edit(request, pk):
    plan = _plan(request, pk)
    require_writer_page(request.user)
    return form_page(
        request,
        TrainingPlanForm(
            request.POST or None, request.FILES or None, instance=plan, user=request.user
        ),
        services.plan_update,
        success=_("The changes are saved."),
        context={"title": str(plan), "back_url": plan.get_absolute_url()},
        plan=plan,
    )


# action: (service, whether it takes reasons, message on success)
PLAN_ACTIONS = {
    "receive": (services.plan_receive, False, _("The filing has been received.")),
    "return": (services.plan_return, True, _("The filing has been returned to the department.")),
}


@login_required
@require_POST
def plan_action(request, pk, action):
    plan = _plan(request, pk)
    service, with_reason, success = PLAN_ACTIONS[action]
    return transition_view(
        request, plan, service, argument="plan", success=success, with_reason=with_reason
    )


@login_required
def plan_document(request, pk):
    plan = _plan(request, pk)
    if not plan.document:
        raise Http404
    return serve_document(plan.document, str(plan))


@login_required
def plan_detail(request, pk):
    plan = _plan(request, pk)
    if request.method == "POST":
        require_writer_page(request.user)
        return transition_view(
            request,
            plan,
            services.plan_file,
            argument="plan",
            success=_("The plan is filed with the legal office."),
        )
    deadline = services.plan_deadline(plan.year)
    return render(
        request,
        "training/plan_detail.html",
        {
            "plan": plan,
            "deadline": deadline,
            "late": plan.filed_on is None and timezone.localdate() > plan.due,
            "may_write": request.user.handles(plan.department)
            or (request.user.is_clerk and request.user.department_id == plan.department_id),
            "history": history(request, plan),
        },
    )

"""Training plans, courses, attendance, assessments and the year-end withholding: every change."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personnel.models import Certificate, Officer
from supervision import audit, bulk, eligibility, filing, notes
from supervision.calendar import Deadline, WorkingCalendar
from supervision.errors import TransitionNotAllowed
from supervision.models import Department
from supervision.workflow import (
    apply_changes,
    department_for,
    require_legal_office,
    require_writer,
    save_new,
)

from . import selectors
from .models import Assessment, Course, TrainingPlan, TrainingRecord, TrainingWithholding

EARLIEST_YEAR = 2000


def _check_year(year, *, field: str = "year", latest: int) -> int:
    if not isinstance(year, int) or not EARLIEST_YEAR <= year <= latest:
        raise ValidationError(
            {
                field: _("Enter a year from %(first)d to %(last)d.")
                % {"first": EARLIEST_YEAR, "last": latest}
            }
        )
    return year


# Plans ------------------------------------------------------------------------------------------

PLAN_FIELDS = ("courses_planned", "hours_planned", "people", "budget", "content", "document")


def plan_deadline(year: int, calendar: WorkingCalendar | None = None) -> Deadline:
    """31 January of ``year``, moved to the next working day if it is not one."""
    return (calendar or WorkingCalendar.load()).deadline_on(datetime.date(year, 1, 31))


@transaction.atomic
def plan_create(
    *, actor, year: int, department: Department | None = None, **values
) -> TrainingPlan:
    """Register a department's plan for ``year`` (one per department and year), not yet filed."""
    department = department_for(actor, department)
    if department.is_legal_office:
        raise ValidationError({"department": _("The legal office files no training plan.")})
    _check_year(year, latest=timezone.localdate().year + 1)
    # The department row is locked: two clerks registering the same year at once wait in turn.
    Department.objects.select_for_update().filter(pk=department.pk).first()
    if TrainingPlan.objects.filter(department=department, year=year).exists():
        raise ValidationError(
            {"year": _("The department already has a training plan for %(year)d.") % {"year": year}}
        )
    deadline = plan_deadline(year)
    plan = TrainingPlan(
        department=department,
        year=year,
        due=deadline.due,
        due_provisional=deadline.provisional,
        **{k: v for k, v in values.items() if k in PLAN_FIELDS},
    )
    return save_new(plan, actor=actor)


def _locked_plan(plan) -> TrainingPlan:
    return (
        TrainingPlan.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=plan.pk)
    )


@transaction.atomic
def plan_update(*, plan: TrainingPlan, actor, **values) -> TrainingPlan:
    plan = _locked_plan(plan)
    require_writer(actor, plan.department_id)
    if plan.is_filed:
        raise TransitionNotAllowed(_("A filed plan cannot be changed."))
    return apply_changes(plan, actor=actor, fields=PLAN_FIELDS, values=values)


@transaction.atomic
def plan_file(*, plan: TrainingPlan, actor) -> TrainingPlan:
    """File the plan with the legal office (备案) with its document, dated today; then it no
    longer changes, unless the legal office returns it (``plan_return``)."""
    plan = _locked_plan(plan)
    require_writer(actor, plan.department_id)
    return filing.filing_submit(
        plan,
        actor=actor,
        missing=[] if plan.is_filed or plan.document else [_("the plan document")],
        refusal=_("The plan is already filed."),
        filed_by=actor,
    )


@transaction.atomic
def plan_receive(*, plan: TrainingPlan, actor) -> TrainingPlan:
    """The legal office acknowledges the plan's filing (备案审查: received)."""
    plan = _locked_plan(plan)
    return filing.filing_receive(plan, actor=actor, department=plan.department)


@transaction.atomic
def plan_return(*, plan: TrainingPlan, actor, reason: str) -> TrainingPlan:
    """The legal office returns the plan with the reasons: it is not filed and may be changed."""
    plan = _locked_plan(plan)
    return filing.filing_return(
        plan, actor=actor, department=plan.department, reason=reason, filed_by=None
    )


def plans_recompute(calendar: WorkingCalendar) -> int:
    """After the holiday schedule changes: the deadlines of unfiled plans, one update per year."""
    changed = 0
    unfiled = TrainingPlan.objects.unfiled()
    for year in unfiled.order_by().values_list("year", flat=True).distinct():
        deadline = plan_deadline(year, calendar)
        changed += (
            unfiled.filter(year=year)
            .exclude(due=deadline.due, due_provisional=deadline.provisional)
            .update(due=deadline.due, due_provisional=deadline.provisional)
        )
    return changed


# Courses ----------------------------------------------------------------------------------------

COURSE_FIELDS = ("title", "organiser", "starts_on", "ends_on", "hours", "content_areas")


def _departments(open_to, actor) -> list[Department]:
    departments = list(open_to or [])
    if not departments:
        raise ValidationError({"open_to": _("Choose the departments the course is open to.")})
    if not all(actor.handles(d) for d in departments):
        raise ValidationError(
            {"open_to": _("Choose a department of this office's own jurisdiction.")}
        )
    return departments


@transaction.atomic
def course_create(
    *, actor, kind: str, department: Department | None = None, open_to=(), **values
) -> Course:
    """A department-organised course (a clerk's own department, or the one the legal office
    names), or a centralised course open to several departments (the legal office only)."""
    fields = {k: v for k, v in values.items() if k in COURSE_FIELDS}
    if kind == Course.Kind.CENTRALISED:
        require_legal_office(actor)
        departments = _departments(open_to, actor)
        course = Course(kind=kind, **fields)
    elif kind == Course.Kind.DEPARTMENT:
        if open_to:
            raise ValidationError(
                {"open_to": _("A department-organised course is for its own department only.")}
            )
        course = Course(kind=kind, department=department_for(actor, department), **fields)
        departments = []
    else:
        raise ValidationError({"kind": _("Choose the kind of course.")})
    course = save_new(course, actor=actor)
    if departments:
        course.open_to.set(departments)
        audit.record(
            course,
            action="open_to",
            actor=actor,
            after={"open_to": sorted(d.pk for d in departments)},
        )
    return course


def require_course_writer(actor, course: Course) -> None:
    if course.kind == Course.Kind.CENTRALISED:
        require_legal_office(actor)
    else:
        require_writer(actor, course.department_id)


@transaction.atomic
def course_update(*, course: Course, actor, open_to=None, **values) -> Course:
    """Change a course; its recorded hours must still fit, and they follow its end date's year."""
    course = Course.objects.select_for_update().get(pk=course.pk)
    require_course_writer(actor, course)
    values = {k: v for k, v in values.items() if k in COURSE_FIELDS}
    new = Course(
        kind=course.kind,
        department_id=course.department_id,
        **{name: values.get(name, getattr(course, name)) for name in COURSE_FIELDS},
    )
    records = course.records.all()
    if new.hours is not None and records.filter(hours__gt=new.hours).exists():
        raise ValidationError(
            {
                "hours": _(
                    "Officers earned more hours than that at this course: correct those records first."
                )
            }
        )
    if new.starts_on and new.ends_on and records.filter(hours__gt=new.max_hours).exists():
        raise ValidationError(
            {"ends_on": _("The recorded hours would be more than 24 hours a day.")}
        )
    old_year = course.counts_in_year
    course = apply_changes(course, actor=actor, fields=COURSE_FIELDS, values=values)
    if course.counts_in_year != old_year:
        # Hours count in the year of the course's last day: they move with it.
        records.update(year=course.counts_in_year)
        eligibility.changed(pk__in=records.values("officer_id"))
    if open_to and course.kind == Course.Kind.DEPARTMENT:
        raise ValidationError(
            {"open_to": _("A department-organised course is for its own department only.")}
        )
    if open_to is not None and course.kind == Course.Kind.CENTRALISED:
        departments = {d.pk for d in _departments(open_to, actor)}
        current = set(course.open_to.values_list("pk", flat=True))
        attended = set(records.values_list("officer__department_id", flat=True))
        if attended - departments:
            raise ValidationError(
                {
                    "open_to": _(
                        "Officers of a department you removed attended: it stays open to it."
                    )
                }
            )
        if departments != current:
            course.open_to.set(departments)
            audit.record(
                course,
                action="open_to",
                actor=actor,
                before={"open_to": sorted(current)},
                after={"open_to": sorted(departments)},
            )
    return course


# Attendance -------------------------------------------------------------------------------------


def attendance_refusal(actor, course: Course) -> str:
    """Why ``actor`` may not record attendance at ``course`` ("" when they may)."""
    if actor.supervises_departments:
        return ""
    own_course = (
        course.kind == Course.Kind.DEPARTMENT and course.department_id == actor.department_id
    )
    if actor.is_clerk and own_course:
        return ""
    if course.kind == Course.Kind.CENTRALISED:
        return _("Attendance at a centralised course is recorded by the legal office.")
    return _("You may not record attendance at this course.")


def check_attendance(*, actor, course: Course, today=None) -> None:
    refusal = attendance_refusal(actor, course)
    if refusal:
        raise ValidationError({"course": refusal})
    if course.starts_on > (today or timezone.localdate()):
        raise ValidationError({"course": _("Attendance is recorded once the course has started.")})


@transaction.atomic
def record_create(*, actor, officer: Officer, course: Course, hours: Decimal) -> TrainingRecord:
    """Record that ``officer`` attended ``course`` and earned ``hours`` there."""
    require_writer(actor, officer.department_id)
    check_attendance(actor=actor, course=course)
    if not course.is_open_to(officer.department_id):
        raise ValidationError({"officer": _("The course is not open to the officer's department.")})
    if TrainingRecord.objects.filter(officer=officer, course=course).exists():
        raise ValidationError(
            {"officer": _("This officer's attendance at this course is recorded.")}
        )
    record = TrainingRecord(officer=officer, course=course, hours=hours, recorded_by=actor)
    try:
        with transaction.atomic():
            return save_new(record, actor=actor)
    except IntegrityError as clash:
        raise ValidationError(
            {"officer": _("This officer's attendance at this course is recorded.")}
        ) from clash


@transaction.atomic
def record_delete(*, record: TrainingRecord, actor) -> None:
    """Remove a record entered by mistake (audited with what it said)."""
    record = (
        TrainingRecord.objects.select_for_update(of=("self",))
        .select_related("officer", "course")
        .get(pk=record.pk)
    )
    require_writer(actor, record.officer.department_id)
    refusal = attendance_refusal(actor, record.course)
    if refusal:
        raise TransitionNotAllowed(refusal)
    audit.record(record, action="delete", actor=actor, before=audit.snapshot(record))
    record.delete()


# Assessments ------------------------------------------------------------------------------------


@transaction.atomic
def assessment_record(
    *,
    actor,
    officer: Officer,
    year: int,
    score: Decimal,
    assessed_on: datetime.date | None = None,
    note: str = "",
) -> Assessment:
    """Record one attempt at ``officer``'s assessment of ``year`` (the legal office organises it).

    It passes with ``settings.TRAINING_PASS_SCORE`` or more; any number of attempts, the best counts.
    """
    require_legal_office(actor, officer.department)
    today = timezone.localdate()
    _check_year(year, latest=today.year)
    assessed_on = assessed_on or today
    if assessed_on > today:
        raise ValidationError({"assessed_on": _("The date cannot be in the future.")})
    if assessed_on.year < year:
        raise ValidationError(
            {
                "assessed_on": _("The assessment of %(year)d cannot be before that year.")
                % {"year": year}
            }
        )
    assessment = Assessment(
        officer=officer,
        year=year,
        score=score,
        assessed_on=assessed_on,
        note=(note or "").strip(),
        recorded_by=actor,
        passed=score is not None and Decimal(score) >= settings.TRAINING_PASS_SCORE,
    )
    return save_new(assessment, actor=actor)


# The year-end consequence -----------------------------------------------------------------------


def withholding_reason(year: int) -> str:
    """The reason written on each certificate, read in the reader's language (``notes``)."""
    return notes.note(
        gettext_lazy(
            "Training: fewer than %(hours)s training hours or no passed assessment in %(year)d."
        ),
        hours=selectors.hours_text(selectors.required_hours()),
        year=year,
    )


#: Ids per UPDATE ... WHERE id IN (...): PostgreSQL takes at most 65,535 parameters a query.
UPDATE_CHUNK = 5000


@transaction.atomic
def certificates_withhold_for_training(*, year: int, day: datetime.date) -> int:
    """Withhold every valid certificate whose holder was not compliant in ``year``.

    One query finds and locks them; they are updated by id (status ``withheld``, the training
    reason), then get one ``TrainingWithholding`` row and one audit entry each, copied in. Certificates issued after the
    year, and those already withheld for this year once (and perhaps restored by the legal
    office since), are left alone, so running it again changes nothing.
    """
    if year < selectors.first_judged_year():
        return 0
    S = Certificate.Status
    reason = withholding_reason(year)
    # Valid, held during the year, holder not compliant in it, never withheld for it before: one
    # query (two anti-joins), its rows locked until commit, so a second worker finds them done.
    withheld = list(
        Certificate.objects.filter(status=S.VALID, issued_on__lte=datetime.date(year, 12, 31))
        .exclude(selectors.was_compliant(year))
        .exclude(Exists(TrainingWithholding.objects.filter(certificate=OuterRef("pk"), year=year)))
        .select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", "number", "officer__department_id")
    )
    if not withheld:
        return 0
    changed = 0
    for start in range(0, len(withheld), UPDATE_CHUNK):
        chunk = [pk for pk, _number, _department in withheld[start : start + UPDATE_CHUNK]]
        changed += Certificate.objects.filter(pk__in=chunk).update(
            status=S.WITHHELD, status_reason=reason
        )
    now = timezone.now()
    bulk.insert(
        TrainingWithholding,
        ["certificate_id", "year", "department_id", "withheld_on", "created_at"],
        [(pk, year, department_id, day, now) for pk, _number, department_id in withheld],
    )
    eligibility.changed(certificates__in=[pk for pk, _number, _department in withheld])
    after = {"status": S.WITHHELD.value, "status_reason": reason}
    audit.record_values(
        Certificate,
        [(pk, number, after, None) for pk, number, _department in withheld],
        action="withhold",
        reason=reason,
    )
    return changed

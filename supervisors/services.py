"""The writes of the invited supervisors' work: the profile kept by the legal office, activities
and the quarterly report filed by the supervisor, the legal office's review of each problem
raised (a finding in the rectification loop, or closed with a reason), and the quarter's
compilation for the city government (a numbered notice)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, calendar, notes, notices, rectification, uploads
from supervision.calendar import WorkingCalendar, long_date, quarter_bounds, quarter_of
from supervision.errors import TransitionNotAllowed
from supervision.models import Department, Notice
from supervision.notices import NoticeDraft
from supervision.workflow import require_legal_office, require_reason, save_new, transition

from .models import (
    Activity,
    Attachment,
    Problem,
    QuarterlyReport,
    SupervisorProfile,
)

ReportStatus = QuarterlyReport.Status
COMPILATION_RULE = "supervisor_compilation"
PROFILE_FIELDS = [
    "appointed_from",
    "appointed_to",
    "contact_fields",
    "employer",
    "phone",
    "address",
]


def report_due(year: int, quarter: int, working_calendar=None):
    """The written report is due on the quarter's last day, moved to the next working day."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_on(quarter_bounds(year, quarter)[1])


def keeps(user, supervisor) -> bool:
    """The legal office of the jurisdiction that appointed the supervisor keeps their record."""
    return user.supervises_departments and user.jurisdiction_id == supervisor.jurisdiction_id


def _require_appointing_office(actor, supervisor) -> None:
    require_legal_office(actor)
    if not keeps(actor, supervisor):
        raise PermissionDenied(
            _("Only the legal office that appointed the supervisor may do this.")
        )


def _require_own(actor, report: QuarterlyReport) -> None:
    if not (actor.is_authenticated and actor.pk == report.supervisor_id):
        raise PermissionDenied(_("Only the supervisor files their own quarterly report."))


def _require_contact(actor, department, field="department") -> None:
    if department is None or not actor.contact_departments.filter(pk=department.pk).exists():
        raise ValidationError(
            {field: _("Choose one of the departments of your fixed-point contact.")}
        )


# The quarter ------------------------------------------------------------------------------------


def quarter_report(supervisor, day: datetime.date) -> QuarterlyReport:
    """The supervisor's report of the quarter of ``day``, opened if it does not exist yet."""
    year, quarter = quarter_of(day)
    existing = QuarterlyReport.objects.filter(supervisor=supervisor, year=year, quarter=quarter)
    report = existing.first()
    if report is not None:
        return report
    due = report_due(year, quarter)
    QuarterlyReport.objects.bulk_create(
        [
            QuarterlyReport(
                supervisor=supervisor,
                year=year,
                quarter=quarter,
                due_on=due.due,
                due_explanation=notes.explained(due),
            )
        ],
        ignore_conflicts=True,
    )
    return existing.get()


def open_quarters(day: datetime.date, working_calendar=None) -> int:
    """Open the quarter of ``day`` for every supervisor in office on its last day, in one insert
    (none twice). The daily checks run every day, so each quarter is open before it ends; a
    quarter before the portal's first check is not opened, so going live flags no old quarter."""
    working_calendar = working_calendar or WorkingCalendar.load()
    year, quarter = quarter_of(day)
    last = quarter_bounds(year, quarter)[1]
    due = report_due(year, quarter, working_calendar)
    supervisors = SupervisorProfile.objects.filter(
        appointed_from__lte=last, appointed_to__gte=last, user__is_active=True
    ).exclude(
        # NOT EXISTS, not NOT IN: an anti-join whatever the number of reports.
        Exists(
            QuarterlyReport.objects.filter(supervisor=OuterRef("user"), year=year, quarter=quarter)
        )
    )
    rows = [
        QuarterlyReport(
            supervisor_id=pk,
            year=year,
            quarter=quarter,
            due_on=due.due,
            due_explanation=notes.explained(due),
        )
        for pk in supervisors.values_list("user_id", flat=True)
    ]
    return len(QuarterlyReport.objects.bulk_create(rows, ignore_conflicts=True))


# The profile ------------------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    supervisor,
    actor,
    appointed_from,
    appointed_to,
    contact_departments,
    contact_fields="",
    employer="",
    phone="",
    address="",
) -> SupervisorProfile:
    """Appoint (or change the appointment of) an invited supervisor and name the departments of
    their fixed-point contact, among those the office handles."""
    if not supervisor.is_supervisor:
        raise ValidationError(_("Only an invited supervisor's account has a supervisor profile."))
    _require_appointing_office(actor, supervisor)
    departments = list(contact_departments)
    handled = set(Department.objects.handled_by(actor).values_list("pk", flat=True))
    if any(d.pk not in handled or d.is_legal_office for d in departments):
        raise ValidationError(
            {"contact_departments": _("Choose departments of this office's own jurisdiction.")}
        )
    values = {
        "appointed_from": appointed_from,
        "appointed_to": appointed_to,
        "contact_fields": (contact_fields or "").strip(),
        "employer": (employer or "").strip(),
        "phone": (phone or "").strip(),
        "address": (address or "").strip(),
    }
    profile = SupervisorProfile.objects.select_for_update().filter(user=supervisor).first()
    before_departments = sorted(supervisor.contact_departments.values_list("pk", flat=True))
    after_departments = sorted(d.pk for d in departments)
    if profile is None:
        profile = save_new(SupervisorProfile(user=supervisor, **values), actor=actor)
    else:
        # Contact details stay out of the audit trail's snapshots (personal data): the trail says
        # what changed, not to what.
        before = audit.snapshot(profile, ["appointed_from", "appointed_to", "contact_fields"])
        changed = [k for k, v in values.items() if getattr(profile, k) != v]
        for name in changed:
            setattr(profile, name, values[name])
        if changed:
            profile.full_clean()
            profile.save(update_fields=changed)
            audit.record(
                profile,
                action="change",
                actor=actor,
                before=before,
                after={
                    **audit.snapshot(profile, ["appointed_from", "appointed_to", "contact_fields"]),
                    "changed": changed,
                },
            )
    if before_departments != after_departments:
        supervisor.contact_departments.set(departments)
        audit.record(
            profile,
            action="change",
            actor=actor,
            before={"contact_departments": before_departments},
            after={"contact_departments": after_departments},
        )
    return profile


# The supervisor's quarter -----------------------------------------------------------------------


@transaction.atomic
def activity_record(*, actor, held_on, department, kind, observations) -> Activity:
    """A supervision activity, in the quarter of its day; the quarter's report must still be open."""
    if not (actor.is_authenticated and actor.is_supervisor):
        raise PermissionDenied(_("Only an invited supervisor records supervision activities."))
    if held_on > calendar.today():
        raise ValidationError({"held_on": _("An activity is recorded once it has taken place.")})
    profile = SupervisorProfile.objects.filter(user=actor).first()
    if profile is None or not profile.in_office(held_on):
        raise ValidationError({"held_on": _("This day is outside your term of appointment.")})
    _require_contact(actor, department)
    report = QuarterlyReport.objects.select_for_update().get(pk=quarter_report(actor, held_on).pk)
    if report.status != ReportStatus.OPEN:
        raise ValidationError(
            {"held_on": _("The report of that quarter is filed: its activities are closed.")}
        )
    activity = Activity(
        report=report,
        supervisor=actor,
        department=department,
        held_on=held_on,
        kind=kind,
        observations=(observations or "").strip(),
    )
    return save_new(activity, actor=actor, action="record")


def _lock_report(report: QuarterlyReport) -> QuarterlyReport:
    return (
        QuarterlyReport.objects.select_for_update().select_related("supervisor").get(pk=report.pk)
    )


def _require_open(report: QuarterlyReport) -> None:
    if report.status != ReportStatus.OPEN:
        raise TransitionNotAllowed(_("The report has been filed and can no longer be changed."))


@transaction.atomic
def report_change(*, report: QuarterlyReport, actor, text: str) -> QuarterlyReport:
    report = _lock_report(report)
    _require_own(actor, report)
    _require_open(report)
    before = audit.snapshot(report, ["text"])
    report.text = (text or "").strip()
    report.save(update_fields=["text"])
    audit.record(report, action="change", actor=actor, before=before, after={"text": report.text})
    return report


@transaction.atomic
def report_attach(*, report: QuarterlyReport, actor, files) -> list[Attachment]:
    report = _lock_report(report)
    _require_own(actor, report)
    _require_open(report)
    files = uploads.check_uploads(files, types=uploads.ATTACHMENTS, field="files")
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    saved = []
    for upload in files:
        attachment = Attachment(report=report, file=upload)
        uploads.remember_names(attachment)
        attachment.full_clean()
        attachment.save()
        saved.append(attachment)
    audit.record(
        report, action="attach", actor=actor, after={"files": [a.file_name for a in saved]}
    )
    return saved


@transaction.atomic
def problem_add(*, report: QuarterlyReport, actor, department, description: str) -> Problem:
    report = _lock_report(report)
    _require_own(actor, report)
    _require_open(report)
    _require_contact(actor, department)
    problem = Problem(report=report, department=department, description=(description or "").strip())
    return save_new(problem, actor=actor, action="record")


@transaction.atomic
def report_submit(*, report: QuarterlyReport, actor) -> QuarterlyReport:
    """File the quarter's written report (to the legal office, for the city government)."""
    report = _lock_report(report)
    _require_own(actor, report)
    _require_open(report)
    if not report.text.strip():
        raise ValidationError({"text": _("Write the report before filing it.")})
    if not report.activities.exists():
        raise TransitionNotAllowed(
            _("Record at least one supervision activity of the quarter before filing its report.")
        )
    if calendar.today() < report.period[0]:
        raise TransitionNotAllowed(_("A quarter's report is filed once the quarter has begun."))
    return transition(
        report,
        actor=actor,
        action="submit",
        sources=(ReportStatus.OPEN,),
        target=ReportStatus.SUBMITTED,
        refusal=_("The report has been filed and can no longer be changed."),
        submitted_on=calendar.today(),
    )


# The legal office's review ------------------------------------------------------------------------


def _lock_problem(problem: Problem) -> Problem:
    return (
        Problem.objects.select_for_update()
        .select_related("report__supervisor", "department")
        .get(pk=problem.pk)
    )


def _require_reviewable(problem: Problem) -> None:
    if problem.report.status != ReportStatus.SUBMITTED:
        raise TransitionNotAllowed(_("Problems are decided once the report is filed."))
    if problem.status != Problem.Status.OPEN:
        raise TransitionNotAllowed(_("This problem has already been decided."))


@transaction.atomic
def problem_finding(
    *, problem: Problem, actor, due_on: datetime.date | None = None, standard: str = ""
) -> Problem:
    """The problem becomes a finding against its department, ordered to be rectified."""
    problem = _lock_problem(problem)
    _require_appointing_office(actor, problem.report.supervisor)
    _require_reviewable(problem)
    finding = rectification.finding_raise(
        department=problem.department,
        problem=problem.description,
        actor=actor,
        standard=standard,
        source=problem,
        source_label=notes.note(
            gettext_lazy("Invited supervisor's report: %(report)s"), report=problem.report
        ),
    )
    rectification.finding_order(finding=finding, actor=actor, due_on=due_on)
    return transition(
        problem,
        actor=actor,
        action="raise",
        sources=(Problem.Status.OPEN,),
        target=Problem.Status.FINDING,
        refusal=_("This problem has already been decided."),
        finding=finding,
        decided_on=calendar.today(),
    )


@transaction.atomic
def problem_close(*, problem: Problem, actor, reason: str) -> Problem:
    reason = require_reason(reason)
    problem = _lock_problem(problem)
    _require_appointing_office(actor, problem.report.supervisor)
    _require_reviewable(problem)
    return transition(
        problem,
        actor=actor,
        action="close",
        sources=(Problem.Status.OPEN,),
        target=Problem.Status.CLOSED,
        refusal=_("This problem has already been decided."),
        reason=reason,
        close_reason=reason,
        decided_on=calendar.today(),
    )


@transaction.atomic
def report_review(*, report: QuarterlyReport, actor) -> QuarterlyReport:
    """The review is complete once every problem raised has been decided."""
    report = _lock_report(report)
    _require_appointing_office(actor, report.supervisor)
    if report.status != ReportStatus.SUBMITTED:
        raise TransitionNotAllowed(_("Only a filed report awaiting review can be reviewed."))
    if report.problems.filter(status=Problem.Status.OPEN).exists():
        raise TransitionNotAllowed(
            _("Decide every problem raised (a finding, or closed with a reason) first.")
        )
    return transition(
        report,
        actor=actor,
        action="review",
        sources=(ReportStatus.SUBMITTED,),
        target=ReportStatus.REVIEWED,
        refusal=_("Only a filed report awaiting review can be reviewed."),
        reviewed_on=calendar.today(),
        reviewed_by=actor,
    )


# The compilation for the city government ----------------------------------------------------------


def compilation_key(jurisdiction_id: int, year: int, quarter: int) -> str:
    return f"{COMPILATION_RULE}:{jurisdiction_id}:{year}-{quarter}"


def compilation_of(jurisdiction_id: int, year: int, quarter: int) -> Notice | None:
    return Notice.objects.filter(
        rule=COMPILATION_RULE, object_key=compilation_key(jurisdiction_id, year, quarter)
    ).first()


def compilation_body(jurisdiction_id: int, year: int, quarter: int) -> str:
    reports = (
        QuarterlyReport.objects.filter(
            supervisor__jurisdiction=jurisdiction_id, year=year, quarter=quarter
        )
        .select_related("supervisor")
        .prefetch_related("activities__department", "problems__department", "problems__finding")
        .order_by("supervisor__last_name", "supervisor__first_name", "supervisor__username")
    )
    first, last = quarter_bounds(year, quarter)
    filed = [r for r in reports if r.submitted_on is not None]
    lines = [
        _(
            "In accordance with the policy on strengthening enforcement supervision, the invited"
            " enforcement supervisors carried out supervision from %(first)s to %(last)s:"
            " %(filed)d of %(total)d supervisors filed their written reports. The reports are"
            " summarised as follows."
        )
        % {
            "first": long_date(first),
            "last": long_date(last),
            "filed": len(filed),
            "total": len(reports),
        }
    ]
    for n, report in enumerate(reports, start=1):
        name = report.supervisor.get_full_name() or report.supervisor.username
        activities = list(report.activities.all())
        if report.submitted_on is None:
            state = _("no written report filed")
        elif report.submitted_on <= report.due_on:
            state = _("report filed on %(day)s") % {"day": long_date(report.submitted_on)}
        else:
            state = _("report filed late, on %(day)s") % {"day": long_date(report.submitted_on)}
        departments = "、".join(sorted({a.department.name for a in activities})) or _("none")
        lines.append(
            _("%(n)d. %(name)s: %(count)d supervision activities (%(departments)s); %(state)s.")
            % {
                "n": n,
                "name": name,
                "count": len(activities),
                "departments": departments,
                "state": state,
            }
        )
        for problem in report.problems.all():
            lines.append(
                _("Problem raised about %(department)s: %(problem)s (%(outcome)s).")
                % {
                    "department": problem.department.name,
                    "problem": problem.description,
                    "outcome": outcome_label(problem),
                }
            )
    lines.append(
        _(
            "The legal office has ordered the departments concerned to rectify the problems made"
            " findings and will follow up on their rectification."
        )
    )
    return "\n".join(lines)


def outcome_label(problem: Problem) -> str:
    """What became of a problem, as the supervisor and the documents say it."""
    if problem.status == Problem.Status.FINDING and problem.finding is not None:
        return _("finding: %(state)s") % {"state": problem.finding.get_status_display()}
    if problem.status == Problem.Status.CLOSED:
        return _("closed: %(reason)s") % {"reason": problem.close_reason}
    return str(Problem.Status.OPEN.label)


@transaction.atomic
def quarter_compile(*, actor, year: int, quarter: int) -> Notice:
    """The quarter's supervisors' reports, compiled into one numbered report to the government of
    the office's jurisdiction, once the quarter is over."""
    require_legal_office(actor)
    if actor.jurisdiction_id is None:
        raise PermissionDenied(_("Only a legal office may do this."))
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    if calendar.today() <= quarter_bounds(year, quarter)[1]:
        raise TransitionNotAllowed(_("A quarter's reports are compiled once the quarter is over."))
    jurisdiction = actor.jurisdiction_id
    # Every supervisor in office at the quarter's end is in the document, with or without a report.
    open_quarters(quarter_bounds(year, quarter)[1])
    if not QuarterlyReport.objects.filter(
        supervisor__jurisdiction=jurisdiction,
        year=year,
        quarter=quarter,
        submitted_on__isnull=False,
    ).exists():
        raise TransitionNotAllowed(_("No supervisor has filed a report for this quarter."))
    # A document is written in the portal's language, whatever the caller's.
    with translation.override(settings.LANGUAGE_CODE):
        draft = NoticeDraft(
            kind=Notice.Kind.BULLETIN,
            department_id=None,
            office_id=jurisdiction,
            addressee_jurisdiction_id=jurisdiction,
            subject=_(
                "Report on the invited enforcement supervisors' work in Q%(quarter)d %(year)d"
            )
            % {"quarter": quarter, "year": year},
            body=compilation_body(jurisdiction, year, quarter),
            object_key=compilation_key(jurisdiction, year, quarter),
        )
    issued = notices.issue([draft], rule=COMPILATION_RULE, actor=actor)
    if not issued:
        raise TransitionNotAllowed(_("The reports of this quarter have already been compiled."))
    return issued[0]

"""The writes of special inspections (执法监督专项检查): plan one, change it, start it, conclude it,
add findings (into the kernel's rectification loop with a due date), and issue its report (通报)
to each department inspected as a numbered notice."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from supervision import audit, calendar, notices, rectification
from supervision.calendar import long_date
from supervision.errors import TransitionNotAllowed
from supervision.models import Department, Finding, Notice, User
from supervision.notices import NoticeDraft
from supervision.workflow import apply_changes, require_legal_office, transition

from .models import Inspection

Status = Inspection.Status
REPORT_RULE = "inspection_report"
FIELDS = ["title", "field", "methods", "start_on", "end_on", "scope", "rectification_due"]


def _lock(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


def acts_on(user, inspection: Inspection) -> bool:
    """The inspection's own legal office acts on it (its pages offer the steps to it alone)."""
    return user.supervises_departments and user.jurisdiction_id == inspection.office_id


def _require_office(actor, inspection: Inspection) -> None:
    require_legal_office(actor)
    if not acts_on(actor, inspection):
        raise PermissionDenied(
            _("Only the legal office that carries out the inspection may do this.")
        )


def _check(actor, *, departments, team, methods, start_on, end_on, rectification_due) -> dict:
    errors = {}
    if not departments:
        errors["departments"] = _("Name the departments to inspect.")
    for department in departments:
        if not actor.handles(department) or department.is_legal_office:
            errors["departments"] = _("Name departments of this office's own jurisdiction.")
    if "departments" not in errors and len({d.jurisdiction_id for d in departments}) > 1:
        errors["departments"] = _("Name departments of one jurisdiction.")
    for member in team:
        if not (member.is_legal_office or member.role == User.Role.SUPERVISOR):
            errors["team"] = _("The team is made of legal-office staff and invited supervisors.")
    if not methods or not set(methods) <= set(Inspection.Method.values):
        errors["methods"] = _("Choose how the inspection is carried out.")
    if start_on and end_on and end_on < start_on:
        errors["end_on"] = _("The inspection cannot end before it starts.")
    if rectification_due and end_on and rectification_due <= end_on:
        errors["rectification_due"] = _("Rectification is due after the inspection ends.")
    return errors


@transaction.atomic
def inspection_create(
    *,
    actor,
    title: str,
    field: str,
    departments,
    methods,
    start_on: datetime.date,
    end_on: datetime.date,
    scope: str,
    team=(),
    rectification_due: datetime.date | None = None,
) -> Inspection:
    """A special inspection (planned) of the actor's legal office over named departments of its
    own jurisdiction."""
    require_legal_office(actor)
    departments, team, methods = list(departments), list(team), list(methods or [])
    errors = _check(
        actor,
        departments=departments,
        team=team,
        methods=methods,
        start_on=start_on,
        end_on=end_on,
        rectification_due=rectification_due,
    )
    if errors:
        raise ValidationError(errors)
    inspection = Inspection(
        office_id=actor.jurisdiction_id,
        title=(title or "").strip(),
        field=field,
        methods=methods,
        start_on=start_on,
        end_on=end_on,
        scope=(scope or "").strip(),
        rectification_due=rectification_due,
        created_by=actor,
    )
    inspection.full_clean()
    inspection.save()
    inspection.departments.set(departments)
    inspection.team.set(team)
    audit.record(
        inspection,
        action="create",
        actor=actor,
        after={
            **audit.snapshot(inspection),
            "departments": sorted(d.pk for d in departments),
            "team": sorted(u.pk for u in team),
        },
    )
    return inspection


@transaction.atomic
def inspection_update(
    *, inspection: Inspection, actor, departments=None, team=None, **values
) -> Inspection:
    """Change a planned or running inspection; the departments only while it is planned."""
    inspection = _lock(inspection)
    _require_office(actor, inspection)
    if not inspection.is_editable:
        raise TransitionNotAllowed(_("A concluded inspection can no longer be changed."))
    current_departments = list(inspection.departments.all())
    current_team = list(inspection.team.all())
    departments = current_departments if departments is None else list(departments)
    team = current_team if team is None else list(team)
    merged = {name: values.get(name, getattr(inspection, name)) for name in FIELDS}
    merged["methods"] = list(merged["methods"] or [])
    errors = _check(
        actor,
        departments=departments,
        team=team,
        methods=merged["methods"],
        start_on=merged["start_on"],
        end_on=merged["end_on"],
        rectification_due=merged["rectification_due"],
    )
    if {d.pk for d in departments} != {d.pk for d in current_departments} and (
        inspection.status != Status.DRAFT
    ):
        errors["departments"] = _("The departments inspected are fixed once the inspection starts.")
    if errors:
        raise ValidationError(errors)
    apply_changes(inspection, actor=actor, fields=FIELDS, values=merged)
    before = {
        "departments": sorted(d.pk for d in current_departments),
        "team": sorted(u.pk for u in current_team),
    }
    after = {"departments": sorted(d.pk for d in departments), "team": sorted(u.pk for u in team)}
    if before != after:
        inspection.departments.set(departments)
        inspection.team.set(team)
        audit.record(inspection, action="change", actor=actor, before=before, after=after)
    return inspection


@transaction.atomic
def inspection_start(*, inspection: Inspection, actor) -> Inspection:
    inspection = _lock(inspection)
    _require_office(actor, inspection)
    return transition(
        inspection,
        actor=actor,
        action="start",
        sources=(Status.DRAFT,),
        target=Status.UNDER_WAY,
        refusal=_("Only a planned inspection can start."),
    )


@transaction.atomic
def inspection_conclude(*, inspection: Inspection, actor) -> Inspection:
    inspection = _lock(inspection)
    _require_office(actor, inspection)
    return transition(
        inspection,
        actor=actor,
        action="conclude",
        sources=(Status.UNDER_WAY,),
        target=Status.CONCLUDED,
        refusal=_("Only an inspection under way can be concluded."),
        concluded_on=calendar.today(),
    )


@transaction.atomic
def inspection_finding(
    *,
    inspection: Inspection,
    actor,
    department: Department,
    problem: str,
    standard: str = "",
    due_on: datetime.date | None = None,
    evidence=None,
) -> Finding:
    """A problem found in a department inspected: raised in the rectification loop and ordered
    to be rectified by ``due_on`` (or the inspection's rectification date)."""
    inspection = _lock(inspection)
    _require_office(actor, inspection)
    if not inspection.takes_findings:
        raise TransitionNotAllowed(
            _(
                "Findings are added while the inspection is under way or concluded, before its report."
            )
        )
    if not inspection.departments.filter(pk=getattr(department, "pk", None)).exists():
        raise ValidationError({"department": _("Choose one of the departments inspected.")})
    due_on = due_on or inspection.rectification_due
    if due_on is None:
        raise ValidationError({"due_on": _("Give the date the rectification is due.")})
    if not (problem or "").strip():
        raise ValidationError({"problem": _("Describe the problem found.")})
    finding = rectification.finding_raise(
        department=department,
        problem=problem,
        standard=standard,
        evidence=evidence,
        source=inspection,
        source_label=inspection.title,
        actor=actor,
    )
    (finding,) = rectification.findings_order(findings=[finding], actor=actor, due_on=due_on)
    return finding


def findings_of(inspection: Inspection):
    """Every finding the inspection produced, by department."""
    return (
        Finding.objects.from_source(inspection)
        .select_related("department")
        .order_by("department__code", "pk")
    )


def report_body(inspection: Inspection, department: Department, findings) -> str:
    values = {
        "start": long_date(inspection.start_on),
        "end": long_date(inspection.end_on),
        "title": inspection.title,
        "field": inspection.get_field_display(),
        "methods": "、".join(inspection.method_labels),
        "department": department.name,
    }
    lines = [
        _(
            "From %(start)s to %(end)s the legal office carried out the special inspection"
            ' "%(title)s" in the field of %(field)s (%(methods)s).'
        )
        % values,
        _("What was examined: %(scope)s") % {"scope": inspection.scope},
    ]
    if not findings:
        lines.append(_("No problem was found in %(department)s.") % values)
        return "\n".join(lines)
    lines.append(_("The following problems were found in %(department)s:") % values)
    for n, finding in enumerate(findings, start=1):
        text = finding.problem
        if finding.standard:
            text = _("%(problem)s (%(standard)s)") % {
                "problem": finding.problem,
                "standard": finding.standard,
            }
        lines.append(
            _("%(n)d. %(problem)s Rectification due by %(due)s.")
            % {"n": n, "problem": text, "due": long_date(finding.due_on)}
        )
    lines.append(
        _(
            "The department is to rectify each problem by its date and report the rectification"
            " with evidence to the legal office through the portal; the legal office will check"
            " the rectification again."
        )
    )
    return "\n".join(lines)


@transaction.atomic
def inspection_report(*, inspection: Inspection, actor) -> Inspection:
    """The inspection's report (通报) to each department inspected: a numbered notice listing that
    department's findings and their rectification dates. Cannot be undone."""
    inspection = _lock(inspection)
    _require_office(actor, inspection)
    if inspection.status != Status.CONCLUDED:
        raise TransitionNotAllowed(_("The report is issued once the inspection is concluded."))
    findings = [f for f in findings_of(inspection) if f.status != Finding.Status.WITHDRAWN]
    # 抄送 the legal office of the level above, which supervises this office's inspections.
    parent_id = inspection.office.parent_id
    above = Department.objects.filter(jurisdiction=parent_id, is_legal_office=True)
    copy_to = tuple(above.values_list("pk", flat=True)[:1]) if parent_id else ()
    drafts = []
    for department in inspection.departments.order_by("code"):
        own = [f for f in findings if f.department_id == department.pk]
        due = max((f.due_on for f in own if f.due_on), default=None)
        drafts.append(
            NoticeDraft(
                kind=Notice.Kind.BULLETIN,
                department_id=department.pk,
                object_key=f"{REPORT_RULE}:{inspection.pk}:{department.pk}",
                subject=_('Bulletin on the special inspection "%(title)s"')
                % {"title": inspection.title},
                body=report_body(inspection, department, own),
                due_date=due,
                copy_to=copy_to,
            )
        )
    notices.issue(drafts, rule=REPORT_RULE, actor=actor)
    return transition(
        inspection,
        actor=actor,
        action="issue",
        sources=(Status.CONCLUDED,),
        target=Status.REPORTED,
        refusal=_("The report is issued once the inspection is concluded."),
        reported_on=calendar.today(),
    )


def report_notices(inspection: Inspection, user):
    """The inspection's reports the user may read (a department its own)."""
    return (
        Notice.objects.for_user(user)
        .filter(rule=REPORT_RULE, object_key__startswith=f"{REPORT_RULE}:{inspection.pk}:")
        .select_related("department")
        .order_by("number")
    )

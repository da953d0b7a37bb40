"""The year's assessment (依法行政考核) from draft to final: the city's legal office publishes the
draft sheets; a department contests an item of its own sheet within 5 working days of publication
(counted on the kernel's calendar); the legal office of its jurisdiction decides with reasons
(points restored as a manual item); then the city's office makes the sheets final — a snapshot of
every sheet and the ranking that no later record changes — and issues the result as a numbered
bulletin to all departments. Every step is audited."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, calendar, dashboard, notes, notices
from .errors import TransitionNotAllowed
from .models import (
    AssessmentContest,
    AssessmentRound,
    Department,
    Jurisdiction,
    Notice,
)
from .notices import NoticeDraft
from .services import assessment_adjustment_add
from .workflow import require_legal_office, require_reason, save_new, transition


def round_of(year: int) -> AssessmentRound | None:
    return AssessmentRound.objects.filter(year=year).first()


def _require_city_office(actor) -> None:
    if not (actor.is_authenticated and actor.is_legal_office and actor.is_top_office):
        raise PermissionDenied(_("Only the city's legal office takes the assessment through."))


def _lock(year: int) -> AssessmentRound:
    found = AssessmentRound.objects.select_for_update().filter(year=year).first()
    if found is None:
        raise TransitionNotAllowed(_("The sheets of this year have not been published."))
    return found


@transaction.atomic
def assessment_publish(*, actor, year: int) -> AssessmentRound:
    """Publish the year's draft sheets to the departments, once the year is over."""
    _require_city_office(actor)
    day = calendar.today()
    if year >= day.year:
        raise TransitionNotAllowed(_("A year's sheets are published once the year is over."))
    if AssessmentRound.objects.filter(year=year).exists():
        raise TransitionNotAllowed(_("The sheets of this year are already published."))
    try:
        with transaction.atomic():
            return save_new(
                AssessmentRound(
                    year=year,
                    published_on=day,
                    contest_due=calendar.contest_due(day),
                    published_by=actor,
                ),
                actor=actor,
                action="publish",
            )
    except IntegrityError:  # another click published it meanwhile
        raise TransitionNotAllowed(_("The sheets of this year are already published.")) from None


def contestable_items(sheet: dashboard.Sheet) -> list[str]:
    """What a department may contest on its sheet: each indicator that took points, each manual
    item."""
    items = [str(rule.label) for rule, deduction in sheet.lines if deduction]
    items += [
        _("manual item: %(reason)s") % {"reason": notes.render(adjustment.reason)[:60]}
        for adjustment in sheet.adjustments
    ]
    return items


@transaction.atomic
def assessment_contest(
    *, actor, department: Department, year: int, item: str, grounds: str
) -> AssessmentContest:
    """A clerk of ``department`` contests an item of its published sheet, with grounds, up to and
    including the 5th working day after publication."""
    if not (actor.is_authenticated and actor.is_clerk and actor.department_id == department.pk):
        raise PermissionDenied(_("Only a clerk of the department contests its sheet."))
    assessment = _lock(year)
    day = calendar.today()
    if assessment.is_final:
        raise TransitionNotAllowed(_("The sheets of this year are final."))
    if day > assessment.contest_due:
        raise TransitionNotAllowed(
            _("Items could be contested until %(due)s.")
            % {"due": calendar.long_date(assessment.contest_due)}
        )
    grounds = (grounds or "").strip()
    if not grounds:
        raise ValidationError({"grounds": _("Give the grounds.")})
    sheet = dashboard.sheets(Department.objects.filter(pk=department.pk), year)[0]
    if item not in contestable_items(sheet):
        raise ValidationError({"item": _("Choose an item of the sheet that took points.")})
    if AssessmentContest.objects.filter(
        round=assessment, department=department, item=item
    ).exists():
        raise ValidationError({"item": _("This item is contested already.")})
    return save_new(
        AssessmentContest(
            round=assessment,
            department=department,
            item=item,
            grounds=grounds,
            filed_on=day,
            filed_by=actor,
        ),
        actor=actor,
        action="appeal",
    )


@transaction.atomic
def assessment_contest_decide(
    *, actor, contest: AssessmentContest, decision: str, reasons: str, points=None
) -> AssessmentContest:
    """The legal office of the department's jurisdiction decides a contest with reasons; upheld,
    the points restored go on the sheet as a manual item citing the decision."""
    contest = AssessmentContest.objects.select_for_update().get(pk=contest.pk)
    require_legal_office(actor, contest.department)
    reasons = require_reason(reasons)
    if contest.round.is_final:
        raise TransitionNotAllowed(_("The sheets of this year are final."))
    if decision not in (AssessmentContest.Decision.UPHELD, AssessmentContest.Decision.REJECTED):
        raise ValidationError({"decision": _("Uphold or reject the contest.")})
    upheld = decision == AssessmentContest.Decision.UPHELD
    if upheld and (points is None or not Decimal(0) < Decimal(points) <= Decimal(100)):
        raise ValidationError({"points": _("Say how many points are restored (above 0).")})
    contest = transition(
        contest,
        actor=actor,
        action="decide_appeal",
        sources=(AssessmentContest.Decision.PENDING,),
        target=decision,
        refusal=_("This contest is decided already."),
        reason=reasons,
        state_field="decision",
        points=Decimal(points) if upheld else None,
        reasons=reasons,
        decided_by=actor,
        decided_on=calendar.today(),
    )
    if upheld:
        assessment_adjustment_add(
            actor=actor,
            department=contest.department,
            year=contest.round.year,
            points=contest.points,
            reason=notes.note(
                gettext_lazy("Contest of %(item)s upheld: %(reasons)s"),
                item=contest.item,
                reasons=reasons,
            ),
        )
    return contest


def snapshot(sheets: list[dashboard.Sheet]) -> list[dict]:
    """The sheets as they stand, in plain values: what a final year shows ever after."""
    return [
        {
            "department_id": sheet.department.pk,
            "department": sheet.department.name,
            "code": sheet.department.code,
            "jurisdiction": sheet.department.jurisdiction.name,
            "rank": sheet.rank,
            "score": str(sheet.score),
            "deducted": str(sheet.deducted),
            "lines": [
                {
                    "rule": rule.name,
                    "label": str(rule.label),
                    "max_points": str(rule.max_points),
                    "basis": str(rule.basis),
                    "points": str(deduction.points) if deduction else "0",
                    "note": str(deduction.note) if deduction else "",
                    "items": [item.text for item in deduction.items] if deduction else [],
                }
                for rule, deduction in sheet.lines
            ],
            "adjustments": [
                {"points": str(a.points), "reason": a.reason} for a in sheet.adjustments
            ],
        }
        for sheet in sheets
    ]


def bulletin_text(year: int, ranked: list[dict]) -> tuple[str, str]:
    subject = _("Bulletin on the results of the %(year)d assessment of enforcement supervision") % {
        "year": year
    }
    lines = [
        _(
            "The assessment of %(year)d (enforcement supervision part) is final. Each department"
            " started from %(full)s points; the deductions were published for comments and the"
            " contests decided. The results, in order:"
        )
        % {"year": year, "full": dashboard.FULL_MARKS}
    ]
    lines += [
        _("%(rank)d. %(department)s: %(score)s points (%(deducted)s deducted)")
        % {
            "rank": row["rank"],
            "department": row["department"],
            "score": row["score"],
            "deducted": row["deducted"],
        }
        for row in ranked
    ]
    lines.append(
        _(
            "The departments that lost points are to rectify the work behind them; each sheet with"
            " its items is in the portal."
        )
    )
    return subject, "\n".join(lines)


@transaction.atomic
def assessment_finalise(*, actor, year: int) -> AssessmentRound:
    """Make the year's sheets final once the contest period is over and every contest decided:
    the snapshot of every department's sheet and the ranking, and the bulletin (numbered, to all
    departments of the city)."""
    _require_city_office(actor)
    assessment = _lock(year)
    day = calendar.today()
    if assessment.is_final:
        raise TransitionNotAllowed(_("The sheets of this year are final."))
    if day <= assessment.contest_due:
        raise TransitionNotAllowed(
            _("Items may be contested until %(due)s; make the sheets final after that.")
            % {"due": calendar.long_date(assessment.contest_due)}
        )
    if assessment.contests.filter(decision="").exists():
        raise TransitionNotAllowed(_("Decide every contest before making the sheets final."))
    ranked = snapshot(dashboard.sheets(dashboard.departments_for_all(), year))
    office = Jurisdiction.objects.root()
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = bulletin_text(year, ranked)
    (bulletin,) = notices.issue(
        [
            NoticeDraft(
                kind=Notice.Kind.BULLETIN,
                department_id=None,
                subject=subject,
                body=body,
                object_key=f"assessment:{year}",
                office_id=office.pk,
            )
        ],
        rule="assessment",
        day=day,
        actor=actor,
    )
    before = audit.snapshot(assessment, ["status"])
    assessment.status = AssessmentRound.Status.FINAL
    assessment.finalised_on, assessment.sheets, assessment.bulletin = day, ranked, bulletin
    assessment.save(update_fields=["status", "finalised_on", "sheets", "bulletin"])
    audit.record(
        assessment,
        action="finalise",
        actor=actor,
        before=before,
        after={"status": assessment.status, "bulletin": bulletin.number},
    )
    return assessment


@dataclass(frozen=True)
class FrozenRule:
    """An indicator as the final sheet recorded it."""

    name: str
    label: str
    max_points: Decimal
    basis: str


@dataclass(frozen=True)
class FrozenAdjustment:
    points: Decimal
    reason: str
    created_by: None = None
    created_at: None = None


def sheets(departments, year: int) -> list[dashboard.Sheet]:
    """The sheets of ``departments`` for ``year`` as the pages, the workbook and the PDF show
    them: the final snapshot once the year is final (no later record changes it), the live
    drafts before."""
    found = AssessmentRound.objects.filter(year=year, status=AssessmentRound.Status.FINAL).first()
    if found is None:
        return dashboard.sheets(departments, year)
    shown = {d.pk: d for d in departments}
    result = []
    for row in found.sheets:
        department = shown.get(row["department_id"])
        if department is None:
            continue
        lines = []
        for line in row["lines"]:
            rule = FrozenRule(
                line["rule"], line["label"], Decimal(line["max_points"]), line["basis"]
            )
            deducted = Decimal(line["points"])
            lines.append(
                (
                    rule,
                    dashboard.Deduction(
                        rule=rule,
                        department_id=department.pk,
                        items=[dashboard.Item(text) for text in line["items"]],
                        points=deducted,
                        note=line["note"],
                    )
                    if deducted
                    else None,
                )
            )
        sheet = dashboard.Sheet(
            department=department,
            year=year,
            lines=lines,
            adjustments=[
                FrozenAdjustment(Decimal(a["points"]), a["reason"]) for a in row["adjustments"]
            ],
        )
        sheet.rank = row["rank"]
        result.append(sheet)
    return result

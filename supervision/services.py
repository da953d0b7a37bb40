"""The kernel's own domain actions: departments and the holiday schedule."""

import csv
import datetime
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .calendar import today
from .deadlines import recompute_open_deadlines
from .errors import TransitionNotAllowed
from .models import (
    AssessmentAdjustment,
    AssessmentIndicator,
    AssessmentRound,
    Department,
    HolidaySchedule,
    Jurisdiction,
    ScheduleDay,
)
from .workflow import apply_changes, require_legal_office, require_reason, save_new

DEPARTMENT_FIELDS = ("code", "name", "region", "credit_code", "is_legal_office")


@transaction.atomic
def department_create(*, actor, jurisdiction: Jurisdiction | None = None, **values) -> Department:
    """A department of the legal office's own jurisdiction, or of one below it that it names."""
    require_legal_office(actor)
    jurisdiction = jurisdiction or actor.jurisdiction or Jurisdiction.objects.root()
    if jurisdiction is None or not (jurisdiction.path.startswith(actor.jurisdiction.path)):
        raise ValidationError(
            {"jurisdiction": _("Choose this office's jurisdiction or one below it.")}
        )
    department = Department(
        jurisdiction=jurisdiction,
        **{k: v for k, v in values.items() if k in DEPARTMENT_FIELDS},
    )
    return save_new(department, actor=actor)


@transaction.atomic
def department_update(*, department: Department, actor, **values) -> Department:
    require_legal_office(actor, department)
    department = Department.objects.select_for_update().get(pk=department.pk)
    return apply_changes(department, actor=actor, fields=DEPARTMENT_FIELDS, values=values)


WORKING_WORDS = {"班", "上班", "调休上班", "work", "workday", "working"}
HOLIDAY_WORDS = {"休", "放假", "假", "holiday", "off"}


def parse_schedule(text: str, *, year: int) -> list[tuple[datetime.date, bool, str]]:
    """Parse a small schedule file, one day per line: ``2027-10-01,休,国庆节`` or ``2027-09-26,班,调休上班``.

    Raises ValidationError listing every wrong line, so nothing is saved when any line is wrong.
    """
    days, errors, seen = [], [], set()
    for number, row in enumerate(csv.reader(io.StringIO(text.replace("\t", ","))), 1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) < 2:
            errors.append(
                _("Line %(n)d: write the date and 休 or 班, separated by a comma.") % {"n": number}
            )
            continue
        try:
            day = datetime.date.fromisoformat(cells[0])
        except ValueError:
            errors.append(
                _("Line %(n)d: %(value)s is not a date (YYYY-MM-DD).")
                % {"n": number, "value": cells[0]}
            )
            continue
        if day.year != year:
            errors.append(
                _("Line %(n)d: %(day)s is not in %(year)d.")
                % {"n": number, "day": day, "year": year}
            )
            continue
        kind = cells[1].lower()
        if kind not in WORKING_WORDS | HOLIDAY_WORDS:
            errors.append(
                _("Line %(n)d: the second column must be 休 (holiday) or 班 (working day).")
                % {"n": number}
            )
            continue
        if day in seen:
            errors.append(_("Line %(n)d: %(day)s appears twice.") % {"n": number, "day": day})
            continue
        seen.add(day)
        days.append((day, kind in WORKING_WORDS, cells[2] if len(cells) > 2 else ""))
    if errors:
        raise ValidationError({"days": errors})
    if not days:
        raise ValidationError({"days": [_("The schedule lists no day.")]})
    return days


@transaction.atomic
def schedule_enter(
    *, year: int, days, source: str = "", actor
) -> tuple[HolidaySchedule, dict[str, int]]:
    """Enter or correct a year's holiday schedule; every open deadline is then computed again.

    Returns the schedule and, per deadline rule, how many open deadlines changed. The calendar
    is national and one: only the top jurisdiction's office (the city's) enters it.
    """
    if not actor.is_top_office:
        raise PermissionDenied(_("The holiday schedule is entered by the city's legal office."))
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Enter a year between 2000 and 2100.")]})
    schedule = HolidaySchedule.objects.select_for_update().filter(year=year).first()
    before = None
    if schedule is None:
        schedule = HolidaySchedule(year=year)
    else:
        before = {
            "days": [f"{d}:{int(w)}" for d, w in schedule.days.values_list("day", "is_working_day")]
        }
    schedule.source, schedule.entered_by = source, actor
    schedule.full_clean()
    schedule.save()
    schedule.days.all().delete()
    ScheduleDay.objects.bulk_create(
        ScheduleDay(schedule=schedule, day=day, is_working_day=working, name=name[:50])
        for day, working, name in days
    )
    after = {"days": [f"{d}:{int(w)}" for d, w, _name in days], "source": source}
    audit.record(
        schedule,
        action="create" if before is None else "change",
        actor=actor,
        before=before,
        after=after,
    )
    return schedule, recompute_open_deadlines()


# The annual assessment --------------------------------------------------------------------------


@transaction.atomic
def assessment_adjustment_add(
    *, actor, department: Department, year: int, points, reason: str
) -> AssessmentAdjustment:
    """A manual item on ``department``'s sheet of ``year``, with its reasons: entered by the legal
    office of the department's own jurisdiction (filings go to the office of the same level)."""
    require_legal_office(actor, department)
    reason = require_reason(reason)
    if not 2000 <= year <= today().year:
        raise ValidationError({"year": _("The assessment of a year to come has no items yet.")})
    if not points or not -100 <= points <= 100:
        raise ValidationError({"points": _("Points are between -100 and 100, and not 0.")})
    if AssessmentRound.objects.filter(year=year, status=AssessmentRound.Status.FINAL).exists():
        raise TransitionNotAllowed(_("The sheets of this year are final."))
    adjustment = AssessmentAdjustment(
        department=department, year=year, points=points, reason=reason, created_by=actor
    )
    return save_new(adjustment, actor=actor, action="record")


INDICATOR_FIELDS = ("max_points", "per_item", "basis")


@transaction.atomic
def assessment_indicators_set(*, actor, year: int, values: dict) -> list[AssessmentIndicator]:
    """The year's template of indicators (依法行政考核指标): for each registered rule named in
    ``values`` ({rule name: {"max_points", "per_item", "basis"}}), what it is worth that year. Kept
    by the city's legal office; each row created or changed is audited with before and after. A
    rule set back to its own values keeps its row (the template says so explicitly)."""
    from . import dashboard

    if not (actor.is_authenticated and actor.is_legal_office and actor.is_top_office):
        raise PermissionDenied(_("Only the city's legal office keeps the assessment indicators."))
    if not 2000 <= year <= today().year + 1:
        raise ValidationError({"year": _("Choose this year, the next or one past.")})
    if AssessmentRound.objects.filter(year=year).exists():
        raise TransitionNotAllowed(
            _("The sheets of this year are published: their indicators no longer change.")
        )
    rules = {rule.name: rule for rule in dashboard.registered_deductions()}
    unknown = set(values) - set(rules)
    if unknown:
        raise ValidationError(
            {"rule": _("Unknown indicator: %(names)s") % {"names": ", ".join(sorted(unknown))}}
        )
    existing = {
        row.rule: row
        for row in AssessmentIndicator.objects.select_for_update().filter(
            year=year, rule__in=values
        )
    }
    saved = []
    for name, given in values.items():
        rule = rules[name]
        row_values = {
            "max_points": dashboard.points(given.get("max_points", rule.max_points)),
            "per_item": dashboard.points(given.get("per_item", rule.per_item)),
            "basis": (given.get("basis") or "").strip(),
        }
        row = existing.get(name)
        if row is None:
            unchanged = (
                row_values["max_points"] == rule.max_points
                and row_values["per_item"] == rule.per_item
                and row_values["basis"] in ("", str(rule.basis))
            )
            if unchanged:
                continue
            row = AssessmentIndicator(year=year, rule=name, changed_by=actor, **row_values)
            saved.append(save_new(row, actor=actor, action="create"))
        elif any(getattr(row, k) != v for k, v in row_values.items()):
            saved.append(
                apply_changes(
                    row,
                    actor=actor,
                    fields=(*INDICATOR_FIELDS, "changed_by"),
                    values={**row_values, "changed_by": actor},
                )
            )
    return saved

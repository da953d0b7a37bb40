"""Deadline rules of training: the yearly plan, the hours before the year's end, and the
year-end consequence (certificates withheld). Each groups its notices by department."""

import datetime
from itertools import groupby

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import long_date, today
from supervision.deadlines import DeadlineRule, LateItem, register
from supervision.models import Department, Notice
from supervision.notices import NoticeDraft

from . import selectors, services
from .models import TrainingPlan, TrainingWithholding


def _numbered(lines) -> list[str]:
    return [f"{number}. {line}" for number, line in enumerate(lines, 1)]


@register
class TrainingPlanRule(DeadlineRule):
    """Every department but the legal office files its plan for the year by 31 January (moved to
    the next working day): a reminder within the reminder window, an overdue notice the day after.
    Departments that have not even started a plan are reminded too."""

    name = "training_plan"
    label = gettext_lazy("Filing of the yearly training plans")
    due_field = "due"

    def open_items(self):
        return TrainingPlan.objects.unfiled()

    def recompute(self, calendar) -> int:
        return services.plans_recompute(calendar)

    def late_items(self, start, end, departments):
        """Per plan year in the period: every department (but the legal office) that filed its
        plan late or has not filed it, in one query."""
        for year in sorted({start.year, end.year}):
            due = services.plan_deadline(year).due
            if due >= end:
                continue
            filed_on = TrainingPlan.objects.filter(
                department=OuterRef("pk"), year=year, filed_on__isnull=False
            ).values("filed_on")[:1]
            late = (
                departments.filter(is_legal_office=False)
                .annotate(done_on=Subquery(filed_on))
                .filter(Q(done_on__isnull=True) | Q(done_on__gt=due, done_on__gte=start))
                .order_by("code")
            )
            for department in late:
                yield LateItem(
                    department_id=department.pk,
                    department=department.name,
                    what=_("filing of the %(year)d training plan") % {"year": year},
                    due=due,
                    done_on=department.done_on,
                )

    def departments_to_tell(self, year: int, kind: str):
        """Departments without a filed plan for ``year`` and without this notice: one query."""
        plans = TrainingPlan.objects.filter(department=OuterRef("pk"), year=year)
        return (
            Department.objects.filter(is_legal_office=False)
            .exclude(Exists(plans.filter(filed_on__isnull=False)))
            .exclude(self.noticed(kind, str(year)))
            .annotate(has_draft=Exists(plans))
            .order_by("code")
        )

    def drafts(self, day, calendar):
        year = day.year
        deadline = services.plan_deadline(year, calendar)
        if day > deadline.due:
            kind = Notice.Kind.OVERDUE
        elif deadline.due <= self.reminder_until(day, calendar):
            kind = Notice.Kind.REMINDER
        else:
            return
        explanation = deadline.explain()
        values = {"year": year, "due": long_date(deadline.due)}
        for department in self.departments_to_tell(year, kind):
            yield NoticeDraft(
                kind=kind,
                department_id=department.pk,
                object_key=f"{self.name}:{year}:{department.pk}",
                object_id=department.pk,
                period=str(year),
                subject=self._subject(kind) % values,
                body=self._body(kind, department.has_draft) % values,
                due_date=deadline.due,
                explanation=explanation,
            )

    @staticmethod
    def _subject(kind):
        if kind == Notice.Kind.REMINDER:
            return _("Reminder: file the %(year)d training plan by %(due)s")
        return _("Notice: the %(year)d training plan was not filed by %(due)s")

    @staticmethod
    def _body(kind, has_draft):
        state = (
            _("Your department's plan is registered in the portal but not yet filed.")
            if has_draft
            else _("Your department has not yet registered a plan in the portal.")
        )
        if kind == Notice.Kind.REMINDER:
            ask = _(
                "The training plan for %(year)d (courses, hours, officers to be trained and budget) "
                "is to be filed with the legal office by %(due)s."
            )
            return f"{ask}\n{state}"
        late = _(
            "The training plan for %(year)d was to be filed with the legal office by %(due)s "
            "and has not been filed."
        )
        act = _("File it at once and explain the delay in your reply to this notice.")
        return f"{late}\n{state}\n{act}"


# Reminders of hours before the year's end -------------------------------------------------------

PHASES = [((12, 1), "dec"), ((10, 1), "oct")]


def phase_of(day: datetime.date) -> str:
    """ "oct" from 1 October, "dec" from 1 December, "" before October."""
    for (month, first_day), phase in PHASES:
        if (day.month, day.day) >= (month, first_day):
            return phase
    return ""


def _officer_line(name: str, standing) -> str:
    if not standing.short_by:
        return _("%(name)s: %(standing)s") % {"name": name, "standing": standing.describe()}
    return _("%(name)s: %(standing)s, %(short)s hours short") % {
        "name": name,
        "standing": standing.describe(),
        "short": selectors.hours_text(standing.short_by),
    }


@register
class TrainingHoursRule(DeadlineRule):
    """From 1 October, and again from 1 December: one reminder per department listing its officers
    below the required hours or without a passed assessment for the year."""

    name = "training_hours"
    label = gettext_lazy("Training hours and assessments before the year's end")
    due_field = "due"

    def open_items(self):
        return selectors.short_officers(today().year)

    def key(self, year: int, department_id: int, phase: str) -> str:
        return f"{self.name}:{year}:{department_id}:{phase}"

    def drafts(self, day, calendar):
        phase = phase_of(day)
        year = day.year
        if not phase or year < selectors.first_judged_year():
            return
        prefix = f"{self.name}:{year}:"
        told = {
            int(key.split(":")[2])
            for key in Notice.objects.filter(
                rule=self.name, kind=Notice.Kind.REMINDER, object_key__startswith=prefix
            )
            .filter(object_key__endswith=f":{phase}")
            .values_list("object_key", flat=True)
        }
        year_end = datetime.date(year, 12, 31)
        values = {
            "year": year,
            "day": long_date(day),
            "end": long_date(year_end),
            "hours": selectors.hours_text(selectors.required_hours()),
        }
        explanation = (
            _(
                "Every officer needs at least %(hours)s training hours in the calendar year and a "
                "passed assessment; hours count in the year of the course's last day. The year "
                "ends on %(end)s."
            )
            % values
        )
        for department_id, short in selectors.short_by_department(year, skip=told):
            lines = [_officer_line(officer.name, standing) for officer, standing in short]
            body = "\n".join(
                [
                    _(
                        "As of %(day)s, these officers of your department have fewer than "
                        "%(hours)s training hours in %(year)d or no passed assessment:"
                    )
                    % values,
                    *_numbered(lines),
                    _(
                        "Arrange their training and assessment before %(end)s. The certificate "
                        "of an officer still short at the year's end is withheld."
                    )
                    % values,
                ]
            )
            yield NoticeDraft(
                kind=Notice.Kind.REMINDER,
                department_id=department_id,
                object_key=self.key(year, department_id, phase),
                subject=_(
                    "Reminder: training hours and assessments of %(year)d (%(count)d officers)"
                )
                % {**values, "count": len(lines)},
                body=body,
                due_date=year_end,
                explanation=explanation,
            )


# The year-end consequence -----------------------------------------------------------------------


@register
class TrainingYearEndRule(DeadlineRule):
    """On the first check run of a year: every valid certificate whose holder was not compliant in
    the year just ended is withheld (``services.certificates_withhold_for_training``), and each
    department gets one overdue notice listing its officers."""

    name = "training_year_end"
    label = gettext_lazy("Certificates withheld for the training of the year just ended")
    due_field = "withheld_on"

    def open_items(self):
        return TrainingWithholding.objects.filter(year=today().year - 1)

    def act(self, day) -> int:
        return services.certificates_withhold_for_training(year=day.year - 1, day=day)

    def key(self, year: int, department_id: int, withheld_on: datetime.date) -> str:
        return f"{self.name}:{year}:{department_id}:{withheld_on.isoformat()}"

    def drafts(self, day, calendar):
        year = day.year - 1
        if year < selectors.first_judged_year():
            return
        # One notice per department and day of withholding; those issued are not built again.
        groups = {
            self.key(year, department_id, on): (department_id, on)
            for department_id, on in TrainingWithholding.objects.filter(year=year)
            .order_by()
            .values_list("department_id", "withheld_on")
            .distinct()
        }
        issued = set(
            Notice.objects.filter(
                rule=self.name, kind=Notice.Kind.OVERDUE, object_key__in=list(groups)
            ).values_list("object_key", flat=True)
        )
        missing = {groups[key] for key in groups if key not in issued}
        if not missing:
            return
        rows = (
            TrainingWithholding.objects.filter(
                year=year,
                department_id__in={department_id for department_id, _on in missing},
                withheld_on__in={on for _department, on in missing},
            )
            .order_by(
                "department_id", "withheld_on", "certificate__officer__name", "certificate_id"
            )
            .values_list(
                "department_id",
                "withheld_on",
                "certificate__number",
                "certificate__officer__name",
                "certificate__officer_id",
            )
        )
        held = standings_of_withheld(year, rows)
        year_end = datetime.date(year, 12, 31)
        values = {
            "year": year,
            "hours": selectors.hours_text(selectors.required_hours()),
            "day": long_date(day),
        }
        explanation = _(
            "By %(end)s each officer needed at least %(hours)s training hours in %(year)d and "
            "a passed assessment."
        ) % {**values, "end": long_date(year_end)}
        line = _("%(name)s, certificate %(number)s: %(standing)s")
        described = {}  # a hundred thousand officers, a few hundred different standings
        for (department_id, on), group in groupby(rows.iterator(2000), lambda row: row[:2]):
            if (department_id, on) not in missing:
                continue
            lines = []
            for _department, _on, number, name, officer_id in group:
                standing = held[(officer_id, year)]
                if standing not in described:
                    described[standing] = standing.describe()
                lines.append(
                    line % {"name": name, "number": number, "standing": described[standing]}
                )
            body = "\n".join(
                [
                    _(
                        "These officers of your department did not complete %(hours)s training "
                        "hours and a passed assessment in %(year)d. Their certificates are "
                        "withheld from %(day)s:"
                    )
                    % {**values, "day": long_date(on)},
                    *_numbered(lines),
                    _(
                        "They may not enforce while withheld. Arrange the missing training and "
                        "assessment; the legal office restores a certificate once the hours are "
                        "made up."
                    ),
                ]
            )
            yield NoticeDraft(
                kind=Notice.Kind.OVERDUE,
                department_id=department_id,
                object_key=self.key(year, department_id, on),
                subject=_(
                    "Notice: certificates withheld for the training of %(year)d (%(count)d officers)"
                )
                % {**values, "count": len(lines)},
                body=body,
                due_date=year_end,
                explanation=explanation,
            )


def standings_of_withheld(year: int, rows):
    """The standings of the officers of ``rows`` in ``year``: two set-based queries."""
    officer_ids = rows.order_by().values("certificate__officer_id")
    return selectors.standings(officer_ids, [year])

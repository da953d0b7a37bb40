"""The cases app's deadlines, each counted in one function here: filing a major decision within
10 days of making it, and filing last year's case-file catalogue by the end of January (next
working day rule). The services store what these count, with its explanation; the rules below
find what is due in that stored column and recount it when the holiday schedule changes."""

import dataclasses
import datetime
from itertools import groupby

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, notes
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, LateItem, NoticeDraft, register
from supervision.models import Department, Notice

from .models import CaseCatalogue, MajorDecision

# 备案期限: a major decision is filed with the legal office within 10 days of being made.
FILING_PERIOD_DAYS = 10


def filing_deadline(
    decision_date: datetime.date, working_calendar: WorkingCalendar | None = None
) -> Deadline:
    """The day by which a decision made on ``decision_date`` is to be filed."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(decision_date, FILING_PERIOD_DAYS)


def catalogue_due(year: int, working_calendar: WorkingCalendar | None = None) -> Deadline:
    """``year``'s catalogue is due on 31 January of the next year, or the next working day."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_on(datetime.date(year + 1, 1, 31))


def _recompute(queryset, *, count, due_field, working_calendar) -> int:
    """Recount the stored due dates of open rows with ``count(row, working_calendar)``; write back
    (with the explanation, in ``{due_field}_explanation``) and audit only those that moved."""
    fields = [due_field, f"{due_field}_provisional"]
    explanation_field = f"{due_field}_explanation"
    changed = []
    with transaction.atomic():
        for row in queryset.select_for_update():
            deadline = count(row, working_calendar)
            explanation = deadline.as_json()
            if getattr(row, explanation_field) == explanation:
                continue
            before = audit.snapshot(row, fields)
            setattr(row, due_field, deadline.due)
            setattr(row, fields[1], deadline.provisional)
            setattr(row, explanation_field, explanation)
            changed.append(row)
            audit.record(
                row,
                action="recompute_due",
                before=before,
                after=audit.snapshot(row, fields),
                reason=notes.explained(deadline),
            )
        if changed:
            type(changed[0]).objects.bulk_update(changed, [*fields, explanation_field])
    return len(changed)


@register
class DecisionFilingRule(DeadlineRule):
    """A major decision is filed with the legal office within 10 days of being made."""

    name = "decision_filing"
    label = gettext_lazy("Filing of major decisions")
    due_field = "filing_due"

    def open_items(self):
        # Matches the partial index ``decision_unfiled_due_idx`` (decided, not filed).
        return MajorDecision.objects.decided_unfiled().select_related("department")

    def draft(self, item, kind, day) -> NoticeDraft:
        # The notice explains the deadline the decision stores: the one it is measured against.
        deadline = Deadline.from_json(item.filing_due_explanation)
        values = {
            "department": item.department.name,
            "title": item.title,
            "number": item.case_number,
            "made": long_date(item.decision_date),
            "due": long_date(item.filing_due),
            "days": FILING_PERIOD_DAYS,
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: major decision %(number)s has not been filed in time") % values
            body = (
                _(
                    "Your major enforcement decision “%(title)s” (case number %(number)s) was made on"
                    " %(made)s and had to be filed with the legal office within %(days)d days, by"
                    " %(due)s.\n"
                    "It has not been filed. File it at once and state the reasons for the delay."
                )
                % values
            )
        else:
            subject = _("Reminder: major decision %(number)s is due for filing by %(due)s") % values
            body = (
                _(
                    "Your major enforcement decision “%(title)s” (case number %(number)s) was made on"
                    " %(made)s and is to be filed with the legal office within %(days)d days, by"
                    " %(due)s.\n"
                    "Please file it before the deadline."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.item_key(item),
            subject=subject,
            body=body,
            due_date=item.filing_due,
            explanation=deadline.explain() if deadline else "",
        )

    def untold_overdue(self, day: datetime.date):
        """Decisions past their filing deadline that no overdue notice listed yet, in one query.

        An overdue notice goes to a department on a day and lists every such decision of it, so a
        decision was listed if a notice of this rule reached its department after the decision fell
        due and after it last changed (one recorded late, or whose decision date was corrected,
        is listed again). Decisions told one by one before this rule grouped them (a notice about
        the decision's own id, no period) are not told again."""
        listed = Notice.objects.filter(
            rule=self.name,
            kind=Notice.Kind.OVERDUE,
            object_id=OuterRef("department_id"),
            issued_on__gt=OuterRef("filing_due"),
            issued_at__gt=OuterRef("updated_at"),
        ).exclude(period="")
        told_alone = self.notices_about(Notice.Kind.OVERDUE).filter(period="")
        return (
            self.open_items()
            .filter(filing_due__lt=day)
            .exclude(Exists(listed))
            .exclude(Exists(told_alone))
            .order_by("department_id", "filing_due", "pk")
        )

    def drafts(self, day, calendar):
        """A reminder per decision due within the window; one overdue notice per department and
        day listing its decisions not yet told (a province has tens of thousands unfiled after a
        slow year: a notice each would bury the departments)."""
        for item in self.due_soon(day, self.reminder_until(day, calendar)).iterator(2000):
            yield self._keyed(self.draft(item, Notice.Kind.REMINDER, day), item)
        for department_id, group in groupby(
            self.untold_overdue(day).iterator(2000), key=lambda d: d.department_id
        ):
            group = list(group)
            draft = (
                self.draft(group[0], Notice.Kind.OVERDUE, day)
                if len(group) == 1
                else self._listing(group)
            )
            draft.object_key = f"{self.name}:{department_id}:{day.isoformat()}"
            draft.object_id, draft.period = department_id, day.isoformat()
            yield draft

    def _listing(self, decisions) -> NoticeDraft:
        values = {"count": len(decisions), "days": FILING_PERIOD_DAYS}
        lines = [
            f"{i}. "
            + _("“%(title)s” (case number %(number)s), made on %(made)s, due by %(due)s")
            % {
                "title": d.title,
                "number": d.case_number,
                "made": long_date(d.decision_date),
                "due": long_date(d.filing_due),
            }
            for i, d in enumerate(decisions, 1)
        ]
        intro = (
            _(
                "The following %(count)d major enforcement decisions of your department had to be"
                " filed with the legal office within %(days)d days of being made and have not"
                " been filed:"
            )
            % values
        )
        ask = _("File them at once and state the reasons for the delay.")
        return NoticeDraft(
            kind=Notice.Kind.OVERDUE,
            department_id=decisions[0].department_id,
            subject=_("Notice: %(count)d major decisions have not been filed in time") % values,
            body="\n".join([intro, *lines, ask]),
            due_date=min(d.filing_due for d in decisions),
            explanation=_("Each decision is filed within %(days)d days of being made.") % values,
        )

    def late_items(self, start, end, departments):
        decisions = (
            MajorDecision.objects.filter(decision_date__isnull=False, department__in=departments)
            .filter(self.overdue_in("filing_due", "filed_on", start, end))
            .select_related("department")
            .order_by("filing_due", "pk")
        )
        for decision in decisions.iterator(2000):
            yield LateItem(
                department_id=decision.department_id,
                department=decision.department.name,
                what=_("filing of major decision %(number)s “%(title)s”")
                % {"number": decision.case_number, "title": decision.title},
                due=decision.filing_due,
                done_on=decision.filed_on,
            )

    def recompute(self, calendar) -> int:
        return _recompute(
            MajorDecision.objects.decided_unfiled(),
            count=lambda decision, working_calendar: filing_deadline(
                decision.decision_date, working_calendar
            ),
            due_field="filing_due",
            working_calendar=calendar,
        )


@dataclasses.dataclass(frozen=True)
class MissingCatalogue:
    """A department that has not filed its catalogue for ``year``, and that catalogue's deadline."""

    department: Department
    year: int
    deadline: Deadline

    @property
    def department_id(self) -> int:
        return self.department.pk


@register
class CatalogueFilingRule(DeadlineRule):
    """Each department files last year's case-file catalogue by 31 January (next working day).

    A department that has not even opened its catalogue owes it all the same, so the rule's items
    are departments, not catalogue rows: every enforcement department without a filed catalogue
    for last year, in one query. The deadline is the same for all of them, so the window and the
    overdue day are decided once, before the query.
    """

    name = "catalogue_filing"
    label = gettext_lazy("Filing of case-file catalogues")
    due_field = "due"

    def open_items(self):
        """Catalogues opened and not yet filed (the rows the partial index on ``due`` covers)."""
        return CaseCatalogue.objects.unfiled().select_related("department")

    def key(self, year: int, department_id) -> str:
        return f"{self.name}:{year}:{department_id}"

    def departments_without_filed_catalogue(self, year: int, *, kind: str | None = None):
        """Enforcement departments with no filed catalogue for ``year`` (and, given ``kind``, no
        such notice yet about it), in one query."""
        filed = CaseCatalogue.objects.filter(
            department=OuterRef("pk"), year=year, filed_on__isnull=False
        )
        departments = Department.objects.filter(is_legal_office=False).exclude(Exists(filed))
        if kind is not None:
            departments = departments.exclude(self.noticed(kind, str(year)))
        return departments.order_by("code")

    def drafts(self, day, calendar):
        year = day.year - 1
        deadline = catalogue_due(year, calendar)
        if day > deadline.due:
            kind = Notice.Kind.OVERDUE
        elif self.reminder_until(day, calendar) >= deadline.due:
            kind = Notice.Kind.REMINDER
        else:
            return
        for department in self.departments_without_filed_catalogue(year, kind=kind):
            yield self.draft(MissingCatalogue(department, year, deadline), kind, day)

    def late_items(self, start, end, departments):
        """Per catalogue year that falls due in the period's years: every enforcement
        department that filed it late or has not filed it, in one query."""
        for year in sorted({start.year - 1, end.year - 1}):
            due = catalogue_due(year).due
            if due >= end:
                continue
            filed_on = CaseCatalogue.objects.filter(
                department=OuterRef("pk"), year=year, filed_on__isnull=False
            ).values("filed_on")[:1]
            late = (
                departments.filter(is_legal_office=False)
                .annotate(done_on=models.Subquery(filed_on))
                .filter(
                    models.Q(done_on__isnull=True) | models.Q(done_on__gt=due, done_on__gte=start)
                )
                .order_by("code")
            )
            for department in late:
                yield LateItem(
                    department_id=department.pk,
                    department=department.name,
                    what=_("filing of the case-file catalogue for %(year)d") % {"year": year},
                    due=due,
                    done_on=department.done_on,
                )

    def draft(self, item, kind, day) -> NoticeDraft:
        values = {
            "department": item.department.name,
            "year": item.year,
            "due": long_date(item.deadline.due),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: the case-file catalogue for %(year)d has not been filed") % values
            body = (
                _(
                    "The catalogue of your case files closed in %(year)d had to be filed with the"
                    " legal office by the end of January, that is by %(due)s.\n"
                    "It has not been filed. File it at once; a late filing is accepted and recorded"
                    " as late."
                )
                % values
            )
        else:
            subject = _("Reminder: the case-file catalogue for %(year)d is due by %(due)s") % values
            body = (
                _(
                    "The catalogue of your case files closed in %(year)d is to be filed with the"
                    " legal office by the end of January, that is by %(due)s.\n"
                    "Please file it before the deadline."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            object_key=self.key(item.year, item.department_id),
            object_id=item.department_id,
            period=str(item.year),
            subject=subject,
            body=body,
            due_date=item.deadline.due,
            explanation=item.deadline.explain(),
        )

    def recompute(self, calendar) -> int:
        return _recompute(
            CaseCatalogue.objects.unfiled(),
            count=lambda catalogue, working_calendar: catalogue_due(
                catalogue.year, working_calendar
            ),
            due_field="due",
            working_calendar=calendar,
        )

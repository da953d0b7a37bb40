"""The cases app's deadline rules: filing a major decision within 10 days of making it, and
filing last year's case-file catalogue by the end of January (next working day rule)."""

import dataclasses
import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entities.models import Department
from supervision import audit
from supervision import calendar as portal_calendar
from supervision.deadlines import DeadlineRule, NoticeDraft, register

from .models import FILING_PERIOD_DAYS, CaseCatalogue, MajorDecision
from .services import catalogue_due


def format_day(day: datetime.date) -> str:
    return _("%(year)d-%(month)d-%(day)d") % {"year": day.year, "month": day.month, "day": day.day}


def _recompute(queryset, *, event, due_field, provisional_field, working_calendar) -> int:
    """Recompute the stored due dates of open rows; write back and audit only those that moved."""
    changed = []
    with transaction.atomic():
        for row in queryset.select_for_update():
            deadline = event(row, working_calendar)
            fields = [due_field, provisional_field]
            before = audit.snapshot(row, fields)
            if (getattr(row, due_field), getattr(row, provisional_field)) == (
                deadline.due,
                deadline.provisional,
            ):
                continue
            setattr(row, due_field, deadline.due)
            setattr(row, provisional_field, deadline.provisional)
            changed.append(row)
            audit.record(
                row,
                action="recompute_due",
                before=before,
                after=audit.snapshot(row, fields),
                reason=str(deadline.explain()),
            )
        if changed:
            type(changed[0]).objects.bulk_update(changed, [due_field, provisional_field])
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

    @staticmethod
    def deadline(decision, working_calendar=None):
        source = working_calendar or portal_calendar
        return source.deadline_after(decision.decision_date, FILING_PERIOD_DAYS)

    def draft(self, item, kind, day) -> NoticeDraft:
        with translation.override(settings.LANGUAGE_CODE):
            deadline = self.deadline(item)
            values = {
                "department": item.department.name,
                "title": item.title,
                "number": item.case_number,
                "made": format_day(item.decision_date),
                "due": format_day(item.filing_due),
                "days": FILING_PERIOD_DAYS,
                "explanation": deadline.explain(),
            }
            if kind == "overdue":
                subject = _("Notice: major decision %(number)s has not been filed in time") % values
                body = (
                    _(
                        "%(department)s:\n"
                        "Your major enforcement decision “%(title)s” (case number %(number)s) was made on"
                        " %(made)s and had to be filed with the legal office within %(days)d days, by"
                        " %(due)s (%(explanation)s). It has not been filed. File it at once and state"
                        " the reasons for the delay."
                    )
                    % values
                )
            else:
                subject = (
                    _("Reminder: major decision %(number)s is due for filing by %(due)s") % values
                )
                body = (
                    _(
                        "%(department)s:\n"
                        "Your major enforcement decision “%(title)s” (case number %(number)s) was made on"
                        " %(made)s and is to be filed with the legal office within %(days)d days, by"
                        " %(due)s (%(explanation)s). Please file it before the deadline."
                    )
                    % values
                )
            return NoticeDraft(
                kind=kind,
                department_id=item.department_id,
                object_key=f"decision:{item.pk}",
                subject=subject,
                body=body,
                due_date=item.filing_due,
                explanation=str(deadline.explain()),
            )

    def recompute(self, calendar) -> int:
        return _recompute(
            MajorDecision.objects.decided_unfiled(),
            event=self.deadline,
            due_field="filing_due",
            provisional_field="filing_due_provisional",
            working_calendar=calendar,
        )


@dataclasses.dataclass(frozen=True)
class MissingCatalogue:
    """A department that has not filed its catalogue for ``year``, and that catalogue's deadline."""

    department: Department
    year: int
    deadline: object

    @property
    def pk(self):
        return f"{self.year}:{self.department.pk}"

    @property
    def department_id(self):
        return self.department.pk

    @property
    def due(self):
        return self.deadline.due


@register
class CatalogueFilingRule(DeadlineRule):
    """Each department files last year's case-file catalogue by 31 January (next working day).

    A department that has not even opened its catalogue owes it all the same, so the open items
    are departments, not catalogue rows: every enforcement department without a filed catalogue
    for last year, in one query.
    """

    name = "catalogue_filing"
    label = gettext_lazy("Filing of case-file catalogues")
    due_field = "due"

    def open_items(self):
        """Catalogues opened and not yet filed (the rows the partial index on ``due`` covers)."""
        return CaseCatalogue.objects.unfiled().select_related("department")

    @staticmethod
    def catalogue_deadline(year: int, working_calendar=None):
        return catalogue_due(year, working_calendar)

    @staticmethod
    def departments_without_filed_catalogue(year: int):
        filed = CaseCatalogue.objects.filter(
            department=OuterRef("pk"), year=year, filed_on__isnull=False
        )
        return Department.objects.filter(is_legal_office=False).exclude(Exists(filed))

    def drafts(self, day, calendar):
        year = day.year - 1
        deadline = self.catalogue_deadline(year, calendar)
        if day > deadline.due:
            kind = "overdue"
        elif calendar.add_working_days(day, settings.REMINDER_WINDOW_WORKING_DAYS) >= deadline.due:
            kind = "reminder"
        else:
            return
        for department in self.departments_without_filed_catalogue(year):
            yield self.draft(MissingCatalogue(department, year, deadline), kind, day)

    def draft(self, item, kind, day) -> NoticeDraft:
        with translation.override(settings.LANGUAGE_CODE):
            values = {
                "department": item.department.name,
                "year": item.year,
                "due": format_day(item.deadline.due),
                "explanation": item.deadline.explain(),
            }
            if kind == "overdue":
                subject = (
                    _("Notice: the case-file catalogue for %(year)d has not been filed") % values
                )
                body = (
                    _(
                        "%(department)s:\n"
                        "The catalogue of your case files closed in %(year)d had to be filed with the"
                        " legal office by %(due)s (%(explanation)s). It has not been filed. File it at"
                        " once; a late filing is accepted and recorded as late."
                    )
                    % values
                )
            else:
                subject = (
                    _("Reminder: the case-file catalogue for %(year)d is due by %(due)s") % values
                )
                body = (
                    _(
                        "%(department)s:\n"
                        "The catalogue of your case files closed in %(year)d is to be filed with the"
                        " legal office by %(due)s (%(explanation)s). Please file it before the deadline."
                    )
                    % values
                )
            return NoticeDraft(
                kind=kind,
                department_id=item.department_id,
                object_key=f"catalogue:{item.year}:{item.department_id}",
                subject=subject,
                body=body,
                due_date=item.deadline.due,
                explanation=str(item.deadline.explain()),
            )

    def recompute(self, calendar) -> int:
        return _recompute(
            CaseCatalogue.objects.unfiled(),
            event=lambda catalogue, cal: self.catalogue_deadline(catalogue.year, cal),
            due_field="due",
            provisional_field="due_provisional",
            working_calendar=calendar,
        )

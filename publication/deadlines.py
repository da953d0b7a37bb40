"""The publication app's deadlines, each counted in one function here: a normative document is
filed with the legal office within ``settings.NORMATIVE_DOCUMENT_FILING_DAYS`` days of issue (15
in the city's policy, clause 15; provinces set their own period), and a delivery of the year's
work plan is due on the day the plan names (the next working day if that is not one). The
services store what these count, with the explanation; the rules below find what is due in that
stored column and recount it when the holiday schedule changes."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit, notes
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Department, Notice

from .models import CleanupCampaign, CleanupItem, NormativeDocument, Objection, TaskDelivery


def filing_period_days() -> int:
    return settings.NORMATIVE_DOCUMENT_FILING_DAYS


def filing_deadline(
    issued_on: datetime.date, working_calendar: WorkingCalendar | None = None
) -> Deadline:
    """The day by which a normative document issued on ``issued_on`` is to be filed."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(issued_on, filing_period_days())


@register
class NormativeDocumentFilingRule(DeadlineRule):
    """A normative document is filed with the legal office within the filing period of its issue."""

    name = "normative_document_filing"
    label = gettext_lazy("Filing of normative documents")
    due_field = "filing_due"

    def open_items(self):
        # Matches the partial index ``normative_doc_unfiled_due_idx`` (not filed).
        return NormativeDocument.objects.unfiled().select_related("department")

    def draft(self, item, kind, day) -> NoticeDraft:
        deadline = Deadline.from_json(item.filing_due_explanation)
        values = {
            "title": item.title,
            "number": item.number,
            "issued": long_date(item.issued_on),
            "due": long_date(item.filing_due),
            "days": deadline.period_days if deadline else filing_period_days(),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: normative document %(number)s has not been filed in time") % values
            body = (
                _(
                    "Your normative document “%(title)s” (%(number)s) was issued on %(issued)s and"
                    " had to be filed with the legal office within %(days)d days, by %(due)s.\n"
                    "It has not been filed. File it at once and state the reasons for the delay."
                )
                % values
            )
        else:
            subject = (
                _("Reminder: normative document %(number)s is due for filing by %(due)s") % values
            )
            body = (
                _(
                    "Your normative document “%(title)s” (%(number)s) was issued on %(issued)s and"
                    " is to be filed with the legal office within %(days)d days, by %(due)s.\n"
                    "Please file it before the deadline."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=item.department_id,
            subject=subject,
            body=body,
            due_date=item.filing_due,
            explanation=deadline.explain() if deadline else "",
        )

    def recompute(self, calendar) -> int:
        """Recount the open filing deadlines after the holiday schedule changed; write back and
        audit only those that moved. Rare (a schedule is entered once a year), so row by row."""
        fields = ["filing_due", "filing_due_provisional", "filing_due_explanation"]
        changed = []
        with transaction.atomic():
            for document in NormativeDocument.objects.unfiled().select_for_update():
                deadline = calendar.deadline_after(
                    document.issued_on,
                    (document.filing_due_explanation or {}).get("period_days")
                    or filing_period_days(),
                )
                if document.filing_due_explanation == deadline.as_json():
                    continue
                before = audit.snapshot(document, fields[:2])
                document.filing_due = deadline.due
                document.filing_due_provisional = deadline.provisional
                document.filing_due_explanation = deadline.as_json()
                changed.append(document)
                audit.record(
                    document,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(document, fields[:2]),
                    reason=notes.explained(deadline),
                )
            NormativeDocument.objects.bulk_update(changed, fields)
        return len(changed)


def delivery_due(day: datetime.date, working_calendar: WorkingCalendar | None = None) -> Deadline:
    """A work-plan delivery named for ``day`` (the end of April, say) is due that day, or on the
    next working day."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_on(day)


@register
class WorkPlanDeliveryRule(DeadlineRule):
    """Each delivery of the year's work plan is reported by its due date (annex 1); an overdue
    one is noticed to the lead department (and is criticised in the office's bulletin)."""

    name = "work_plan_delivery"
    label = gettext_lazy("Deliveries of the year's work plan")
    due_field = "due"

    def open_items(self):
        # Matches the partial index ``task_delivery_owed_due_idx`` (open or returned).
        return TaskDelivery.objects.open().select_related("task__lead_department")

    def draft(self, item, kind, day) -> NoticeDraft:
        task = item.task
        values = {
            "year": task.year,
            "number": task.number,
            "title": task.title,
            "delivery": item.description,
            "due": long_date(item.due),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: task %(number)d of the %(year)d work plan is overdue") % values
            body = (
                _(
                    "Task %(number)d of the %(year)d work plan, “%(title)s”, which your department"
                    " leads, was to deliver “%(delivery)s” by %(due)s.\n"
                    "It has not been reported as done. Report it at once with the evidence;"
                    " overdue tasks are named in the office's bulletin and count in the annual"
                    " assessment."
                )
                % values
            )
        else:
            subject = (
                _("Reminder: task %(number)d of the %(year)d work plan is due by %(due)s") % values
            )
            body = (
                _(
                    "Task %(number)d of the %(year)d work plan, “%(title)s”, which your department"
                    " leads, is to deliver “%(delivery)s” by %(due)s.\n"
                    "Please report it with the evidence before the deadline."
                )
                % values
            )
        deadline = Deadline.from_json(item.due_explanation)
        return NoticeDraft(
            kind=kind,
            department_id=task.lead_department_id,
            subject=subject,
            body=body,
            due_date=item.due,
            explanation=deadline.explain() if deadline else "",
        )

    def recompute(self, calendar) -> int:
        fields = ["due", "due_provisional", "due_explanation"]
        changed = []
        with transaction.atomic():
            for delivery in TaskDelivery.objects.open().select_for_update():
                named = datetime.date.fromisoformat(delivery.due_explanation["raw_last_day"])
                deadline = calendar.deadline_on(named)
                if delivery.due_explanation == deadline.as_json():
                    continue
                before = audit.snapshot(delivery, fields[:2])
                delivery.due = deadline.due
                delivery.due_provisional = deadline.provisional
                delivery.due_explanation = deadline.as_json()
                changed.append(delivery)
                audit.record(
                    delivery,
                    action="recompute_due",
                    before=before,
                    after=audit.snapshot(delivery, fields[:2]),
                    reason=notes.explained(deadline),
                )
            TaskDelivery.objects.bulk_update(changed, fields)
        return len(changed)


@register
class CleanupRule(DeadlineRule):
    """Each department decides every listed document of a clean-up campaign by its due date: one
    reminder and one overdue notice per campaign and department, listing nothing twice."""

    name = "normative_document_cleanup"
    label = gettext_lazy("Clean-up of normative documents")
    due_field = "due"

    def open_items(self):
        return CleanupCampaign.objects.filter(published_on__isnull=True)

    def departments_owing(self, campaign, kind):
        """Departments with an undecided document in ``campaign`` and no such notice yet (one
        query; campaigns are few, a handful a year)."""
        owing = CleanupItem.objects.filter(
            campaign=campaign, decision="", document__department=OuterRef("pk")
        )
        return (
            Department.objects.filter(Exists(owing))
            .exclude(self.noticed(kind, str(campaign.pk)))
            .order_by("code")
        )

    def drafts(self, day, calendar):
        until = self.reminder_until(day, calendar)
        for campaign in self.open_items().filter(due__lte=until).order_by("due", "pk"):
            kind = Notice.Kind.OVERDUE if day > campaign.due else Notice.Kind.REMINDER
            for department in self.departments_owing(campaign, kind):
                yield self.draft((campaign, department), kind, day)

    def draft(self, item, kind, day) -> NoticeDraft:
        campaign, department = item
        values = {"campaign": campaign.title, "due": long_date(campaign.due)}
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: the clean-up “%(campaign)s” was due by %(due)s") % values
            body = (
                _(
                    "Your department has not decided every normative document listed in the"
                    " clean-up “%(campaign)s”, due by %(due)s.\n"
                    "Mark each one kept, to be amended or repealed, with the reasons, at once."
                )
                % values
            )
        else:
            subject = _("Reminder: the clean-up “%(campaign)s” is due by %(due)s") % values
            body = (
                _(
                    "Mark each of your normative documents listed in the clean-up “%(campaign)s”"
                    " kept, to be amended or repealed, with the reasons, by %(due)s."
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=department.pk,
            object_key=f"{self.name}:{campaign.pk}:{department.pk}",
            object_id=department.pk,
            period=str(campaign.pk),
            subject=subject,
            body=body,
            due_date=campaign.due,
        )


def objection_answer_deadline(
    received_on: datetime.date, working_calendar: WorkingCalendar | None = None
) -> Deadline:
    """The legal office answers an objection received on ``received_on`` within
    ``settings.NORMATIVE_DOCUMENT_OBJECTION_DAYS`` days (30 unless the province sets otherwise)."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(received_on, settings.NORMATIVE_DOCUMENT_OBJECTION_DAYS)


@register
class ObjectionAnswerRule(DeadlineRule):
    """The legal office answers each objection within the period: reminded, then noticed once.
    The notice goes to the office of the document's level, not to the department."""

    name = "normative_document_objection"
    label = gettext_lazy("Answers to objections to normative documents")
    due_field = "due"

    def open_items(self):
        # Matches the partial index ``objection_open_due_idx`` (not answered).
        return Objection.objects.unanswered().select_related("document__department")

    def draft(self, item, kind, day) -> NoticeDraft:
        values = {
            "code": item.reference,
            "number": item.document.number,
            "due": long_date(item.due),
        }
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: objection %(code)s was to be answered by %(due)s") % values
        else:
            subject = _("Reminder: objection %(code)s is to be answered by %(due)s") % values
        body = (
            _(
                "The objection %(code)s to normative document %(number)s is to be answered by"
                " %(due)s."
            )
            % values
        )
        deadline = Deadline.from_json(item.due_explanation)
        return NoticeDraft(
            kind=kind,
            department_id=None,
            office_id=item.document.department.jurisdiction_id,
            subject=subject,
            body=body,
            due_date=item.due,
            explanation=deadline.explain() if deadline else "",
        )

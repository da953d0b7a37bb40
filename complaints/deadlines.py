"""The complaints' deadlines, each counted in one function here, and the rules that chase them.

- Acceptance (受理): decided within ``COMPLAINT_ACCEPT_WORKING_DAYS`` (5) working days of receipt;
  a petition (信访) within ``COMPLAINT_PETITION_ACCEPT_DAYS`` (15) days (信访工作条例 art. 32).
- Conclusion (办结): within ``COMPLAINT_CONCLUDE_DAYS`` (30) days of acceptance; a petition within
  ``COMPLAINT_PETITION_CONCLUDE_DAYS`` (60) days (art. 35).
- One extension approved by the legal office, of at most ``COMPLAINT_EXTENSION_MAX_DAYS`` (30)
  days (a petition: ``COMPLAINT_PETITION_EXTENSION_MAX_DAYS``), counted from the day after the
  due date it replaces.

The services store each due date with its explanation; the rules find what is due in that stored,
indexed column. An extended complaint is chased by its own rule (``complaint_extended``): the
notices already issued against the old date belong to ``complaint_conclusion`` and do not stop the
reminders and overdue notice for the new one, each still issued once.

Acceptance notices go to the legal office of the complaint's jurisdiction (the department has not
seen the complaint yet); conclusion notices to whoever handles it: the department it was assigned
to, else the legal office. No notice names the complainant.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import audit
from supervision.calendar import Deadline, WorkingCalendar, long_date
from supervision.deadlines import DeadlineRule, NoticeDraft, register
from supervision.models import Department, Notice

from .models import Complaint


def accept_deadline(
    received_on: datetime.date, *, is_petition: bool, working_calendar=None
) -> Deadline:
    working_calendar = working_calendar or WorkingCalendar.load()
    if is_petition:
        return working_calendar.deadline_after(received_on, settings.COMPLAINT_PETITION_ACCEPT_DAYS)
    return working_calendar.deadline_after_working_days(
        received_on, settings.COMPLAINT_ACCEPT_WORKING_DAYS
    )


def conclude_deadline(
    accepted_on: datetime.date, *, is_petition: bool, working_calendar=None
) -> Deadline:
    working_calendar = working_calendar or WorkingCalendar.load()
    days = (
        settings.COMPLAINT_PETITION_CONCLUDE_DAYS
        if is_petition
        else settings.COMPLAINT_CONCLUDE_DAYS
    )
    return working_calendar.deadline_after(accepted_on, days)


def extension_max_days(*, is_petition: bool) -> int:
    if is_petition:
        return settings.COMPLAINT_PETITION_EXTENSION_MAX_DAYS
    return settings.COMPLAINT_EXTENSION_MAX_DAYS


def extended_deadline(old_due: datetime.date, days: int, working_calendar=None) -> Deadline:
    """The new due date: ``days`` days counted from the day after the due date it replaces."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.deadline_after(old_due, days)


def _office_department():
    """The legal office (a department flagged as such) of the complaint's jurisdiction."""
    return Subquery(
        Department.objects.filter(
            jurisdiction=OuterRef("department__jurisdiction"), is_legal_office=True
        ).values("pk")[:1]
    )


class ComplaintRule(DeadlineRule):
    def addressee(self, item) -> dict:
        """To the department once the complaint was assigned to it, else the legal office."""
        if item.forwarded_at is not None and self.name != "complaint_acceptance":
            return {"department_id": item.department_id}
        if item.office_department_id is not None:
            return {"department_id": item.office_department_id}
        # A jurisdiction whose legal office has no department row: the office itself.
        return {"department_id": None, "office_id": item.department.jurisdiction_id}

    def _values(self, item, due):
        return {
            "reference": item.reference,
            "department": item.department.name,
            "received": long_date(item.received_on),
            "accepted": long_date(item.decided_on) if item.decided_on else "",
            "due": long_date(due),
        }

    def _draft(self, item, kind, subject, body, due, explanation):
        return NoticeDraft(
            kind=kind,
            object_key=self.item_key(item),
            subject=subject,
            body=body,
            due_date=due,
            explanation=explanation.explain() if explanation else "",
            **self.addressee(item),
        )


@register
class AcceptanceRule(ComplaintRule):
    """Decide whether to accept a complaint within 5 working days of receipt (15 days for a
    petition)."""

    name = "complaint_acceptance"
    label = gettext_lazy("Acceptance of complaints")
    due_field = "accept_due"

    def open_items(self):
        # Matches the partial index ``complaint_accept_due_idx``.
        return (
            Complaint.objects.awaiting_acceptance()
            .select_related("department")
            .annotate(office_department_id=_office_department())
        )

    def draft(self, item, kind, day) -> NoticeDraft:
        values = self._values(item, item.accept_due)
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: complaint %(reference)s has not been accepted or refused in time")
            body = _(
                "The complaint %(reference)s about %(department)s was received on %(received)s;"
                " whether to accept it had to be decided by %(due)s.\n"
                "It is still awaiting a decision. Accept, refer or refuse it at once and tell the"
                " complainant."
            )
        else:
            subject = _("Reminder: decide on complaint %(reference)s by %(due)s")
            body = _(
                "The complaint %(reference)s about %(department)s was received on %(received)s;"
                " whether to accept it is to be decided by %(due)s.\n"
                "Please accept, refer or refuse it before the deadline."
            )
        return self._draft(
            item,
            kind,
            subject % values,
            body % values,
            item.accept_due,
            Deadline.from_json(item.accept_due_explanation),
        )

    def recompute(self, calendar) -> int:
        return _recompute(
            Complaint.objects.awaiting_acceptance(),
            due_field="accept_due",
            count=lambda c, cal: accept_deadline(
                c.received_on, is_petition=c.is_petition, working_calendar=cal
            ),
            working_calendar=calendar,
        )


@register
class ConclusionRule(ComplaintRule):
    """Conclude an accepted complaint within 30 days (60 for a petition)."""

    name = "complaint_conclusion"
    label = gettext_lazy("Conclusion of complaints")
    due_field = "conclude_due"
    extended = False

    def open_items(self):
        # Matches the partial index ``complaint_conclude_due_idx``.
        return (
            Complaint.objects.in_handling()
            .filter(extension_days__isnull=not self.extended)
            .select_related("department")
            .annotate(office_department_id=_office_department())
        )

    def draft(self, item, kind, day) -> NoticeDraft:
        values = self._values(item, item.conclude_due)
        if kind == Notice.Kind.OVERDUE:
            subject = _("Notice: complaint %(reference)s has not been concluded in time")
            body = _(
                "The complaint %(reference)s about %(department)s was accepted on %(accepted)s"
                " and had to be concluded by %(due)s.\n"
                "It has not been concluded. Conclude it at once and state the reasons for the"
                " delay."
            )
        else:
            subject = _("Reminder: complaint %(reference)s is to be concluded by %(due)s")
            body = _(
                "The complaint %(reference)s about %(department)s was accepted on %(accepted)s"
                " and is to be concluded by %(due)s.\n"
                "Please submit the answer in time for the legal office to approve it."
            )
        return self._draft(
            item,
            kind,
            subject % values,
            body % values,
            item.conclude_due,
            Deadline.from_json(item.conclude_due_explanation),
        )

    def recompute(self, calendar) -> int:
        def count(complaint, cal):
            deadline = conclude_deadline(
                complaint.decided_on, is_petition=complaint.is_petition, working_calendar=cal
            )
            if complaint.extension_days:
                deadline = extended_deadline(deadline.due, complaint.extension_days, cal)
            return deadline

        return _recompute(
            Complaint.objects.in_handling().filter(extension_days__isnull=not self.extended),
            due_field="conclude_due",
            count=count,
            working_calendar=calendar,
        )


@register
class ExtendedConclusionRule(ConclusionRule):
    """An extended complaint is chased against its new due date, once more, by its own rule."""

    name = "complaint_extended"
    label = gettext_lazy("Conclusion of extended complaints")
    extended = True


def _recompute(queryset, *, due_field, count, working_calendar) -> int:
    """Recount the stored due dates of open complaints; write back and audit only those that
    moved (set-based write, one audit insert)."""
    fields = [due_field, f"{due_field}_provisional", f"{due_field}_explanation"]
    changed = []
    with transaction.atomic():
        for complaint in queryset.select_related("department").select_for_update(of=("self",)):
            deadline = count(complaint, working_calendar)
            if getattr(complaint, fields[2]) == deadline.as_json():
                continue
            setattr(complaint, due_field, deadline.due)
            setattr(complaint, fields[1], deadline.provisional)
            setattr(complaint, fields[2], deadline.as_json())
            changed.append(complaint)
        if changed:
            Complaint.objects.bulk_update(changed, fields, batch_size=1000)
            audit.record_many(changed, action="recompute_due", fields=fields[:2])
    return len(changed)

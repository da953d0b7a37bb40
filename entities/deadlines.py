"""Deadline rules of the entities registry: expiring entrustment agreements."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision.calendar import long_date
from supervision.deadlines import DeadlineRule, register
from supervision.models import Notice
from supervision.notices import NoticeDraft

from .models import Entrustment


@register
class EntrustmentExpiryRule(DeadlineRule):
    """A reminder 30 days before a published agreement's term ends; a notice the day after."""

    name = "entrustment_expiry"
    label = gettext_lazy("Expiry of entrustment agreements")
    due_field = "ends_on"
    reminder_days = 30

    def open_items(self):
        return Entrustment.objects.filter(status=Entrustment.Status.PUBLISHED).select_related(
            "principal"
        )

    def draft(self, item, kind, day):
        values = {
            "principal": item.principal.name,
            "organisation": item.entrusted_organisation,
            "date": long_date(item.ends_on),
        }
        if kind == Notice.Kind.REMINDER:
            subject = _("Reminder: an entrustment agreement ends on %(date)s") % values
            body = (
                _(
                    "The agreement by which %(principal)s entrusts enforcement to %(organisation)s "
                    "ends on %(date)s. Renew it and file the new agreement with the legal office "
                    "before that day, or the entrusted organisation may no longer enforce."
                )
                % values
            )
        else:
            subject = _("Notice: an entrustment agreement has ended") % values
            body = (
                _(
                    "The agreement by which %(principal)s entrusts enforcement to %(organisation)s "
                    "ended on %(date)s. The entrusted organisation may no longer enforce in the "
                    "principal's name; file a renewed agreement with the legal office."
                )
                % values
            )
        explanation = _("The agreement's term ends on %(date)s.") % values
        return NoticeDraft(
            kind=kind,
            department_id=item.principal.department_id,
            subject=subject,
            body=body,
            due_date=item.ends_on,
            explanation=explanation,
        )

"""Deadline rules of the personnel registry: certificate expiry and the annual review."""

import datetime
from itertools import groupby

from django.db.models import Exists, Min, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from supervision import eligibility
from supervision.calendar import long_date
from supervision.deadlines import DeadlineRule, register
from supervision.models import Department, Notice
from supervision.notices import NoticeDraft

from . import services
from .models import Certificate

# An expired certificate is announced once, if it expired within this many days before the check
# (a missed run is caught up; certificates that expired long ago are not announced again).
EXPIRY_NOTICE_LOOKBACK = datetime.timedelta(days=30)


@register
class CertificateExpiryRule(DeadlineRule):
    """A reminder 60 days before a valid certificate expires; on the day after expiry the
    certificate turns ``expired`` (one update, audited) and its department is told."""

    name = "certificate_expiry"
    label = gettext_lazy("Expiry of enforcement certificates")
    due_field = "expires_on"
    reminder_days = 60

    def open_items(self):
        return Certificate.objects.filter(status=Certificate.Status.VALID).select_related(
            "officer__department"
        )

    def act(self, day):
        return services.certificates_expire(day=day)

    def overdue(self, day):
        expired = Certificate.objects.filter(
            status=Certificate.Status.EXPIRED,
            expires_on__gte=day - EXPIRY_NOTICE_LOOKBACK,
            expires_on__lt=day,
        ).select_related("officer__department")
        return self._without_notice(expired, Notice.Kind.OVERDUE).order_by("expires_on", "pk")

    def drafts(self, day, calendar):
        """One reminder per department and month of expiry, sent when the month's first
        certificate comes within 60 days and listing all of that month's; one overdue notice per
        department and day of expiry. A province has tens of thousands of certificates expiring
        in a season: a notice each would bury the departments (and the mail server).

        Certificates told one by one before this rule grouped them (a notice keyed by their id)
        are not told again."""
        until = self.reminder_until(day, calendar)
        month_end = (until.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        soon = self.due_soon(day, month_end - datetime.timedelta(days=1))
        yield from self._grouped(
            soon, Notice.Kind.REMINDER, day, lambda expires_on: expires_on.strftime("%Y-%m"), until
        )
        yield from self._grouped(
            self.overdue(day), Notice.Kind.OVERDUE, day, lambda expires_on: expires_on.isoformat()
        )

    def _grouped(self, certificates, kind, day, period, until=None):
        # The groups first (department and day, a few thousand rows): the certificates are loaded
        # only when a group has no notice yet, so a rerun reads no certificate.
        first_day = {}
        for department_id, expires_on in (
            certificates.order_by().values_list("officer__department_id", "expires_on").distinct()
        ):
            key = f"{self.name}:{department_id}:{period(expires_on)}"
            first_day[key] = min(expires_on, first_day.get(key, expires_on))
        issued = set(
            Notice.objects.filter(
                rule=self.name, kind=kind, object_key__in=list(first_day)
            ).values_list("object_key", flat=True)
        )
        missing = {
            key
            for key, first in first_day.items()
            if key not in issued and (until is None or first <= until)
        }
        if not missing:
            return
        # Plain rows, not model instances: tens of thousands of certificates.
        groups = {}
        rows = certificates.filter(
            officer__department_id__in={int(key.split(":")[1]) for key in missing}
        ).values_list("officer__department_id", "expires_on", "officer__name", "kind", "number")
        for row in rows.order_by("expires_on", "officer__name", "pk").iterator(5000):
            key = f"{self.name}:{row[0]}:{period(row[1])}"
            if key in missing:
                groups.setdefault(key, []).append(row)
        for key, group in sorted(groups.items()):
            draft = (
                self._one(*group[0], kind=kind) if len(group) == 1 else self._listing(group, kind)
            )
            draft.object_key = key
            yield draft

    def _listing(self, certificates, kind):
        first = certificates[0][1]
        values = {
            "count": len(certificates),
            "month": _("%(year)d/%(month)d") % {"year": first.year, "month": first.month},
            "date": long_date(first),
        }
        line = _("%(officer)s, %(kind)s No. %(number)s, valid until %(date)s")
        kinds = {k.value: str(k.label) for k in Certificate.Kind}
        lines = [
            f"{i}. "
            + line
            % {
                "officer": officer,
                "kind": kinds[certificate_kind],
                "number": number,
                "date": long_date(expires_on),
            }
            for i, (_d, expires_on, officer, certificate_kind, number) in enumerate(certificates, 1)
        ]
        if kind == Notice.Kind.REMINDER:
            subject = _("Reminder: %(count)d certificates expire in %(month)s") % values
            intro = (
                _(
                    "The following %(count)d certificates expire in %(month)s. Apply for their "
                    "renewal in time: after its expiry day an officer may not enforce:"
                )
                % values
            )
        else:
            subject = _("Notice: %(count)d certificates expired on %(date)s") % values
            intro = (
                _(
                    "The following %(count)d certificates expired on %(date)s and are marked "
                    "expired. Their holders may not enforce until new certificates are issued:"
                )
                % values
            )
        return NoticeDraft(
            kind=kind,
            department_id=certificates[0][0],
            subject=subject,
            body="\n".join([intro, *lines]),
            due_date=first,
            explanation=_("Each certificate is valid until the date listed."),
        )

    def draft(self, item, kind, day):
        officer = item.officer
        return self._one(
            officer.department_id, item.expires_on, officer.name, item.kind, item.number, kind=kind
        )

    def _one(self, department_id, expires_on, officer, certificate_kind, number, *, kind):
        values = {
            "officer": officer,
            "kind": Certificate.Kind(certificate_kind).label,
            "number": number,
            "date": long_date(expires_on),
        }
        if kind == Notice.Kind.REMINDER:
            subject = _("Reminder: the certificate of %(officer)s expires on %(date)s") % values
            body = (
                _(
                    "The %(kind)s No. %(number)s of %(officer)s expires on %(date)s. Apply for its "
                    "renewal in time: after that day the officer may not enforce."
                )
                % values
            )
        else:
            subject = _("Notice: the certificate of %(officer)s has expired") % values
            body = (
                _(
                    "The %(kind)s No. %(number)s of %(officer)s expired on %(date)s and is marked "
                    "expired. The officer may not enforce until a new certificate is issued."
                )
                % values
            )
        explanation = _("The certificate is valid until %(date)s.") % values
        return NoticeDraft(
            kind=kind,
            department_id=department_id,
            subject=subject,
            body=body,
            due_date=expires_on,
            explanation=explanation,
        )


@register
class AnnualReviewRule(DeadlineRule):
    """The annual review (年审注册) must pass by the grace date (settings
    ``ANNUAL_REVIEW_GRACE_DATE``, moved to a working day), stored per certificate in
    ``review_due``. One reminder per department and year in the 30 days before; one notice per
    department and year after it, each listing the certificates concerned."""

    name = "annual_review"
    label = gettext_lazy("Annual review of certificates")
    due_field = "review_due"
    reminder_days = 30

    def open_items(self):
        return Certificate.objects.filter(status=Certificate.Status.VALID)

    def _grouped(self, items, kind, calendar, start, end):
        """One draft per department and year of the review's due date (``start`` to ``end``,
        the day before excluded) that has certificates in ``items`` and no notice yet.

        The groups without a notice are found first, a year at a time, one query over the
        departments each (does it have such a certificate? an index probe), so that a rerun,
        which finds every group told, reads no certificate; the certificates are read only for
        the groups still to be told."""
        for year in range(start.year, end.year + 1):
            first = max(start, datetime.date(year, 1, 1))
            last = min(end, datetime.date(year, 12, 31))
            due = items.filter(
                officer__department=OuterRef("pk"), review_due__gte=first, review_due__lte=last
            )
            missing = list(
                Department.objects.exclude(self.noticed(kind, str(year)))
                .filter(Exists(due))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if not missing:
                continue
            rows = (
                items.filter(
                    officer__department__in=missing, review_due__gte=first, review_due__lte=last
                )
                .values_list("officer__department_id", "review_due", "number", "officer__name")
                .order_by("officer__department_id", "review_due", "number")
            )
            for department_id, group in groupby(rows.iterator(5000), key=lambda r: r[0]):
                yield self._draft_for(department_id, year, list(group), kind, calendar)

    def drafts(self, day, calendar):
        until = self.reminder_until(day, calendar)
        yield from self._grouped(self.open_items(), Notice.Kind.REMINDER, calendar, day, until)
        earliest = self.open_items().filter(review_due__lt=day).aggregate(Min("review_due"))
        if earliest["review_due__min"] is not None:
            yield from self._grouped(
                self.open_items(),
                Notice.Kind.OVERDUE,
                calendar,
                earliest["review_due__min"],
                day - datetime.timedelta(days=1),
            )

    def _draft_for(self, department_id, year, rows, kind, calendar):
        deadline = calendar.deadline_on(services.annual_review_grace_day(year))
        listing = "\n".join(
            f"{i}. {name}（{number}）" for i, (_d, _due, number, name) in enumerate(rows, 1)
        )
        values = {"year": year, "date": long_date(deadline.due), "count": len(rows)}
        if kind == Notice.Kind.REMINDER:
            subject = (
                _("Reminder: the %(year)d annual review of certificates is due by %(date)s")
                % values
            )
            intro = (
                _(
                    "The following %(count)d certificates need their %(year)d annual review passed "
                    "by %(date)s; after that day their holders may not enforce:"
                )
                % values
            )
        else:
            subject = _("Notice: certificates without the %(year)d annual review") % values
            intro = (
                _(
                    "The following %(count)d certificates did not pass their %(year)d annual review "
                    "by %(date)s; their holders may not enforce until it is passed:"
                )
                % values
            )
        explanation = deadline.explain()
        return NoticeDraft(
            kind=kind,
            department_id=department_id,
            object_key=f"{self.name}:{department_id}:{year}",
            object_id=department_id,
            period=str(year),
            subject=subject,
            body=f"{intro}\n{listing}",
            due_date=deadline.due,
            explanation=explanation,
        )

    def recompute(self, calendar):
        """After a schedule change: each year's grace date moved again, one update per year."""
        changed = 0
        years = {day.year for day in self.open_items().dates("review_due", "year")}
        for year in sorted(years):
            due = calendar.deadline_on(services.annual_review_grace_day(year)).due
            changed += (
                self.open_items()
                .filter(review_due__year=year)
                .exclude(review_due=due)
                .update(review_due=due)
            )
        if changed:
            eligibility.changed(certificates__in=self.open_items().values("pk"))
        return changed

"""The deadline engine: rules registered by the apps, run for a day, issuing notices exactly once.

Each app declares its rules in ``<app>/deadlines.py`` (imported at start-up by ``SupervisionConfig``)
with ``@register``. The engine never imports the apps; it only runs what was registered.

A rule's work is done in the portal's language (settings.LANGUAGE_CODE): notices are documents,
and audit reasons and explanations are stored as written. The engine switches to it once around
each rule's ``act``, ``drafts`` and ``recompute``, whatever language the caller (a request in
English, a worker) has active; rules do not switch themselves.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation

from . import notices
from .calendar import WorkingCalendar, today
from .models import DeadlineCheckRun, Notice
from .notices import NoticeDraft

logger = logging.getLogger(__name__)

_registry: dict[str, "DeadlineRule"] = {}


@dataclass
class RuleResult:
    rule: str
    reminders: int = 0
    overdue: int = 0
    acted: int = 0
    issued: list = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class LateItem:
    """A piece of work that was overdue: what it was, its deadline, and the day it was done (None
    while it is still outstanding). Bulletins are built from these, not from the notices sent."""

    department_id: int
    department: str
    what: str
    due: datetime.date
    done_on: datetime.date | None = None


class DeadlineRule:
    """A deadline rule: subclasses set ``name``, ``label`` and ``due_field`` and implement
    ``open_items`` and ``draft``; ``act``, ``recompute`` and ``drafts`` are optional."""

    name: str = ""
    label = ""
    due_field: str = "due"
    #: None: the reminder window is settings.REMINDER_WINDOW_WORKING_DAYS working days;
    #: an int: that many calendar days before the due date (e.g. 30 for an expiring agreement).
    reminder_days: int | None = None

    def open_items(self) -> models.QuerySet:
        """The rows whose deadline is still open, as one queryset over the indexed due column."""
        raise NotImplementedError

    def draft(self, item, kind: str, day: datetime.date) -> NoticeDraft:
        """The notice of ``kind`` (reminder or overdue) about ``item`` as of ``day``."""
        raise NotImplementedError

    def act(self, day: datetime.date) -> int:
        """A set-based side effect before the notices (idempotent); returns rows changed."""
        return 0

    def recompute(self, calendar: WorkingCalendar) -> int:
        """Recompute stored due dates of open items after a change of the holiday schedule."""
        return 0

    def late_items(self, start: datetime.date, end: datetime.date, departments: models.QuerySet):
        """Every item of ``departments`` that was overdue on some day from ``start`` to ``end``
        (its deadline before ``end``; not done by its deadline; not done before ``start``),
        whatever notices went out, as ``LateItem``s, in one query. A rule that keeps no such
        record yields none."""
        return ()

    @staticmethod
    def overdue_in(due_field: str, done_field: str, start, end) -> models.Q:
        """The filter ``late_items`` needs, over a row's due and done columns."""
        done = done_field
        return (
            models.Q(**{f"{due_field}__lt": end})
            & (
                models.Q(**{f"{done}__isnull": True})
                | models.Q(**{f"{done}__gt": models.F(due_field)})
            )
            & (models.Q(**{f"{done}__isnull": True}) | models.Q(**{f"{done}__gte": start}))
        )

    def item_key(self, item) -> str:
        return f"{self.name}:{item.pk}"

    def reminder_until(self, day: datetime.date, calendar: WorkingCalendar) -> datetime.date:
        if self.reminder_days is None:
            return calendar.add_working_days(day, settings.REMINDER_WINDOW_WORKING_DAYS)
        return day + datetime.timedelta(days=self.reminder_days)

    def _without_notice(self, items: models.QuerySet, kind: str) -> models.QuerySet:
        # Skip rows that already had this notice, in the same query (NOT EXISTS), through the
        # index on (rule, kind, object_id): a key built per row ("<rule>:" || id) has no index.
        return items.exclude(models.Exists(self.notices_about(kind)))

    def notices_about(self, kind: str) -> models.QuerySet:
        """This rule's notices of ``kind`` about the outer query's row."""
        return Notice.objects.filter(rule=self.name, kind=kind, object_id=models.OuterRef("pk"))

    def noticed(self, kind: str, period: str, subject: str = "pk") -> models.Exists:
        """Whether the outer row (a department, an office: its ``subject`` column) already had
        this rule's notice of ``kind`` for ``period``, through the index on (rule, kind,
        object_id, period): drafts of such notices name ``object_id`` and ``period``."""
        return models.Exists(
            Notice.objects.filter(
                rule=self.name, kind=kind, object_id=models.OuterRef(subject), period=period
            )
        )

    def due_soon(self, day: datetime.date, until: datetime.date) -> models.QuerySet:
        due = self.due_field
        items = self.open_items().filter(**{f"{due}__gte": day, f"{due}__lte": until})
        return self._without_notice(items, Notice.Kind.REMINDER).order_by(due, "pk")

    def overdue(self, day: datetime.date) -> models.QuerySet:
        due = self.due_field
        items = self.open_items().filter(**{f"{due}__lt": day})
        return self._without_notice(items, Notice.Kind.OVERDUE).order_by(due, "pk")

    def drafts(self, day: datetime.date, calendar: WorkingCalendar):
        """Reminders for items due within the window, overdue notices for items past due.

        Override to group items (one notice per department listing them)."""
        for item in self.due_soon(day, self.reminder_until(day, calendar)).iterator(2000):
            yield self._keyed(self.draft(item, Notice.Kind.REMINDER, day), item)
        for item in self.overdue(day).iterator(2000):
            yield self._keyed(self.draft(item, Notice.Kind.OVERDUE, day), item)

    def _keyed(self, draft: NoticeDraft, item) -> NoticeDraft:
        draft.object_key = self.item_key(item)
        draft.object_id = item.pk
        return draft


def in_portal_language():
    """The language in which rules write: the portal's, not the caller's."""
    return translation.override(settings.LANGUAGE_CODE)


def register(rule_class: type[DeadlineRule]) -> type[DeadlineRule]:
    rule = rule_class()
    if not rule.name:
        raise ValueError(f"{rule_class.__name__} has no name")
    _registry[rule.name] = rule
    return rule_class


def registered_rules() -> list[DeadlineRule]:
    return [_registry[name] for name in sorted(_registry)]


def get_rule(name: str) -> DeadlineRule | None:
    return _registry.get(name)


def run_deadline_checks(day: datetime.date | None = None) -> list[RuleResult]:
    """Run every registered rule for ``day`` (default today): side effects, then notices.

    Notices are official documents, numbered and dated the day they are issued, and an office
    issues documents on working days only: on a Sunday or in the National Day week the rules
    still record what happened (a certificate expired), but no notice is issued. The next working
    day's run issues what is due then; nothing is lost, since a rule's overdue finder looks at
    every day since the deadline and the reminder window reaches over the days off.

    Safe to run twice or on two workers at once: notices are unique per (rule, object, kind)
    and ``notices.issue`` hands out numbers under a lock. Each rule commits on its own, so a
    crash halfway loses nothing that a rerun does not issue.
    """
    day = day or today()
    started_at = timezone.now()
    calendar = WorkingCalendar.load()
    working_day = calendar.is_working_day(day)
    results = []
    for rule in registered_rules():
        with in_portal_language():
            with transaction.atomic():
                acted = rule.act(day)
            drafts = list(rule.drafts(day, calendar)) if working_day else []
        issued = notices.issue(drafts, rule=rule.name, day=day) if drafts else []
        result = RuleResult(rule=rule.name, acted=acted, issued=issued)
        result.reminders = sum(1 for n in issued if n.kind == Notice.Kind.REMINDER)
        result.overdue = sum(1 for n in issued if n.kind == Notice.Kind.OVERDUE)
        logger.info(
            "deadline rule %s on %s: %d reminders, %d overdue, %d changed",
            rule.name,
            day,
            result.reminders,
            result.overdue,
            acted,
        )
        results.append(result)
    DeadlineCheckRun.objects.update_or_create(
        day=day,
        defaults={
            "working_day": working_day,
            "started_at": started_at,
            "finished_at": timezone.now(),
            "reminders": sum(r.reminders for r in results),
            "overdue": sum(r.overdue for r in results),
            "changed": sum(r.acted for r in results),
        },
    )
    return results


def late_items(
    start: datetime.date, end: datetime.date, departments: models.QuerySet
) -> list[LateItem]:
    """The overdue work of ``departments`` in the period across every rule, by department, then
    deadline."""
    items = []
    for rule in registered_rules():
        with in_portal_language():
            items.extend(rule.late_items(start, end, departments))
    return sorted(items, key=lambda i: (i.department, i.due, i.what))


def recompute_open_deadlines() -> dict[str, int]:
    """After a holiday schedule is entered or corrected: every rule recomputes its open deadlines."""
    calendar = WorkingCalendar.load()
    changed = {}
    for rule in registered_rules():
        with in_portal_language():
            changed[rule.name] = rule.recompute(calendar)
    return changed

"""Working days and deadlines: the one rule for counting (DESIGN.md, "Deadlines").

A period in days starts the day after the event; if its last day, or a fixed date such as
31 January, is not a working day, the deadline moves to the next working day. Which days are
working days: the legal office's own entries (``ScheduleDay``) first, then the State Council's
schedule as the ``chinese-calendar`` package knows it, then, for a year neither knows, weekends
only — and such a deadline is *provisional* until that year's schedule is entered.
"""

import datetime
import functools
import re
from dataclasses import dataclass

import chinese_calendar
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ONE_DAY = datetime.timedelta(days=1)
# Longer than any run of holidays; a guard against a calendar with no working day at all.
MAX_NON_WORKING_RUN = 60


def today() -> datetime.date:
    """Today in Asia/Shanghai (the portal's TIME_ZONE)."""
    return timezone.localdate()


def long_date(day: datetime.date) -> str:
    """2026年10月9日 in Chinese, 9 October 2026 in English."""
    return formats.date_format(day, "DATE_FORMAT")


@functools.cache
def package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(datetime.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@dataclass(frozen=True)
class Deadline:
    event_day: datetime.date | None
    period_days: int | None
    raw_last_day: datetime.date
    due: datetime.date
    skipped: tuple[datetime.date, ...]
    provisional: bool
    #: The period counts working days only (``skipped`` are the non-working days not counted).
    working_days: bool = False

    def as_json(self) -> dict:
        """The deadline as a record keeps it beside its due date: the facts that explain it, as
        they were counted (a later change of the holiday schedule does not rewrite a closed one)."""
        return {
            "event_day": self.event_day and self.event_day.isoformat(),
            "period_days": self.period_days,
            "raw_last_day": self.raw_last_day.isoformat(),
            "due": self.due.isoformat(),
            "skipped": [day.isoformat() for day in self.skipped],
            "provisional": self.provisional,
            # Only when set: the deadlines stored before it existed keep comparing equal.
            **({"working_days": True} if self.working_days else {}),
        }

    @classmethod
    def from_json(cls, data: dict | None) -> "Deadline | None":
        """The deadline a record keeps (``as_json``), or None when it keeps none."""
        if not data:
            return None
        day = datetime.date.fromisoformat
        return cls(
            event_day=data["event_day"] and day(data["event_day"]),
            period_days=data["period_days"],
            raw_last_day=day(data["raw_last_day"]),
            due=day(data["due"]),
            skipped=tuple(day(skipped) for skipped in data["skipped"]),
            provisional=data["provisional"],
            working_days=data.get("working_days", False),
        )

    def explain(self) -> str:
        """The deadline in one paragraph: event, period, raw last day, each day moved over."""
        parts = []
        if self.working_days:
            parts.append(
                ngettext(
                    "The period of %(days)d working day starts the day after %(event)s.",
                    "The period of %(days)d working days starts the day after %(event)s.",
                    self.period_days,
                )
                % {"days": self.period_days, "event": long_date(self.event_day)}
            )
            if self.skipped:
                parts.append(
                    _("%(days)s: not working days, not counted.")
                    % {"days": _(", ").join(long_date(day) for day in self.skipped)}
                )
            parts.append(_("The deadline is %(due)s.") % {"due": long_date(self.due)})
        elif self.event_day is not None:
            parts.append(
                ngettext(
                    "The period of %(days)d day starts the day after %(event)s; its last day is %(raw)s.",
                    "The period of %(days)d days starts the day after %(event)s; its last day is %(raw)s.",
                    self.period_days,
                )
                % {
                    "days": self.period_days,
                    "event": long_date(self.event_day),
                    "raw": long_date(self.raw_last_day),
                }
            )
        else:
            parts.append(_("The fixed date is %(raw)s.") % {"raw": long_date(self.raw_last_day)})
        if self.working_days:
            pass  # the period's own sentences said which days were not counted
        elif self.skipped:
            parts.append(
                _(
                    "%(days)s: not working days, so the deadline moves to the next working day, %(due)s."
                )
                % {
                    "days": _(", ").join(long_date(day) for day in self.skipped),
                    "due": long_date(self.due),
                }
            )
        else:
            parts.append(
                _("That is a working day: the deadline is %(due)s.") % {"due": long_date(self.due)}
            )
        if self.provisional:
            parts.append(
                _(
                    "The holiday schedule of that year is not known yet: weekends only were counted, and the"
                    " deadline is provisional until the schedule is entered."
                )
            )
        # Chinese sentences end in 。 and need no space between them.
        return re.sub(r"(?<=[。；])\s+", "", " ".join(parts))

    def as_dict(self) -> dict:
        return {
            "event_day": self.event_day,
            "period_days": self.period_days,
            "raw_last_day": self.raw_last_day,
            "due": self.due,
            "skipped": list(self.skipped),
            "provisional": self.provisional,
            "working_days": self.working_days,
            "explanation": self.explain(),
        }


class WorkingCalendar:
    """The working-day calendar with the legal office's entries loaded once (one query)."""

    def __init__(self, entries: dict[datetime.date, bool], scheduled_years: set[int]):
        self.entries = entries
        self.scheduled_years = scheduled_years

    @classmethod
    def load(cls) -> "WorkingCalendar":
        from .models import HolidaySchedule, ScheduleDay

        entries = dict(ScheduleDay.objects.values_list("day", "is_working_day"))
        years = set(HolidaySchedule.objects.values_list("year", flat=True))
        return cls(entries, years)

    def knows(self, year: int) -> bool:
        return year in self.scheduled_years or package_knows(year)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.entries:
            return self.entries[day]
        if package_knows(day.year):
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def _move_to_working_day(self, event_day, period_days, raw_last_day) -> Deadline:
        day, skipped = raw_last_day, []
        provisional = not self.knows(day.year)
        while not self.is_working_day(day):
            if len(skipped) >= MAX_NON_WORKING_RUN:
                raise ValueError(
                    f"No working day within {MAX_NON_WORKING_RUN} days of {raw_last_day}"
                )
            skipped.append(day)
            day += ONE_DAY
            provisional = provisional or not self.knows(day.year)
        return Deadline(event_day, period_days, raw_last_day, day, tuple(skipped), provisional)

    def deadline_after(self, event_day: datetime.date, days: int) -> Deadline:
        """A period of ``days`` days counted from the day after ``event_day``."""
        return self._move_to_working_day(event_day, days, event_day + datetime.timedelta(days=days))

    def deadline_on(self, day: datetime.date) -> Deadline:
        """A fixed date (31 January, say), moved to the next working day if it is not one."""
        return self._move_to_working_day(None, None, day)

    def deadline_after_working_days(self, event_day: datetime.date, count: int) -> Deadline:
        """A period of ``count`` working days counted from the day after ``event_day``; the
        non-working days passed over are the deadline's ``skipped`` days."""
        day, remaining, skipped = event_day, count, []
        provisional = False
        while remaining > 0:
            day += ONE_DAY
            provisional = provisional or not self.knows(day.year)
            if self.is_working_day(day):
                remaining -= 1
            else:
                skipped.append(day)
        return Deadline(event_day, count, day, day, tuple(skipped), provisional, working_days=True)

    def add_working_days(self, day: datetime.date, count: int) -> datetime.date:
        """The ``count``-th working day after ``day`` (``day`` itself not counted)."""
        while count > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                count -= 1
        return day


def deadline_after(event_day: datetime.date, days: int) -> Deadline:
    return WorkingCalendar.load().deadline_after(event_day, days)


def deadline_on(day: datetime.date) -> Deadline:
    return WorkingCalendar.load().deadline_on(day)


def is_working_day(day: datetime.date) -> bool:
    return WorkingCalendar.load().is_working_day(day)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    return WorkingCalendar.load().add_working_days(day, count)

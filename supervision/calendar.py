"""Working days and deadlines: the one rule for counting (DESIGN.md, "Deadlines").

A period in days starts the day after the event; if its last day, or a fixed date such as
31 January, is not a working day, the deadline moves to the next working day. Which days are
working days: the legal office's own entries (``ScheduleDay``) first, then the State Council's
schedule as the ``chinese-calendar`` package knows it, then, for a year neither knows, the
statutory holidays of the 全国年节及纪念日放假办法 (2024 revision) on top of the weekends — and such a
deadline is *provisional* until that year's schedule is entered (the make-up working days, 调休, are
only known from the State Council's yearly notice).
"""

import datetime
import functools
import re
from dataclasses import dataclass

import chinese_calendar
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from lunar_python import Lunar

ONE_DAY = datetime.timedelta(days=1)
# Longer than any run of holidays; a guard against a calendar with no working day at all.
MAX_NON_WORKING_RUN = 60


def today() -> datetime.date:
    """Today in Asia/Shanghai (the portal's TIME_ZONE)."""
    return timezone.localdate()


def quarter_of(day: datetime.date) -> tuple[int, int]:
    """The year and quarter (1–4) a day falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a quarter."""
    first = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, following - datetime.timedelta(days=1)


def previous_quarter(day: datetime.date) -> tuple[int, int]:
    """The year and quarter before the one ``day`` falls in."""
    year, quarter = quarter_of(day)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def long_date(day: datetime.date) -> str:
    """2026年10月9日 in Chinese, 9 October 2026 in English."""
    return formats.date_format(day, "DATE_FORMAT")


#: Holiday names as the chinese-calendar package and the statutory calendar below spell them.
HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "National Day": gettext_lazy("National Day"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": gettext_lazy("Anti-Fascist 70th Day"),
}


def holiday_label(name: str) -> str:
    """A holiday's name in the active language (an office's own entry is kept as typed)."""
    return str(HOLIDAY_NAMES.get(name, name))


def _lunar_day(year: int, month: int, day: int) -> datetime.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.cache
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The days off fixed by law in ``year``, before the State Council's yearly schedule.

    全国年节及纪念日放假办法 (2024 revision), article 2: 元旦 1 January; 春节 four days, 除夕 (the
    lunar new year's eve) through 初三; 清明节 on the solar term; 劳动节 1 and 2 May; 端午节 on lunar
    5/5; 中秋节 on lunar 8/15; 国庆节 1 to 3 October. The lunar dates and the solar term come from
    lunar-python (tables from 1900 to 2100).
    """
    days = {datetime.date(year, 1, 1): "New Year's Day"}
    new_year = _lunar_day(year, 1, 1)
    for offset in range(-1, 3):
        days[new_year + datetime.timedelta(days=offset)] = "Spring Festival"
    qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    days[datetime.date(year, qingming.getMonth(), qingming.getDay())] = "Tomb-sweeping Day"
    days[datetime.date(year, 5, 1)] = days[datetime.date(year, 5, 2)] = "Labour Day"
    days[_lunar_day(year, 5, 5)] = "Dragon Boat Festival"
    days[_lunar_day(year, 8, 15)] = "Mid-autumn Festival"
    for day in (1, 2, 3):
        days[datetime.date(year, 10, day)] = "National Day"
    return days


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
    #: The skipped days that are holidays, with the holiday's name and whether only the law (not
    #: a published schedule) makes them one: ((day, name, provisional), ...).
    holidays: tuple[tuple[datetime.date, str, bool], ...] = ()
    #: The due day is a weekend day made a working day (调休).
    make_up_day: bool = False
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
            "holidays": [[day.isoformat(), name, law] for day, name, law in self.holidays],
            "make_up_day": self.make_up_day,
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
            holidays=tuple(
                (day(holiday), name, law) for holiday, name, law in data.get("holidays", ())
            ),
            make_up_day=data.get("make_up_day", False),
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
        parts.extend(self._holiday_sentences())
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
        elif not self.make_up_day:
            parts.append(
                _("That is a working day: the deadline is %(due)s.") % {"due": long_date(self.due)}
            )
        if self.make_up_day:
            parts.append(
                _("%(due)s (%(weekday)s) is a make-up working day: the deadline is %(due)s.")
                % {"due": long_date(self.due), "weekday": formats.date_format(self.due, "l")}
            )
        if self.provisional:
            parts.append(
                _(
                    "The holiday schedule of that year is not known yet: weekends and the statutory holidays"
                    " were counted, and the deadline is provisional until the schedule is entered."
                )
            )
        # Chinese sentences end in 。 and need no space between them.
        return re.sub(r"(?<=[。；])\s+", "", " ".join(parts))

    def _holiday_sentences(self) -> list[str]:
        """One sentence per holiday moved over, its days listed: 2027年1月1日为元旦（…）。"""
        groups: dict[tuple[str, bool], list[datetime.date]] = {}
        for day, name, law in self.holidays:
            groups.setdefault((name, law), []).append(day)
        sentences = []
        for (name, law), days in groups.items():
            values = {
                "days": _(", ").join(long_date(day) for day in days),
                "name": holiday_label(name),
            }
            if law:
                sentences.append(
                    _(
                        "%(days)s: %(name)s (a statutory holiday; the make-up arrangements are"
                        " not published yet)."
                    )
                    % values
                )
            else:
                sentences.append(_("%(days)s: the %(name)s holiday.") % values)
        return sentences

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

    def __init__(
        self,
        entries: dict[datetime.date, bool],
        scheduled_years: set[int],
        names: dict[datetime.date, str] | None = None,
    ):
        self.entries = entries
        self.scheduled_years = scheduled_years
        self.names = names or {}

    @classmethod
    def load(cls) -> "WorkingCalendar":
        from .models import HolidaySchedule, ScheduleDay

        entries, names = {}, {}
        for day, working, name in ScheduleDay.objects.values_list("day", "is_working_day", "name"):
            entries[day] = working
            if name:
                names[day] = name
        years = set(HolidaySchedule.objects.values_list("year", flat=True))
        return cls(entries, years, names)

    def knows(self, year: int) -> bool:
        return year in self.scheduled_years or package_knows(year)

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.entries:
            return self.entries[day]
        if package_knows(day.year):
            return chinese_calendar.is_workday(day)
        if day.year in self.scheduled_years:
            # The office's schedule replaces the statutory guess for the whole year.
            return day.weekday() < 5
        return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def holiday(self, day: datetime.date) -> tuple[str, bool] | None:
        """The holiday ``day`` belongs to, as (name, only provisionally by law), or None."""
        if day in self.entries:
            name = self.names.get(day)
            return (name, False) if name and not self.entries[day] else None
        if package_knows(day.year):
            is_holiday, name = chinese_calendar.get_holiday_detail(day)
            return (name, False) if is_holiday and name else None
        if day.year in self.scheduled_years:
            return None
        name = statutory_holidays(day.year).get(day)
        return (name, True) if name else None

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
        holidays = tuple(
            (skipped_day, *holiday)
            for skipped_day in skipped
            if (holiday := self.holiday(skipped_day)) is not None
        )
        return Deadline(
            event_day,
            period_days,
            raw_last_day,
            day,
            tuple(skipped),
            provisional,
            holidays=holidays,
            make_up_day=day.weekday() >= 5,
        )

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

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """How many working days come after ``start`` up to and including ``end``."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

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


#: A department may contest a result the legal office publishes about it (a case file's score in
#: an evaluation campaign, its draft annual assessment sheet) within 5 working days of publication.
CONTEST_WORKING_DAYS = 5


def contest_due(published_on: datetime.date, working_calendar=None) -> datetime.date:
    """The last day to contest a published result: the 5th working day after publication (the day
    itself not counted), over holidays and counting the weekends made working days (调休)."""
    working_calendar = working_calendar or WorkingCalendar.load()
    return working_calendar.add_working_days(published_on, CONTEST_WORKING_DAYS)

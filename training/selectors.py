"""Reads of the 40-hour rule: an officer's standing in a year, a department's list of who is
short, the yearly report. Every list costs a fixed number of queries, however many officers."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from personnel.models import Certificate, Officer
from supervision.models import Department

from .models import Assessment, TrainingRecord, TrainingWithholding, hours_text

ZERO = Decimal("0.0")
HOURS = DecimalField(max_digits=7, decimal_places=1)


def required_hours() -> Decimal:
    return Decimal(settings.TRAINING_REQUIRED_HOURS)


def first_judged_year() -> int:
    return settings.TRAINING_FIRST_JUDGED_YEAR


@dataclass(frozen=True)
class Standing:
    """An officer's training in one calendar year."""

    year: int
    hours: Decimal = ZERO
    best_score: Decimal | None = None
    passed: bool = False

    @property
    def required_hours(self) -> Decimal:
        return required_hours()

    @property
    def assessed(self) -> bool:
        return self.best_score is not None

    @property
    def compliant(self) -> bool:
        return self.hours >= self.required_hours and self.passed

    @property
    def short_by(self) -> Decimal:
        return max(self.required_hours - self.hours, ZERO)

    def assessment_text(self) -> str:
        if not self.assessed:
            return _("not assessed")
        if self.passed:
            return _("assessment passed (best score %(score)s)") % {
                "score": hours_text(self.best_score)
            }
        return _("assessment failed (best score %(score)s)") % {
            "score": hours_text(self.best_score)
        }

    def describe(self) -> str:
        """ "39.5 of 40 hours, assessment passed (best score 85.0)"."""
        return _("%(hours)s of %(required)s hours, %(assessment)s") % {
            "hours": hours_text(self.hours),
            "required": hours_text(self.required_hours),
            "assessment": self.assessment_text(),
        }

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "hours": self.hours,
            "required_hours": self.required_hours,
            "assessed": self.assessed,
            "passed": self.passed,
            "compliant": self.compliant,
        }


class StandingTable(dict):
    """Standings by (officer id, year); an officer without any record reads as 0 hours, not assessed."""

    def __missing__(self, key):
        return Standing(year=key[1])


def standings(officer_ids, years) -> StandingTable:
    """The standing of the officers ``officer_ids`` (a list, or a subquery of ids) in ``years``:
    two queries, whatever the number of officers."""
    years = list(years)
    if isinstance(officer_ids, QuerySet):
        among = {"officer_id__in": officer_ids}
    else:
        officer_ids = list(officer_ids)
        among = {"officer_id__in": officer_ids}
        if not officer_ids:
            return StandingTable()
    if not years:
        return StandingTable()
    hours = (
        TrainingRecord.objects.filter(year__in=years, **among)
        .order_by()
        .values_list("officer_id", "year")
        .annotate(total=Sum("hours"))
    )
    totals = {(pk, year): total for pk, year, total in hours}
    attempts = (
        Assessment.objects.filter(year__in=years, **among)
        .order_by()
        .values_list("officer_id", "year")
        .annotate(best=Max("score"), passes=Count("pk", filter=Q(passed=True)))
    )
    table = StandingTable(
        {
            (pk, year): Standing(year=year, best_score=best, passed=passes > 0)
            for pk, year, best, passes in attempts
        }
    )
    for (pk, year), total in totals.items():
        standing = table[(pk, year)]
        table[(pk, year)] = Standing(
            year=year, hours=total, best_score=standing.best_score, passed=standing.passed
        )
    return table


def officer_standing(officer, year: int) -> Standing:
    return standings([officer.pk], [year])[(officer.pk, year)]


# Annotated officer lists --------------------------------------------------------------------------


def _hours_in(year: int):
    return Coalesce(
        Subquery(
            TrainingRecord.objects.filter(officer=OuterRef("pk"), year=year)
            .order_by()
            .values("officer")
            .annotate(total=Sum("hours"))
            .values("total"),
            output_field=HOURS,
        ),
        Value(ZERO),
        output_field=HOURS,
    )


def with_standing(officers: QuerySet, year: int) -> QuerySet:
    """Officers annotated with ``training_hours``, ``best_score`` and ``training_passed`` for
    ``year``: still one query, whatever the number of officers."""
    attempts = Assessment.objects.filter(officer=OuterRef("pk"), year=year)
    return officers.annotate(
        training_hours=_hours_in(year),
        best_score=Subquery(
            attempts.order_by().values("officer").annotate(best=Max("score")).values("best"),
            output_field=DecimalField(max_digits=4, decimal_places=1),
        ),
        training_passed=Exists(attempts.filter(passed=True)),
    )


def short_in_year() -> Q:
    """For ``with_standing`` officers: below the required hours or without a passed assessment."""
    return ~(Q(training_hours__gte=required_hours()) & Q(training_passed=True))


def standing_of(officer, year: int) -> Standing:
    """The standing of an officer that came from ``with_standing``."""
    return Standing(
        year=year,
        hours=officer.training_hours,
        best_score=officer.best_score,
        passed=officer.training_passed,
    )


def department_standings(officers: QuerySet, year: int, *, short_only: bool = False) -> QuerySet:
    """A department's officers (already scoped) with their standing; the short ones if asked."""
    officers = with_standing(officers.select_related("department", "entity"), year)
    if short_only:
        officers = officers.filter(short_in_year())
    return officers.order_by("name", "id")


def short_officers(year: int, departments=None) -> QuerySet:
    """Every officer short of the rule in ``year``, by department: one query."""
    officers = Officer.objects.all()
    if departments is not None:
        officers = officers.filter(department__in=departments)
    return (
        with_standing(officers, year)
        .filter(short_in_year())
        .order_by("department_id", "name", "id")
        .only("id", "name", "department_id")
    )


def short_by_department(year: int, *, skip=()):
    """``(department id, [(officer, standing), ...])`` for each department with officers short of
    the rule in ``year`` (departments in ``skip`` left out), officers by name.

    Three queries per department over its own rows (officers, hours, assessments, each grouped
    once): no subquery per officer, so a province of a million officers costs a few hundred
    indexed queries, not a million correlated ones."""
    for department_id in (
        Department.objects.exclude(pk__in=list(skip)).order_by("pk").values_list("pk", flat=True)
    ):
        officers = Officer.objects.filter(department_id=department_id)
        table = standings(officers.values("pk"), [year])
        short = [
            (officer, table[(officer.pk, year)])
            for officer in officers.only("id", "name", "department_id").order_by("name", "id")
            if not table[(officer.pk, year)].compliant
        ]
        if short:
            yield department_id, short


def compliant_officer_ids(year: int) -> QuerySet:
    """The ids of officers compliant in ``year``, as a subquery (for set-based updates)."""
    passed = Assessment.objects.filter(year=year, passed=True).values("officer_id")
    return (
        TrainingRecord.objects.filter(year=year, officer_id__in=passed)
        .order_by()
        .values("officer_id")
        .annotate(total=Sum("hours"))
        .filter(total__gte=required_hours())
        .values("officer_id")
    )


def was_compliant(year: int, officer: str = "officer_id") -> Exists:
    """Whether the outer row's officer (its ``officer`` column) was compliant in ``year``.

    The grouped query is not correlated: the EXISTS only matches the officer's id against it, so
    PostgreSQL runs it once and joins (a semi- or anti-join over a million certificates), where an
    EXISTS around the grouped query itself is a subquery run for every certificate (161 s at 1M)
    and a NOT IN falls to a nested scan once the set outgrows ``work_mem``."""
    return Exists(Officer.objects.filter(pk=OuterRef(officer), pk__in=compliant_officer_ids(year)))


# The eligibility rule ---------------------------------------------------------------------------


def joined_on(officer) -> datetime.date:
    """The day the officer was registered in the portal (Asia/Shanghai): the start of service the
    first-year rule counts from."""
    return timezone.localtime(officer.created_at).date()


def is_new_officer(officer, year: int) -> bool:
    """In the first year of service for judging in ``year``: registered after 1 January of the
    year before, so the officer did not serve the whole of the last completed year."""
    return joined_on(officer) > datetime.date(year - 1, 1, 1)


def restored_after_withholding(officer_ids, year: int) -> set[int]:
    """Officers whose certificate, withheld for ``year``'s shortfall, the legal office restored:
    it restores once the hours are made up, so that year no longer stops them."""
    return set(
        TrainingWithholding.objects.filter(
            year=year,
            certificate__officer_id__in=list(officer_ids),
            certificate__status=Certificate.Status.VALID,
        ).values_list("certificate__officer_id", flat=True)
    )


# Reports ----------------------------------------------------------------------------------------


@dataclass
class DepartmentYear:
    department: object
    officers: int = 0
    compliant: int = 0
    hours_delivered: Decimal = ZERO
    courses: int = 0

    @property
    def short(self) -> int:
        return self.officers - self.compliant


def department_report(departments, year: int) -> list[DepartmentYear]:
    """Per department: officers, compliant, short, hours delivered and courses attended in
    ``year``. Three queries for any number of departments and officers."""
    departments = list(departments)
    rows = {d.pk: DepartmentYear(department=d) for d in departments}
    required = required_hours()
    counts = (
        with_standing(Officer.objects.filter(department__in=departments), year)
        .order_by()
        .values("department_id")
        .annotate(
            officer_count=Count("pk"),
            compliant_count=Count(
                "pk", filter=Q(training_hours__gte=required) & Q(training_passed=True)
            ),
        )
        .values_list("department_id", "officer_count", "compliant_count")
    )
    for department_id, officers, compliant in counts:
        rows[department_id].officers = officers
        rows[department_id].compliant = compliant
    delivered = (
        TrainingRecord.objects.filter(year=year, officer__department__in=departments)
        .order_by()
        .values("officer__department_id")
        .annotate(hours=Sum("hours"), courses=Count("course", distinct=True))
        .values_list("officer__department_id", "hours", "courses")
    )
    for department_id, hours, courses in delivered:
        rows[department_id].hours_delivered = hours or ZERO
        rows[department_id].courses = courses
    return list(rows.values())

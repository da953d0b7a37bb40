"""Reads of the supervisors' overview: one row per supervisor with their figures, in a fixed
number of queries whatever the number of supervisors."""

import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from supervision.models import Department

from .models import Activity, Problem, QuarterlyReport, SupervisorProfile


def _count(queryset, group: str):
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def overview(user, year: int, quarter: int, day: datetime.date):
    """The profiles the user's office reads, annotated for ``year``'s ``quarter``: activities,
    the quarter's report (status, due, filed on), reports filed on time in the year out of those
    due, problems raised in the year and what became of them."""
    of_supervisor = {"supervisor": OuterRef("user")}
    in_quarter = QuarterlyReport.objects.filter(**of_supervisor, year=year, quarter=quarter)
    in_year = QuarterlyReport.objects.filter(**of_supervisor, year=year)
    problems = Problem.objects.filter(report__supervisor=OuterRef("user"), report__year=year)
    return (
        SupervisorProfile.objects.for_user(user)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__contact_departments",
                queryset=Department.objects.order_by("code").only("pk", "name", "code"),
            )
        )
        .annotate(
            activities=_count(
                Activity.objects.filter(
                    **of_supervisor, report__year=year, report__quarter=quarter
                ),
                "supervisor",
            ),
            report_id=Subquery(in_quarter.values("pk")[:1]),
            report_status=Subquery(in_quarter.values("status")[:1]),
            report_due=Subquery(in_quarter.values("due_on")[:1]),
            report_filed=Subquery(in_quarter.values("submitted_on")[:1]),
            reports_due=_count(in_year.filter(due_on__lt=day), "supervisor"),
            reports_on_time=_count(
                in_year.filter(submitted_on__isnull=False, submitted_on__lte=F("due_on")),
                "supervisor",
            ),
            problems_raised=_count(problems, "report__supervisor"),
            problems_findings=_count(
                problems.filter(status=Problem.Status.FINDING), "report__supervisor"
            ),
            problems_closed=_count(
                problems.filter(status=Problem.Status.CLOSED), "report__supervisor"
            ),
            problems_open=_count(problems.filter(status=Problem.Status.OPEN), "report__supervisor"),
            findings_rectified=_count(
                problems.filter(Q(finding__status="closed")), "report__supervisor"
            ),
        )
        .order_by("user__last_name", "user__first_name", "user__username")
    )

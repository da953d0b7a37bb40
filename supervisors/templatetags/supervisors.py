"""``{% supervisor_quarter user %}``: the supervisor's quarter at a glance, on their home page."""

from django import template

from supervision import calendar
from supervision.calendar import quarter_of
from supervisors.models import Problem, QuarterlyReport
from supervisors.services import outcome_label

register = template.Library()


@register.inclusion_tag("supervisors/_home.html")
def supervisor_quarter(user):
    day = calendar.today()
    year, quarter = quarter_of(day)
    report = (
        QuarterlyReport.objects.for_user(user)
        .filter(year=year, quarter=quarter)
        .prefetch_related("activities__department")
        .first()
    )
    earlier = (
        QuarterlyReport.objects.for_user(user)
        .exclude(year=year, quarter=quarter)
        .order_by("-year", "-quarter")[:4]
    )
    problems = (
        Problem.objects.for_user(user).select_related("department", "finding", "report")
    ).order_by("-pk")[:10]
    return {
        "year": year,
        "quarter": quarter,
        "report": report,
        "activities": list(report.activities.all()) if report else [],
        "earlier": earlier,
        "problems": [(p, outcome_label(p)) for p in problems],
        "contact": user.contact_departments.order_by("code"),
    }

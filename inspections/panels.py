"""The quarters at a glance on the legal office's dashboard: a panel of its jurisdiction
(``supervision.panels``), shown by the dashboard with ``{% panels user.jurisdiction %}``."""

from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse

from supervision import panels
from supervision.calendar import quarter_bounds, quarter_of, today

from .deadlines import reminder_day
from .models import Inspection, MissedQuarter


@panels.register("supervision.jurisdiction")
def quarters(request, jurisdiction) -> str:
    """This year's quarters of the office: inspections carried out, quarters missed (two
    queries)."""
    user = request.user
    if not (user.is_legal_office and user.jurisdiction_id == jurisdiction.pk):
        return ""
    day = today()
    counts = dict(
        Inspection.objects.carried_out()
        .filter(office=jurisdiction, start_on__year=day.year)
        .values_list("start_on__quarter")
        .annotate(n=Count("pk"))
        .order_by()
    )
    missed = set(
        MissedQuarter.objects.filter(office=jurisdiction, year=day.year).values_list(
            "quarter", flat=True
        )
    )
    current = quarter_of(day)[1]
    rows = []
    for quarter in range(1, 5):
        first, last = quarter_bounds(day.year, quarter)
        rows.append(
            {
                "quarter": quarter,
                "count": counts.get(quarter, 0),
                "missed": quarter in missed,
                "current": quarter == current,
                "future": quarter > current,
                "url": reverse("inspections:list")
                + f"?start_from={first.isoformat()}&start_until={last.isoformat()}",
            }
        )
    return render_to_string(
        "inspections/_quarters_panel.html",
        {
            "rows": rows,
            "year": day.year,
            "reminder_day": reminder_day(day.year, current),
            "missed_count": len(missed),
        },
        request=request,
    )

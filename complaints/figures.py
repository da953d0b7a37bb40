"""The legal office's figures on complaints of a year: by department, channel, outcome and
month, and the share concluded on time. A handful of grouped queries over the user's scope."""

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractMonth

from .models import Complaint


def _labelled(rows, key, choices):
    labels = dict(choices)
    return [{"label": labels.get(row[key], row[key] or "—"), "count": row["count"]} for row in rows]


def figures(complaints, *, year: int) -> dict:
    received = complaints.filter(received_on__year=year)
    by_department = list(
        received.values("department__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "department__name")
    )
    by_channel = _labelled(
        received.values("channel").annotate(count=Count("pk")).order_by("-count"),
        "channel",
        Complaint.Channel.choices,
    )
    by_outcome = _labelled(
        received.filter(status=Complaint.Status.CONCLUDED)
        .values("outcome")
        .annotate(count=Count("pk"))
        .order_by("-count"),
        "outcome",
        Complaint.Outcome.choices,
    )
    months = dict(
        received.annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    )
    concluded = complaints.filter(concluded_on__year=year).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(concluded_on__lte=F("conclude_due")))
    )
    share = (
        round(100 * concluded["on_time"] / concluded["total"], 1) if concluded["total"] else None
    )
    return {
        "total": received.count(),
        "by_department": [
            {"label": row["department__name"], "count": row["count"]} for row in by_department
        ],
        "by_channel": by_channel,
        "by_outcome": by_outcome,
        "by_month": [{"label": month, "count": months.get(month, 0)} for month in range(1, 13)],
        "concluded": concluded["total"],
        "concluded_on_time": concluded["on_time"],
        "on_time_share": share,
    }

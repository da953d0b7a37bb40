"""Reads of special inspections, for the pages and the API alike: each through ``for_user``."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast

from supervision.models import Finding

from .models import Inspection


def _finding_counts():
    findings = Finding.objects.filter(
        source_type=ContentType.objects.get_for_model(Inspection),
        source_id=Cast(models.OuterRef("pk"), models.CharField()),
    )
    count = findings.order_by().values("source_id").annotate(n=models.Count("pk")).values("n")[:1]
    open_count = (
        findings.filter(status__in=Finding.OPEN_STATES)
        .order_by()
        .values("source_id")
        .annotate(n=models.Count("pk"))
        .values("n")[:1]
    )
    return {
        "finding_count": models.functions.Coalesce(models.Subquery(count), 0),
        "open_finding_count": models.functions.Coalesce(models.Subquery(open_count), 0),
    }


def inspections_for(user):
    """The inspections ``user`` may read, with what the list and the export show (a constant
    number of queries whatever their number)."""
    return (
        Inspection.objects.for_user(user)
        .prefetch_related(
            models.Prefetch(
                "departments",
                queryset=Inspection.departments.field.related_model.objects.order_by("code"),
            ),
            "team",
        )
        .annotate(**_finding_counts())
    )


def inspection_findings_for(user):
    """The findings of the inspections ``user`` may read; a clerk's only of their department."""
    inspections = Inspection.objects.for_user(user).annotate(key=Cast("pk", models.CharField()))
    findings = Finding.objects.for_user(user) if user.is_clerk else Finding.objects.all()
    return findings.filter(
        source_type=ContentType.objects.get_for_model(Inspection),
        source_id__in=inspections.values("key"),
    ).select_related("department")


def findings_of(user, inspection):
    """The findings of one inspection the user may read (a clerk: their department's)."""
    findings = Finding.objects.for_user(user) if user.is_clerk else Finding.objects.all()
    return (
        findings.from_source(inspection)
        .select_related("department")
        .order_by("department__code", "pk")
    )

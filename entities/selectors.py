"""Reads the pages, the API and the public list share."""

from django.db.models import Prefetch
from django.utils import timezone

from .models import EnforcementEntity, Entrustment


def entrustments_in_force(on=None):
    return (
        Entrustment.objects.in_force(on or timezone.localdate())
        .select_related("principal__department")
        .order_by("principal__department__code", "ends_on", "id")
    )


def published_entities(name: str = "", on=None):
    """Published entities (optionally by part of the name), each with its agreements in force."""
    entities = (
        EnforcementEntity.objects.published()
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "entrustments",
                queryset=Entrustment.objects.in_force(on or timezone.localdate()).order_by(
                    "ends_on", "id"
                ),
                to_attr="entrustments_in_force",
            )
        )
        .order_by("department__code", "name", "id")
    )
    if name:
        entities = entities.filter(name__icontains=name)
    return entities

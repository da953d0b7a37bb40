"""What entities contributes to the dashboard: the enforcement entities published (only those
may enforce). One grouped query (supervision.dashboard)."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy

from supervision.dashboard import Cell, Column, Figure, register_figure

from .models import EnforcementEntity


@register_figure
class EntityFigures(Figure):
    name = "entities"
    label = gettext_lazy("Enforcement entities")
    order = 50
    columns = [Column("entities_published", pgettext_lazy("dashboard", "published"))]

    def compute(self, departments, day):
        counts = (
            EnforcementEntity.objects.filter(
                department__in=departments, status=EnforcementEntity.Status.PUBLISHED
            )
            .order_by()
            .values_list("department_id")
            .annotate(n=Count("pk"))
        )
        url = reverse("entities:entity-list")
        return {
            (department_id, "entities_published"): Cell(
                n, f"{url}?{urlencode({'department': department_id, 'status': 'published'})}"
            )
            for department_id, n in counts
        }

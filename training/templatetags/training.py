from django import template
from django.utils import timezone

from training import selectors

register = template.Library()


@register.inclusion_tag("training/_officer_section.html")
def officer_training(officer):
    """The officer's standing this year and last year (two queries), for the officer's page."""
    year = timezone.localdate().year
    table = selectors.standings([officer.pk], [year, year - 1])
    return {
        "officer": officer,
        "standings": [table[(officer.pk, year)], table[(officer.pk, year - 1)]],
    }


@register.filter
def hours(value):
    """40, 39.5: hours without a trailing .0."""
    return selectors.hours_text(value)

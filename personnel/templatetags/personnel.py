from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def shows_citizen_id(user, person) -> bool:
    """``{% if user|shows_citizen_id:officer %}``: whether the user may ask for the whole number."""
    return person.shows_citizen_id_to(user)


@register.simple_tag
def may_enforce(officer, details=True):
    """Whether the officer may enforce today, from ``selectors.annotate_enforcement``: a badge,
    and the reasons when not (``details=False``: the badge only). Written here, not in a template
    included per row: a list has fifty of them."""
    if officer.may_enforce:
        return format_html('<span class="badge ok">{}</span>\n', _("May enforce"))
    badge = format_html('<span class="badge bad">{}</span>', _("May not enforce"))
    if not details:
        return format_html("{}\n", badge)
    reasons = format_html_join("", "<li>{}</li>", ((reason,) for reason in officer.enforce_reasons))
    return format_html('{}<ul class="reasons">{}</ul>\n', badge, reasons)

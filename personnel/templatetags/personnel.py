from django import template

register = template.Library()


@register.filter
def shows_citizen_id(user, person) -> bool:
    """``{% if user|shows_citizen_id:officer %}``: whether the user may ask for the whole number."""
    return person.shows_citizen_id_to(user)


@register.inclusion_tag("personnel/_may_enforce.html")
def may_enforce(officer, details=True):
    """Whether the officer may enforce today, from ``selectors.annotate_enforcement``."""
    return {
        "allowed": officer.may_enforce,
        "reasons": officer.enforce_reasons,
        "details": details,
    }

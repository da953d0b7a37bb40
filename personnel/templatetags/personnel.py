from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def citizen_id(context, person):
    """The ID number in full for the person's own department and the legal office, else masked."""
    return person.citizen_id_for(context["request"].user)


@register.inclusion_tag("personnel/_may_enforce.html")
def may_enforce(officer, details=True):
    """Whether the officer may enforce today, from ``selectors.annotate_enforcement``."""
    return {
        "allowed": officer.may_enforce,
        "reasons": officer.enforce_reasons,
        "details": details,
    }

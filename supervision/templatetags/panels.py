from django import template

from supervision import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, record):
    """The panels other apps registered for ``record``'s model (``supervision.panels``)."""
    request = context.get("request")
    if request is None or record is None:
        return ""
    return registry.render(request, record)

from django import template

from supervision import notes

register = template.Library()


@register.filter
def note(value):
    """A note the system wrote, in the reader's language; a person's note as typed
    (``supervision.notes``)."""
    return notes.render(value)

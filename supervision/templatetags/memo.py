"""``{% memo "name" %}…{% endmemo %}``: a part of a page rendered once per process and language.

For the parts of a layout that are the same for every reader in a language (the public
navigation, the language options, the links to static files): each ``{% url %}``, ``{% static %}``
and ``{% translate %}`` in them costs on every page otherwise. Put nothing inside that depends on
the request, the user or the page (no block, no CSRF token, no path): only the language and the
URL prefix are part of the key. Settings changes (tests) clear what was kept.
"""

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix
from django.utils.translation import get_language

register = template.Library()

_rendered: dict[tuple, str] = {}


def forget(**kwargs) -> None:
    _rendered.clear()


setting_changed.connect(forget, dispatch_uid="supervision.templatetags.memo")


class MemoNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        key = (self.name, get_language(), get_script_prefix())
        rendered = _rendered.get(key)
        if rendered is None:
            rendered = _rendered[key] = self.nodelist.render(context)
        return rendered


@register.tag
def memo(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('Usage: {% memo "name" %}…{% endmemo %}')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(bits[1][1:-1], nodelist)

"""The form renderer (``settings.FORM_RENDERER``): Django's templates, except for ``<select>``.

A filter form's select of departments or entities has hundreds of options; Django renders each
one through two template includes, which made up most of a staff list page's time. This renderer
writes the very same markup (the templates' whitespace and escaping, character for character)
in Python; any other widget, and a select whose options use another template, go through the
templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs) -> str:
    # django/forms/widgets/attrs.html
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(" " + conditional_escape(name))
        if value is not True:
            out.append(format_html('="{}"', str(value)))
    return "".join(out)


def render_select(widget) -> str:
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            parts.append(format_html('\n  <option value="{}"', str(option["value"])))
            parts.append(_attrs(option["attrs"]))
            parts.append(format_html(">{}</option>\n", localize(option["label"])))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


class PortalFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option.get("template_name") == OPTION
            for _name, options, _index in widget["optgroups"]
            for option in options
        ):
            return render_select(widget)
        return super().render(template_name, context, request)

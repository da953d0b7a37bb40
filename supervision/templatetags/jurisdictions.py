from django import template

register = template.Library()


@register.filter
def handles(user, department) -> bool:
    """``{% if user|handles:record.department %}``: the legal office of the record's own
    jurisdiction (or the administrator), who may act on it; offices above only see it."""
    return bool(getattr(user, "is_authenticated", False) and user.handles(department))


@register.filter
def writes(user, department) -> bool:
    """``{% if user|writes:record.department %}``: a clerk of the record's department, or the
    legal office that handles it (``supervision.workflow.require_writer`` in a template)."""
    if not getattr(user, "is_authenticated", False) or department is None:
        return False
    return (user.is_clerk and user.department_id == department.pk) or user.handles(department)

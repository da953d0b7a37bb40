"""The public site's choice of a level of government: ``?jurisdiction=341321`` (a GB/T 2260 code).

No choice, or a code that is not a jurisdiction, means the whole city; the public never gets an
error for it. Lists use ``Model.objects.in_jurisdiction(chosen)``; a certificate's verification
by its number is city-wide whatever is chosen.
"""

from supervision.models import Jurisdiction


def chosen_jurisdiction(request) -> Jurisdiction | None:
    code = (request.GET.get("jurisdiction") or "").strip()[:6]
    if not code.isdigit():
        return None
    return Jurisdiction.objects.filter(code=code).first()


def jurisdiction_choices():
    """Every jurisdiction, top down, as (code, name) with the level shown by indentation."""
    return [
        (code, "\u3000" * (path.count("/") - 1) + name)
        for code, name, path in Jurisdiction.objects.values_list("code", "name", "path")
    ]

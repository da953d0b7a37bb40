"""What every public page and public API endpoint shares (no login; the rate limits are in
``supervision.web.throttling``): the cleaning of a search term, and the choice of a level of
government, ``?jurisdiction=341321`` (a GB/T 2260 code).

No choice, or a code that is not a jurisdiction, means the whole city; the public never gets an
error for it. Lists use ``Model.objects.in_jurisdiction(chosen)``; a certificate's verification
by its number is city-wide whatever is chosen.
"""

import unicodedata

from supervision.models import Jurisdiction

PUBLIC_QUERY_MAX_LENGTH = 40


def clean_public_query(raw) -> str:
    """A public search term, or "" for one not worth a query (empty, too long, control characters)."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    if not text or len(text) > PUBLIC_QUERY_MAX_LENGTH:
        return ""
    if any(unicodedata.category(c).startswith("C") for c in text):
        return ""
    return text


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


def private_page(response):
    """A public page that shows a tracking code or what it opens: not kept by caches, not
    indexed, and no address of it sent to another site. ``same-origin``, not ``no-referrer``: a
    form on the page posts with its own origin, which the CSRF check needs (with
    ``no-referrer`` the browser sends ``Origin: null`` and the look-up is refused)."""
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response

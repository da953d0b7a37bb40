"""What every public page and public API endpoint shares (no login): the cleaning of a search
term. The rate limits are in ``supervision.web.throttling``."""

import unicodedata

PUBLIC_QUERY_MAX_LENGTH = 40


def clean_public_query(raw) -> str:
    """A public search term, or "" for one not worth a query (empty, too long, control characters)."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip()
    if not text or len(text) > PUBLIC_QUERY_MAX_LENGTH:
        return ""
    if any(unicodedata.category(c).startswith("C") for c in text):
        return ""
    return text

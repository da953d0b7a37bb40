"""Who is calling: the one way the portal reads a client's address (rate limits, login lockout)."""

from django.conf import settings


def client_address(request) -> str:
    """The caller's address: REMOTE_ADDR, or the entry the trusted proxies added to X-Forwarded-For.

    With ``PUBLIC_TRUSTED_PROXIES = n`` the n-th address from the right of X-Forwarded-For is the
    client's; anything left of it was written by the client and could be forged.
    """
    proxies = settings.PUBLIC_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))][:64]
    return request.META.get("REMOTE_ADDR", "")[:64]

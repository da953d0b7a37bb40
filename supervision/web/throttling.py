"""Rate limits for the public side (the lookup, the complaint form and its tracking page), per
client address, in the shared cache (set ``CACHE_URL`` so several web processes share them).

The staff side is never limited: these apply only to public pages and the public API.

- ``public_page_limit``: a page decorator; ``settings.PUBLIC_PAGE_RATE`` views per address, or
  another setting's rate and its own counter (``rate_limited(rate="…", scope="…")``).
- ``PublicRateThrottle``: the DRF throttle of the public API (``settings.PUBLIC_API_RATE``);
  subclass it with another ``scope`` and ``rate_setting`` for a stricter endpoint.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle

from supervision.security.network import client_address

__all__ = [
    "PublicRateThrottle",
    "client_address",
    "count_request",
    "public_page_limit",
    "rate_limited",
]

TOO_MANY_TEMPLATE = "public/too_many.html"


def parse_rate(rate: str) -> tuple[int, int]:
    count, period = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


class PublicRateThrottle(SimpleRateThrottle):
    """``settings.<rate_setting>`` requests per client address (e.g. "30/min"); a flood gets 429."""

    scope = "public"
    rate_setting = "PUBLIC_API_RATE"

    def get_rate(self):
        return getattr(settings, self.rate_setting)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def count_request(request, *, scope: str, rate: str) -> int | None:
    """Count one request of ``request``'s address in ``scope``; the seconds to wait if it is over
    ``rate``, else None.

    A fixed window counted with ``cache.add`` and ``cache.incr``, which are atomic in Redis and
    Memcached: a burst cannot slip through between a read and a write.
    """
    allowed, period = parse_rate(rate)
    window = int(time.time() // period)
    key = f"{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        count = 1
    if count > allowed:
        return period - int(time.time()) % period
    return None


def rate_limited(*, rate: str = "PUBLIC_PAGE_RATE", scope: str = "public-page", methods=None):
    """A page decorator: at most ``settings.<rate>`` requests per address and window in ``scope``
    (of the HTTP ``methods`` given, all by default), else the 429 page."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if methods is None or request.method in methods:
                wait = count_request(request, scope=scope, rate=getattr(settings, rate))
                if wait is not None:
                    response = render(request, TOO_MANY_TEMPLATE, status=429)
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return limited

    return decorate


#: The public lookup's limit: ``settings.PUBLIC_PAGE_RATE`` page views per address.
public_page_limit = rate_limited()

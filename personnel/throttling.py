"""Rate limits for the public lookup, per client address, in the shared cache.

The staff side is never limited: these apply only to the public pages and public API.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from rest_framework.throttling import SimpleRateThrottle

from supervision.security.network import client_address

__all__ = ["PublicRateThrottle", "client_address", "public_page_limit"]


def parse_rate(rate: str) -> tuple[int, int]:
    count, period = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


class PublicRateThrottle(SimpleRateThrottle):
    """``settings.PUBLIC_API_RATE`` requests per client address (e.g. "30/min"); a flood gets 429."""

    scope = "public"

    def get_rate(self):
        return settings.PUBLIC_API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}


def public_page_limit(view):
    """At most ``settings.PUBLIC_PAGE_RATE`` page views per address and window, else a 429 page.

    A fixed window counted with ``cache.add`` and ``cache.incr``, which are atomic in Redis and
    Memcached: a burst cannot slip through between a read and a write.
    """

    @wraps(view)
    def limited(request, *args, **kwargs):
        allowed, period = parse_rate(settings.PUBLIC_PAGE_RATE)
        window = int(time.time() // period)
        key = f"public-page:{client_address(request)}:{window}"
        cache.add(key, 0, timeout=period + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            count = 1
        if count > allowed:
            response = render(request, "personnel/public/too_many.html", status=429)
            response["Retry-After"] = str(period - int(time.time()) % period)
            return response
        return view(request, *args, **kwargs)

    return limited

"""The portal's settings for the province bench's gunicorn: the bare view beside the portal, and
each response tells how many queries it ran (X-Queries)."""

import tempfile
from pathlib import Path

from supervision.settings import *  # noqa: F403
from supervision.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.serving.count_queries", *MIDDLEWARE]

# DEBUG off serves hashed static files from a manifest: collected apart from the project's own.
STATIC_ROOT = Path(tempfile.gettempdir()) / "bench-static"

"""The real services. With CI set these fail, never skip, when PostgreSQL or Redis is absent."""

import os

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection

from .conftest import running_in_ci


def test_ci_runs_on_postgresql(db):
    if not (running_in_ci() or os.environ.get("DATABASE_URL")):
        pytest.skip("no DATABASE_URL: the embedded SQLite default is in use")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_ci_reaches_the_redis_broker():
    if not (running_in_ci() or os.environ.get("CELERY_BROKER_URL")):
        pytest.skip("no CELERY_BROKER_URL: Celery tasks run in-process")
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=5) as broker:
        broker.ensure_connection(max_retries=1)
        assert broker.connected

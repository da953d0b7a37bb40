"""The real services. With CI set these fail, never skip, when PostgreSQL or Redis is absent."""

import os

import pytest
from django.conf import settings
from django.db import connection
from kombu import Connection

from tests.conftest import running_in_ci


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


@pytest.mark.django_db(transaction=True)
def test_a_notice_email_travels_through_redis_to_a_worker(department_a, clerk_a):
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        if running_in_ci():
            pytest.fail("CI must run with CELERY_BROKER_URL pointing at Redis")
        pytest.skip("no Redis broker configured")
    import datetime
    import time

    from celery.contrib.testing.worker import start_worker
    from django.core import mail

    from supervision import notices
    from supervision.celery import app
    from supervision.models import Notice
    from supervision.notices import NoticeDraft

    clerk_a.email = "lq@zjj.example.gov.cn"
    clerk_a.save()
    app.conf.task_always_eager = False
    app.control.purge()
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        (notice,) = notices.issue(
            [
                NoticeDraft(
                    kind="overdue",
                    department_id=department_a.pk,
                    subject="关于逾期的通知",
                    body="正文",
                    object_key="k:1",
                )
            ],
            rule="broker_test",
            day=datetime.date(2026, 3, 16),
        )
        deadline = time.monotonic() + 20
        while (
            time.monotonic() < deadline
            and not Notice.objects.filter(pk=notice.pk, emailed_at__isnull=False).exists()
        ):
            time.sleep(0.2)
    assert Notice.objects.get(pk=notice.pk).emailed_at is not None
    assert [m.to for m in mail.outbox] == [["lq@zjj.example.gov.cn"]]

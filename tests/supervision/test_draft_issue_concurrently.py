"""Two clicks on "issue" at once (two web processes): one notice, one number."""

import datetime
import os
import threading

import pytest
from django.db import connection, connections

from supervision import bulletins
from supervision.errors import TransitionNotAllowed
from supervision.models import DocumentDraft, Notice
from tests.clock import at
from tests.conftest import running_in_ci


@pytest.mark.django_db(transaction=True)
def test_a_draft_issued_twice_at_once_is_issued_once(legal, department_a):
    if connection.vendor != "postgresql":
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL")
        pytest.skip("concurrency is tested on PostgreSQL")
    with at(datetime.date(2026, 10, 30)):
        draft = bulletins.criticism_draft(
            department=department_a, reason="逾期未备案，经催办仍未整改。", actor=legal
        )
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def click():
        try:
            barrier.wait()
            outcomes.append(bulletins.draft_issue(draft=draft, actor=legal).number)
        except TransitionNotAllowed:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 — any other error fails the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    # The clock is frozen for the whole process, the threads included.
    with at(datetime.date(2026, 10, 30)):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert sorted(outcomes) == sorted(["宿法监通〔2026〕1号", "refused"])
    assert Notice.objects.count() == 1
    assert DocumentDraft.objects.get().status == "issued"

"""The daily check run by two workers at once on PostgreSQL: each notice once, numbers without gaps."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from cases.models import MajorDecision
from supervision.celery import app as celery_app
from supervision.models import Notice
from tests.conftest import running_in_ci

from .conftest import D, decided

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_two_processes_running_the_check_issue_each_notice_once(legal, clerk_a, category_a):
    if connection.vendor != "postgresql":
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL")
        pytest.skip("two processes at once need PostgreSQL")
    for n in range(12):
        decided(
            clerk_a, legal, category_a, made_on=D(2026, 3, 3), number=f"宿建罚决〔2026〕{n + 1}号"
        )
    assert MajorDecision.objects.count() == 12

    env = {
        **os.environ,
        "DATABASE_URL": _url_of_the_test_database(),
        "DJANGO_SETTINGS_MODULE": "supervision.settings",
        "CELERY_BROKER_URL": "",
    }
    command = [sys.executable, "manage.py", "run_deadline_checks", "--date", "2026-03-17"]
    workers = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs

    # One overdue notice to the department, listing its 12 decisions, issued once between the two.
    overdue = Notice.objects.filter(rule="decision_filing", kind="overdue")
    assert overdue.count() == 1
    assert "12件" in overdue.get().subject
    # Department A has not filed its 2025 case-file catalogue either: one more notice.
    assert Notice.objects.filter(rule="catalogue_filing").count() == 1
    # Numbers without gaps across every rule's notices (training's plan rule adds its own).
    sequences = sorted(Notice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, len(sequences) + 1))
    # Between them the two workers reported one overdue notice, not two.
    reported = sum(
        int(line.split(",")[1].split()[0])
        for out, _err in outputs
        for line in out.splitlines()
        if line.startswith("decision_filing:")
    )
    assert reported == 1


def test_the_daily_beat_runs_the_same_check_as_the_command(db, legal, clerk_a, category_a, capsys):
    from celery.schedules import crontab
    from django.conf import settings

    from supervision.tasks import run_deadline_checks_task

    entry = settings.CELERY_BEAT_SCHEDULE["deadline-checks-daily"]
    assert entry["task"] == "supervision.tasks.run_deadline_checks_task"
    assert entry["schedule"] == crontab(hour=7, minute=30)
    assert entry["task"] in celery_app.tasks
    decided(clerk_a, legal, category_a, made_on=D(2026, 3, 3))
    result = run_deadline_checks_task.delay("2026-03-17").get()
    assert result["decision_filing"] == {"reminders": 0, "overdue": 1, "changed": 0}
    call_command("run_deadline_checks", "--date", "2026-03-17")
    assert "decision_filing: 0 reminders, 0 overdue notices" in capsys.readouterr().out


def test_the_command_refuses_a_bad_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_deadline_checks", "--date", "17/03/2026")


def _url_of_the_test_database() -> str:
    settings = connection.settings_dict
    return "postgres://{user}@{host}:{port}/{name}".format(
        user=settings["USER"] or "postgres",
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        name=settings["NAME"],
    )

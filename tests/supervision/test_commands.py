"""seed_demo and /healthz/."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from supervision.models import Department, User

ROOT = Path(__file__).resolve().parents[2]


def test_seed_demo_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Department.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Department.objects.count(), User.objects.count()) == counts
    # The city's nine (its legal office among them) and 砀山县's legal office and two departments.
    assert counts[0] == 12
    offices = Department.objects.filter(is_legal_office=True).order_by("jurisdiction__path")
    assert [(d.code, d.jurisdiction.code) for d in offices] == [
        ("FZB", "341300"),
        ("DS-FZB", "341321"),
    ]
    county_legal, county_clerk = (
        User.objects.get(username="county_legal"),
        User.objects.get(username="county_clerk"),
    )
    assert county_legal.jurisdiction.office_name == "砀山县人民政府法制办公室"
    assert county_clerk.department.jurisdiction == county_legal.jurisdiction
    assert county_clerk.check_password("Demo#2026pass")
    clerk_a, clerk_b = User.objects.get(username="clerk_a"), User.objects.get(username="clerk_b")
    assert clerk_a.department_id != clerk_b.department_id
    assert {u.username: u.role for u in User.objects.all()} == {
        "admin": "admin",
        "legal": "legal_office",
        "clerk_a": "clerk",
        "clerk_b": "clerk",
        "supervisor1": "supervisor",
        "supervisor2": "supervisor",
        "supervisor3": "supervisor",
        "auditor": "auditor",
        "county_legal": "legal_office",
        "county_clerk": "clerk",
    }
    assert User.objects.get(username="legal").check_password("Demo#2026pass")


def test_seed_demo_refuses_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz/');"
        "print(r.status_code, r.json()['status'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env["DATABASE_URL"] = "sqlite:////nonexistent-directory/portal.sqlite3"
    env["DJANGO_SETTINGS_MODULE"] = "supervision.settings"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["503", "unavailable"], result.stderr


def test_a_second_seed_demo_reports_nothing_new(db, settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    capsys.readouterr()
    call_command("seed_demo")
    assert capsys.readouterr().out.strip() == "Demo data ready (0 new records)."

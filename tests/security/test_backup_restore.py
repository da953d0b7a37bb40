"""Backup and restore (issue 18): a pg_dump of the database restored into a new one keeps the
audit trail whole — verify_audit_chain, run against the copy, finds every entry unchanged."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from supervision import audit
from tests.conftest import running_in_ci

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db(transaction=True)
def test_a_restored_dump_keeps_the_audit_chain(clerk_a, tmp_path):
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        if running_in_ci() or os.environ.get("DATABASE_URL"):
            pytest.fail("this test needs PostgreSQL and pg_dump")
        pytest.skip("backup and restore are PostgreSQL's")
    for n in range(5):
        audit.record_event(audit.Action.LOGIN, user=clerk_a, address=f"10.0.0.{n}")
    params = connection.settings_dict
    host = ["-h", params["HOST"] or "127.0.0.1", "-p", str(params["PORT"] or 5432)]
    user = ["-U", params["USER"] or "postgres"]
    env = {**os.environ, "PGPASSWORD": params["PASSWORD"] or ""}
    dump = tmp_path / "portal.dump"
    copy = f"{params['NAME']}_restored"
    subprocess.run(
        ["pg_dump", *host, *user, "--format=custom", f"--file={dump}", params["NAME"]],
        check=True,
        env=env,
    )
    subprocess.run(["dropdb", *host, *user, "--if-exists", copy], check=True, env=env)
    subprocess.run(["createdb", *host, *user, copy], check=True, env=env)
    try:
        subprocess.run(
            ["pg_restore", *host, *user, "--no-owner", f"--dbname={copy}", str(dump)],
            check=True,
            env=env,
        )
        url = (
            f"postgres://{params['USER'] or 'postgres'}:{params['PASSWORD'] or ''}"
            f"@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{copy}"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "verify_audit_chain"],
            cwd=ROOT,
            env={**env, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "supervision.settings"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout == "audit chain intact: 5 entries checked\n"
    finally:
        subprocess.run(["dropdb", *host, *user, "--if-exists", copy], check=False, env=env)

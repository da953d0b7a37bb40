"""`make bench`: timings on a throwaway database (the test database of whatever DATABASE_URL names).

Each ``bench/bench_*.py`` module has ``run(report)``; ``report(name, seconds, **figures)``
prints a line.
Pass module names to run only those: ``python -m bench departments``.
``python -m bench --scale province`` (``make bench SCALE=province``) runs ``bench/province.py``
instead: a million officers on PostgreSQL, served by gunicorn beside a bare view.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supervision.settings")

if sys.argv[1:3] == ["--scale", "province"]:
    from bench import province

    province.main(sys.argv[3:])
    sys.exit(0)

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench import report  # noqa: E402


def main(selected: list[str]) -> None:
    setup_test_environment()
    print(f"database: {connection.vendor}")
    names = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    for name in names:
        if selected and name not in selected:
            continue
        # Each benchmark gets a database of its own: one's rows must not skew another's figures.
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            importlib.import_module(f"bench.bench_{name}").run(report)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1:])

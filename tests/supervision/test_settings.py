"""The settings module: embedded default, PostgreSQL by DATABASE_URL, loud failures with DEBUG off."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "email": settings.EMAIL_BACKEND,
    "tz": settings.TIME_ZONE,
    "lang": settings.LANGUAGE_CODE,
    "languages": [code for code, _ in settings.LANGUAGES],
}))
"""

ENV_VARS = (
    "CACHE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "EMAIL_BACKEND",
)


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    clean["DJANGO_SETTINGS_MODULE"] = "supervision.settings"
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_nothing_set_it_runs_embedded():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["eager"] is True
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["tz"] == "Asia/Shanghai"
    assert values["lang"] == "zh-hans"
    assert "en" in values["languages"]


def test_database_url_selects_postgresql_and_broker_selects_redis():
    result = run_settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "portal"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/0"


def test_debug_off_without_secret_key_stops_naming_it():
    result = run_settings(DEBUG="off", ALLOWED_HOSTS="portal.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_debug_off_without_allowed_hosts_stops_naming_it():
    result = run_settings(DEBUG="false", SECRET_KEY="s" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_debug_off_with_both_set_starts():
    result = run_settings(DEBUG="0", SECRET_KEY="s" * 50, ALLOWED_HOSTS="portal.example.gov.cn")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is False


def test_a_bad_boolean_stops_the_start():
    result = run_settings(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_cache_url_selects_redis_and_anything_else_stops_the_start():
    probe = "import django; from django.conf import settings; django.setup(); print(settings.CACHES['default']['BACKEND'])"
    clean = {k: v for k, v in os.environ.items() if k not in ENV_VARS}
    clean["DJANGO_SETTINGS_MODULE"] = "supervision.settings"
    redis = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**clean, "CACHE_URL": "redis://127.0.0.1:6379/1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache", redis.stderr
    wrong = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={**clean, "CACHE_URL": "memcached://x"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "CACHE_URL='memcached://x'" in wrong.stderr

"""Deployment as production runs it: DEBUG off after collectstatic, `check --deploy` clean, a
Content-Security-Policy without inline script, no-store on what is not public, the API schema
behind a login."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "k9#Vq2!mZ7@xR4$wL1^pT8&nB5*cF3(hJ6)dG0-sY2+eU7=aQ-w8Nr3Lm6Px1Kz",
    "ALLOWED_HOSTS": "zfjd.example.gov.cn",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "supervision.settings", **PRODUCTION, **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_has_no_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_behind_a_proxy_that_redirects_itself_the_redirect_can_be_turned_off():
    result = manage("check", "--deploy", SECURE_SSL_REDIRECT="off")
    assert "security.W008" in result.stdout + result.stderr  # said, not hidden


@pytest.fixture
def production_static(settings, tmp_path):
    """collectstatic with a manifest storage, then DEBUG off: what the image does. (Production's
    CompressedManifestStaticFilesStorage also gzips every file, which takes half a minute here;
    the manifest, whose absence made every page a 500, is the same.)"""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.DEBUG = False
    assert (tmp_path / "static" / "staticfiles.json").exists()


def test_pages_render_with_debug_off_after_collectstatic(production_static, db, legal):
    public = Client()
    for url in ["/accounts/login/", "/public/", "/public/entities/"]:
        response = public.get(url)
        assert response.status_code == 200, url
        assert re.search(r"/static/css/portal\.[0-9a-f]{12}\.css", response.content.decode()), url
    missing = public.get("/no/such/page/")
    assert missing.status_code == 404
    staff = Client()
    staff.force_login(legal)
    assert staff.get("/").status_code == 200


# Content-Security-Policy ----------------------------------------------------------------------

TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.IGNORECASE)


def test_no_template_has_inline_script_or_style():
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            if "pdf" in path.name or "/notices/" in str(path):  # WeasyPrint documents, not pages
                continue
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in INLINE.finditer(text)]
    assert offenders == []


def test_pages_carry_a_policy_without_inline_script(browser, legal):
    browser.force_login(legal)
    response = browser.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert not INLINE.search(response.content.decode())


def test_the_api_docs_need_a_login_and_load_their_script_from_the_site(browser, legal):
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code in (401, 403)
    assert anonymous.get("/api/docs/").status_code in (401, 403)
    browser.force_login(legal)
    docs = browser.get("/api/docs/")
    assert docs.status_code == 200
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", docs.content.decode())
    assert browser.get("/api/schema/").status_code == 200


# Cache-Control --------------------------------------------------------------------------------


def test_staff_pages_exports_and_api_answers_are_not_stored(browser, api, legal, clerk_a):
    browser.force_login(legal)
    for url in ["/", "/personnel/officers/", "/personnel/officers/?export=xlsx", "/audit/"]:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    for response in [api(clerk_a).get("/api/v1/me/"), api().get("/api/v1/me/")]:
        assert "no-store" in response["Cache-Control"]


def test_the_image_collects_static_files_with_debug_off():
    dockerfile = (ROOT / "Dockerfile").read_text()
    (step,) = [run for run in dockerfile.split("RUN ") if "manage.py collectstatic" in run]
    assert "DEBUG=off" in step

"""Journeys in a real browser: Playwright for Python driving the Debian Chromium package
(``scripts/system-packages.sh`` installs it; nothing is downloaded at run time).

Without Chromium or Playwright the journeys are skipped on a developer's machine and FAIL when
``CI`` is set. A failing step leaves a screenshot of the page in ``BROWSER_SCREENSHOTS``
(default ``.browser-failures/``)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import running_in_ci

ROOT = Path(__file__).resolve().parents[2]
# axe-core 4.14.1 (MPL-2.0), from the npm registry (`npm pack axe-core@4.14.1`), kept here.
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SERIOUS = ("serious", "critical")
CHROMIUM_NAMES = ("chromium", "chromium-browser")


def _missing(reason: str):
    if running_in_ci():
        pytest.fail(f"Browser tests need {reason} in CI (scripts/system-packages.sh, .[dev]).")
    pytest.skip(f"no {reason} here")


@pytest.fixture(scope="session")
def chromium_path():
    path = os.environ.get("CHROMIUM") or next(
        (found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None
    )
    if not path:
        _missing("the chromium package")
    return path


@pytest.fixture(scope="module")
def playwright_browser(chromium_path):
    """One Chromium per module. Playwright's sync API keeps an event loop in the tests' thread
    while it runs; the tests' own ORM calls stay synchronous and sequential, so Django's guard
    against async-unsafe calls is lifted for these modules only, and restored after."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, args=["--no-sandbox", "--disable-dev-shm-usage"]
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_browser(request, playwright_browser, live_server):
    """``open_browser(user=None, viewport=(1366, 768))`` → a page of a fresh browser context,
    logged in as ``user`` (a session made directly: the journeys test the portal, not the
    login form), speaking Chinese."""
    contexts = []

    def open_(user=None, *, viewport=(1366, 768), mobile=False, javascript=True):
        context = playwright_browser.new_context(
            java_script_enabled=javascript,
            base_url=live_server.url,
            viewport={"width": viewport[0], "height": viewport[1]},
            locale="zh-CN",
            is_mobile=mobile,
            has_touch=mobile,
            # axe is injected as a script of the test's own; the portal's policy stays as it is.
            bypass_csp=True,
        )
        contexts.append(context)
        if user is not None:
            context.add_cookies([_session_cookie(user, live_server.url)])
        page = context.new_page()
        page.set_default_timeout(10_000)
        request.node.browser_pages = [*getattr(request.node, "browser_pages", []), page]
        return page

    yield open_
    for context in contexts:
        context.close()


def _session_cookie(user, url):
    client = Client()
    client.force_login(user)  # whatever the session engine
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": url}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS", ROOT / ".browser-failures"))
    folder.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(getattr(item, "browser_pages", [])):
        path = folder / f"{item.name}-{number}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # noqa: BLE001 - a closed page must not hide the failure
            report.sections.append(("screenshot", f"none for page {number}: {error}"))
        else:
            report.sections.append(("screenshot", str(path)))


def serious_violations(page) -> list[str]:
    """What axe-core finds serious or critical on the page as it is now: rule, help, where."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (impacts) => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter((v) => impacts.includes(v.impact))
                .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        }""",
        list(SERIOUS),
    )
    return found


@pytest.fixture
def accessible():
    """``accessible(page)`` asserts that axe-core finds nothing serious or critical."""

    def check(page):
        found = serious_violations(page)
        assert not found, f"{page.url}:\n" + "\n".join(found)

    return check

"""Without Chromium or Playwright the journeys are skipped here, and fail in CI."""

import pytest

from tests.browser.conftest import _missing


def test_missing_browser_skips_on_a_developers_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _missing("the chromium package")


def test_missing_browser_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium"):
        _missing("the chromium package")

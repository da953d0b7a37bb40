"""Certificates withheld before reasons became notes: the Chinese reason the portal wrote is
turned into the same note the portal writes now, so it reads in English too and a rerun of the
year-end check still finds them."""

import importlib

from django.utils import translation

from supervision import notes
from training.services import withholding_reason

migration = importlib.import_module("training.migrations.0004_i18n_withholding_reason_as_note")


def test_the_old_chinese_reason_becomes_todays_note(db):
    old = "培训未达标：2026年度培训不足40学时或考核未合格。"
    assert migration.as_note(old) == withholding_reason(2026)
    with translation.override("en"):
        assert notes.render(migration.as_note(old)).startswith("Training: fewer than 40")


def test_other_text_is_left_as_typed():
    assert migration.as_note("培训未达标，另行处理。") is None

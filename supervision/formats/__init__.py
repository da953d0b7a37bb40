"""The one format of dates and times on pages, per language (``FORMAT_MODULE_PATH``).

English reads ``3 Dec 2026`` and ``3 Dec 2026, 01:12`` (24-hour); Chinese ``2026年12月3日`` and
``2026年12月3日 01:12``. Times are shown in ``TIME_ZONE`` (Asia/Shanghai); the API stays ISO 8601.
Only the display formats are set here: the input formats are Django's own for each language.
"""

# English pages: one day-month-year format, 24-hour times (never "Dec. 4, 2026, 1:12 a.m.").
DATE_FORMAT = "j M Y"  # 3 Dec 2026
TIME_FORMAT = "H:i"  # 01:12
DATETIME_FORMAT = "j M Y, H:i"  # 3 Dec 2026, 01:12
YEAR_MONTH_FORMAT = "M Y"  # Dec 2026
MONTH_DAY_FORMAT = "j M"  # 3 Dec
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"

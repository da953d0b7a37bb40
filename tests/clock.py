"""The one way tests set the clock: a day (and hour) in Asia/Shanghai, where all the portal's
dates are (DESIGN: "All dates are in Asia/Shanghai").

    with at(D(2026, 3, 3)):            # 10:00 in Shanghai, the clock stands still
        ...

    @at(D(2027, 3, 1))                 # as a decorator, for the test's body
    def test_...(...):

``moment`` is the same instant as a value, for a timestamp a test writes itself.
"""

import datetime
from zoneinfo import ZoneInfo

import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """``hour`` o'clock on ``day`` in Asia/Shanghai, as an aware datetime."""
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


def at(day: datetime.date, hour: int = 10) -> time_machine.travel:
    """Freeze the clock at ``hour`` o'clock on ``day`` in Asia/Shanghai (a context manager or a
    decorator). The clock does not tick, so timestamps written inside are exactly that moment."""
    return time_machine.travel(moment(day, hour), tick=False)

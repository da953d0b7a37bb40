"""The daily deadline checks on the embedded default (no CELERY_BROKER_URL): a process that
``make run`` starts beside the web server, doing what Celery beat does in production.

At start-up it runs the checks for today unless they have already run today: whatever fell due on
the working days it missed is issued then (the overdue finders look at every day since the
deadline, and notices are dated the day they are actually issued, never backdated). Then it runs
them every day at 07:30 Asia/Shanghai, like the beat schedule. Running twice, or beside a beat,
issues nothing twice (``run_deadline_checks`` is idempotent).
"""

import datetime
import logging
import threading

from django.utils import timezone

from .calendar import today
from .deadlines import RuleResult, run_deadline_checks
from .models import DeadlineCheckRun

logger = logging.getLogger(__name__)

DAILY_AT = datetime.time(7, 30)


def next_run_after(moment: datetime.datetime) -> datetime.datetime:
    """The next 07:30 in the portal's time zone strictly after ``moment``."""
    local = timezone.localtime(moment)
    run = timezone.make_aware(datetime.datetime.combine(local.date(), DAILY_AT))
    if run <= local:
        run = timezone.make_aware(
            datetime.datetime.combine(local.date() + datetime.timedelta(days=1), DAILY_AT)
        )
    return run


def catch_up(day: datetime.date | None = None) -> list[RuleResult] | None:
    """Run the checks for ``day`` (today) unless they already ran for it; None if they had."""
    day = day or today()
    if DeadlineCheckRun.objects.filter(day=day).exists():
        return None
    last = DeadlineCheckRun.objects.order_by("-day").first()
    logger.info(
        "deadline checks: catching up on %s (last run for %s)", day, last.day if last else "never"
    )
    return run_deadline_checks(day)


def serve(stop: threading.Event, *, alive=lambda: True, sleep=None) -> None:
    """Catch up, then run every day at 07:30 until ``stop`` is set or ``alive()`` turns false."""
    sleep = sleep or stop.wait
    catch_up()
    while not stop.is_set() and alive():
        due = next_run_after(timezone.now())
        # Wake up now and then: to notice the web server has gone, and a changed clock.
        while not stop.is_set() and alive() and timezone.now() < due:
            sleep(min(60.0, max(0.0, (due - timezone.now()).total_seconds())))
        if stop.is_set() or not alive():
            return
        try:
            catch_up()
        except Exception:  # a failed run is retried the next day; the process keeps serving
            logger.exception("deadline checks failed")

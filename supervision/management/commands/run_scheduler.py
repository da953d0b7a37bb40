import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from supervision.scheduler import catch_up, serve


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        return True
    return True


class Command(BaseCommand):
    help = (
        "On the embedded default (no CELERY_BROKER_URL): run the deadline checks now if they have"
        " not run today, then every day at 07:30 Asia/Shanghai. `make run` starts it beside the"
        " web server; it stops when that server stops."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="catch up on today's checks and exit"
        )
        parser.add_argument(
            "--stop-with",
            type=int,
            metavar="PID",
            help="stop when the process PID (the web server `make run` starts) has ended",
        )

    def handle(self, *args, once=False, stop_with=None, **options):
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("CELERY_BROKER_URL is set: Celery beat runs the checks (make beat)")
            return
        if once:
            results = catch_up()
            self.stdout.write(
                "already run today" if results is None else f"ran {len(results)} deadline rules"
            )
            return
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_args: stop.set())
            for signum in (signal.SIGINT, signal.SIGTERM)
        }
        self.stdout.write("deadline checks: now if missed, then daily at 07:30")
        try:
            # Started in the background by `make run`: when the web server goes, so do we.
            serve(stop, alive=(lambda: process_alive(stop_with)) if stop_with else (lambda: True))
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

import os
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from supervision.scheduler import catch_up, serve


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

    def handle(self, *args, once=False, **options):
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
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_args: stop.set())
        parent = os.getppid()
        self.stdout.write("deadline checks: now if missed, then daily at 07:30")
        # Started in the background by `make run`: when the web server (the parent) goes, so do we.
        serve(stop, alive=lambda: os.getppid() == parent)

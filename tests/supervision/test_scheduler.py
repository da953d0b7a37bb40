"""The daily checks on the embedded default: caught up at start-up, then every day at 07:30, and
the last run shown on the legal office's calendar page."""

import datetime
import io
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from supervision import scheduler
from supervision.models import DeadlineCheckRun
from tests.clock import at

D = datetime.date
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))

pytestmark = pytest.mark.django_db


def moment(day, hour, minute=0, second=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (moment(D(2026, 10, 9), 7, 29), moment(D(2026, 10, 9), 7, 30)),
        (moment(D(2026, 10, 9), 7, 30), moment(D(2026, 10, 10), 7, 30)),
        (moment(D(2026, 10, 9), 23, 59), moment(D(2026, 10, 10), 7, 30)),
        (moment(D(2026, 12, 31), 8, 0), moment(D(2027, 1, 1), 7, 30)),
    ],
)
def test_the_next_run_is_the_next_0730_in_shanghai(now, expected):
    assert scheduler.next_run_after(now) == expected


def test_start_up_catches_up_once_a_day():
    with at(D(2026, 10, 9)):
        assert scheduler.catch_up() is not None
        assert scheduler.catch_up() is None
    run = DeadlineCheckRun.objects.get()
    assert run.day == D(2026, 10, 9)
    assert run.working_day is True
    with at(D(2026, 10, 12)):
        assert scheduler.catch_up() is not None
    assert DeadlineCheckRun.objects.count() == 2


def test_a_run_on_a_day_off_is_recorded_as_such():
    with at(D(2026, 10, 3)):
        scheduler.catch_up()
    run = DeadlineCheckRun.objects.get()
    assert run.working_day is False
    assert (run.reminders, run.overdue) == (0, 0)


def test_serve_catches_up_and_stops_when_told():
    stop = threading.Event()
    stop.set()
    with at(D(2026, 10, 9)):
        scheduler.serve(stop)
    assert DeadlineCheckRun.objects.filter(day=D(2026, 10, 9)).exists()


def test_serve_runs_at_0730_and_stops_when_the_web_server_is_gone():
    stop = threading.Event()
    with time_machine.travel(moment(D(2026, 10, 8), 20, 0), tick=False) as clock:
        DeadlineCheckRun.objects.create(
            day=D(2026, 10, 8),
            working_day=True,
            started_at=timezone.now(),
            finished_at=timezone.now(),
        )
        # The "web server" goes once the checks of 9 October have run.
        scheduler.serve(
            stop,
            alive=lambda: not DeadlineCheckRun.objects.filter(day=D(2026, 10, 9)).exists(),
            sleep=lambda seconds: clock.shift(datetime.timedelta(seconds=seconds)),
        )
    run = DeadlineCheckRun.objects.get(day=D(2026, 10, 9))
    assert timezone.localtime(run.started_at) == moment(D(2026, 10, 9), 7, 30)


def test_the_command_once_and_with_a_broker(settings):
    out = io.StringIO()
    with at(D(2026, 10, 9)):
        call_command("run_scheduler", "--once", stdout=out)
        call_command("run_scheduler", "--once", stdout=out)
    assert "ran " in out.getvalue()
    assert "already run today" in out.getvalue()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    out = io.StringIO()
    call_command("run_scheduler", stdout=out)
    assert "Celery beat" in out.getvalue()


def test_the_calendar_page_shows_the_last_run(browser, legal, clerk_a):
    browser.force_login(legal)
    assert "期限检查尚未运行。" in browser.get("/calendar/").content.decode()
    with at(D(2026, 10, 9)):
        call_command("run_deadline_checks", stdout=io.StringIO())
        page = browser.get("/calendar/").content.decode()
    assert "最近一次运行：检查日期2026年10月9日" in page
    run = DeadlineCheckRun.objects.get()
    assert f"发出提醒{run.reminders}份、逾期通知{run.overdue}份" in page
    with at(D(2026, 10, 11)):
        call_command("run_deadline_checks", stdout=io.StringIO())
        page = browser.get("/calendar/").content.decode()
    assert "当日为非工作日，未发出通知" in page
    browser.force_login(clerk_a)
    assert browser.get("/calendar/").status_code == 404


def test_the_command_stops_with_the_web_server_it_was_started_beside():
    import subprocess
    import sys

    server = subprocess.Popen([sys.executable, "-c", "pass"])
    server.wait()  # the "web server" has ended: the scheduler catches up and stops
    out = io.StringIO()
    with at(D(2026, 10, 9)):
        call_command("run_scheduler", "--stop-with", str(server.pid), stdout=out)
    assert DeadlineCheckRun.objects.filter(day=D(2026, 10, 9)).exists()

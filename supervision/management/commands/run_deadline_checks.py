import datetime

from django.core.management.base import BaseCommand, CommandError

from supervision.calendar import is_working_day, today
from supervision.deadlines import run_deadline_checks


class Command(BaseCommand):
    help = "Run every deadline rule for a day (default today) and issue the notices that are due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="the day to check, YYYY-MM-DD (default: today, Asia/Shanghai)"
        )

    def handle(self, *args, date=None, **options):
        day = None
        if date:
            try:
                day = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        day = day or today()
        results = run_deadline_checks(day)
        if not is_working_day(day):
            self.stdout.write(
                f"{day} is not a working day: no notice is issued; the next working day's run"
                " issues what is due"
            )
        for result in results:
            self.stdout.write(
                f"{result.rule}: {result.reminders} reminders, {result.overdue} overdue notices"
                + (f", {result.acted} records changed" if result.acted else "")
            )
        if not results:
            self.stdout.write("no deadline rules are registered")

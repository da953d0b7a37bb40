import datetime

from django.core.management.base import BaseCommand, CommandError

from supervision.security import chain


class Command(BaseCommand):
    help = (
        "Export the audit entries written before a day to a signed file, check it, then remove "
        "them from the database (never one unexported). Entries are kept AUDIT_RETENTION_DAYS "
        "(at least 184) days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, help="YYYY-MM-DD: entries written before it")
        parser.add_argument("--to", required=True, help="the folder the archive file is written to")

    def handle(self, *args, before, to, **options):
        try:
            day = datetime.date.fromisoformat(before)
        except ValueError as error:
            raise CommandError(f"--before must be YYYY-MM-DD, not {before!r}") from error
        try:
            path, count = chain.archive(before=day, folder=to)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if path is None:
            self.stdout.write("nothing to archive")
        else:
            self.stdout.write(f"archived {count} entries to {path}")

from django.core.management.base import BaseCommand, CommandError

from supervision.security import chain


class Command(BaseCommand):
    help = (
        "Check the audit trail's hash chain (or an archive file's signature and chain) and name "
        "the first entry that does not hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("--archive", help="check this archive file instead of the database")

    def handle(self, *args, archive=None, **options):
        if archive:
            try:
                content = chain.read_archive(archive)
            except (OSError, ValueError, KeyError) as error:
                raise CommandError(f"archive {archive}: {error}") from error
            header = content["header"]
            self.stdout.write(
                f"archive intact: {header['count']} entries, "
                f"positions {header['from_seq']} to {header['through_seq']}"
            )
            return
        verdict = chain.verify()
        if not verdict.intact:
            where = f"audit entry id {verdict.broken_at}" if verdict.broken_at else "the chain"
            position = f" (position {verdict.position})" if verdict.position else ""
            raise CommandError(
                f"BROKEN at {where}{position}: {verdict.reason}; "
                f"{verdict.checked} entries before it hold"
            )
        self.stdout.write(f"audit chain intact: {verdict.checked} entries checked")

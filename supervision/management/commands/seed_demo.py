from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app that has demo data provides ``demo.seed(log)``; they run in this order.
DEMO_MODULES = ["entities.demo", "supervision.demo"]


class Command(BaseCommand):
    help = "Load the demo city: departments, demo accounts and sample records. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with DEBUG on."
            )
        created = []
        with transaction.atomic():
            for name in DEMO_MODULES:
                import_module(name).seed(created.append)
        for line in created:
            self.stdout.write(f"  + {line}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({len(created)} new records)."))

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

# Each app that has demo data provides ``demo.seed(log)``; they run in this order, since later
# apps' records point at earlier ones (entities at departments, officers at entities, ...).
DEMO_ORDER = [
    "supervision",
    "entities",
    "personnel",
    "cases",
    "training",
    "complaints",
    "evaluations",
    "inspections",
    "accountability",
    "publication",
    "supervisors",
]


class Command(BaseCommand):
    help = "Load the demo city: departments, demo accounts and sample records. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with DEBUG on."
            )
        created = []
        with transaction.atomic():
            for label in DEMO_ORDER:
                if module_has_submodule(apps.get_app_config(label).module, "demo"):
                    import_module(f"{label}.demo").seed(created.append)
        for line in created:
            self.stdout.write(f"  + {line}")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({len(created)} new records)."))

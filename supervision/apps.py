from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        # Each app registers its deadline rules in <app>/deadlines.py.
        autodiscover_modules("deadlines")
        from .security import events

        events.connect()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Special inspections")

    def ready(self):
        # The quarters at a glance on the legal office's dashboard (a panel of its jurisdiction).
        from . import panels  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personnel")

    def ready(self):
        # personnel's own conditions join the kernel's eligibility registry.
        from . import eligibility  # noqa: F401

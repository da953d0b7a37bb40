from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "accountability"
    verbose_name = _("Accountability")

    def ready(self):
        # The accountability history on officers', certificates' and cited records' pages.
        from . import panels  # noqa: F401

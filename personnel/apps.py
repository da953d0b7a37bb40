from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personnel")

    def ready(self):
        # personnel's own conditions join the kernel's eligibility registry.
        from supervision import eligibility as registry
        from supervision import offers

        from . import (
            eligibility,  # noqa: F401
            selectors,
            services,
        )

        registry.keep_standing(selectors.forget_standing)

        # Accountability withholds or revokes a certificate through personnel's own services.
        offers.offer("certificate_withhold", services.certificate_withhold)
        offers.offer("certificate_revoke", services.certificate_revoke)

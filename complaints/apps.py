from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from supervision import audit

        from .models import Complaint

        audit.label_action(Complaint, "accept", pgettext_lazy("complaint", "accepted"))

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisorsConfig(AppConfig):
    name = "supervisors"
    verbose_name = _("Invited supervisors")

    def ready(self):
        from . import deadlines  # noqa: F401  (registers supervisor_quarterly)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")

    def ready(self):
        # The 40-hour rule joins the kernel's eligibility checks; personnel never imports training.
        from . import eligibility  # noqa: F401

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def ensure_top_jurisdiction(sender, using="default", **kwargs):
    """The city and its legal office exist whenever the tables do (after a flush too), from the
    settings that name them; afterwards they are a record the administrator keeps."""
    from django.conf import settings

    from .models import Jurisdiction

    if not Jurisdiction.objects.using(using).filter(parent__isnull=True).exists():
        Jurisdiction(
            code=settings.PORTAL_JURISDICTION_CODE,
            name=settings.PORTAL_JURISDICTION_NAME,
            office_name=settings.PORTAL_OFFICE_NAME,
            number_prefix=settings.NOTICE_NUMBER_PREFIX,
            seal_text=settings.PORTAL_OFFICE_NAME,
        ).save(using=using)


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        # Each app registers its deadline rules in <app>/deadlines.py.
        autodiscover_modules("deadlines")
        # The kernel's own rule: rectification of findings.
        from . import rectification  # noqa: F401

        # ... and its dashboard figures and assessment deductions in <app>/dashboard.py.
        autodiscover_modules("dashboard")
        from . import findings_dashboard  # noqa: F401  (its statistics table too)

        post_migrate.connect(ensure_top_jurisdiction, sender=self)

        from . import audit
        from .models_rectification import Finding, RectificationReport

        for model in (Finding, RectificationReport):
            audit.label_action(model, "accept", pgettext_lazy("rectification", "accepted"))

        from .security import events

        events.connect()

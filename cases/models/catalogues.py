"""Case-file catalogues (案卷目录): each department files the catalogue of the previous year's
closed case files by the end of January.

A catalogue carries a stored, indexed due date (``due``) with the explanation of how it was
counted, written when it is opened and by the catalogue rule in ``cases/deadlines.py`` when the
holiday schedule changes.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from supervision import uploads
from supervision.calendar import today as _today
from supervision.filing import FilingReceipt
from supervision.scoping import ScopedQuerySet

# The earliest year a case-file catalogue may be entered for (a sanity bound, not a legal rule).
FIRST_CATALOGUE_YEAR = 2000


class CaseCatalogueQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")

    def unfiled(self):
        """Catalogues not yet filed: the rows the partial index on ``due`` covers."""
        return self.filter(filed_on__isnull=True)

    def with_status(self, status: str, today: datetime.date | None = None):
        today = today or _today()
        Status = CaseCatalogue.Status
        conditions = {
            Status.OPEN: Q(filed_on__isnull=True, due__gte=today),
            Status.OVERDUE: Q(filed_on__isnull=True, due__lt=today),
            Status.FILED_ON_TIME: Q(filed_on__isnull=False, filed_on__lte=F("due")),
            Status.FILED_LATE: Q(filed_on__isnull=False, filed_on__gt=F("due")),
        }
        if status not in conditions:
            return self.none()
        return self.filter(conditions[status])


def last_year(today: datetime.date | None = None) -> int:
    return (today or _today()).year - 1


class CaseCatalogue(FilingReceipt):
    """A department's catalogue of one year's closed case files (案卷目录), filed by the end of January."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OVERDUE = "overdue", _("Overdue")
        FILED_ON_TIME = "filed_on_time", _("Filed on time")
        FILED_LATE = "filed_late", _("Filed late")

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="case_catalogues",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_CATALOGUE_YEAR), MaxValueValidator(9999)],
    )
    due = models.DateField(_("filing due"))
    due_provisional = models.BooleanField(_("filing due is provisional"), default=False)
    # How ``due`` was counted, stored with it (see MajorDecision.filing_due_explanation).
    due_explanation = models.JSONField(
        _("how the filing deadline was counted"), null=True, blank=True, editable=False
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The catalogue as the department signed and sealed it: what the filing carries (备案材料),
    # uploaded with each filing (a returned one is filed again with the catalogue as corrected).
    document = models.FileField(
        _("signed catalogue"),
        upload_to=uploads.RandomName("cases/catalogues"),
        blank=True,
        editable=False,
        validators=uploads.validators(uploads.SIGNED_PAPERS),
        help_text=_("The catalogue signed and sealed by the department: a PDF or a scan."),
    )
    document_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    objects = CaseCatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("case-file catalogue")
        verbose_name_plural = _("case-file catalogues")
        ordering = ["-year", "department__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"],
                name="one_catalogue_per_department_and_year",
                violation_error_message=_("This department already has a catalogue for this year."),
            ),
        ]
        indexes = [
            # The deadline check reads only catalogues not yet filed, by due date.
            models.Index(
                fields=["due"], condition=Q(filed_on__isnull=True), name="catalogue_unfiled_due_idx"
            ),
        ]

    def __str__(self):
        return _("%(department)s, case-file catalogue %(year)s") % {
            "department": self.department,
            "year": self.year,
        }

    def get_absolute_url(self):
        return reverse("cases:catalogue-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.department_id and self.department.is_legal_office:
            raise ValidationError(
                {"department": _("The legal office does not file a case-file catalogue.")}
            )

    @property
    def status(self) -> str:
        return self.status_on(_today())

    def status_on(self, today: datetime.date) -> str:
        if self.filed_on is None:
            return self.Status.OVERDUE if today > self.due else self.Status.OPEN
        return self.status_if_filed_on(self.filed_on)

    def status_if_filed_on(self, day: datetime.date) -> str:
        """On time or late, for a filing on ``day``."""
        return self.Status.FILED_LATE if day > self.due else self.Status.FILED_ON_TIME

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def status_badge(self) -> str:
        return {"open": "warn", "overdue": "bad", "filed_on_time": "ok", "filed_late": "bad"}[
            self.status
        ]

    @property
    def is_filed(self) -> bool:
        return self.filed_on is not None


class CatalogueItemQuerySet(ScopedQuerySet):
    department_lookup = "catalogue__department"


class CatalogueItem(models.Model):
    """One closed case file in a catalogue."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", _("Administrative penalty")
        LICENCE = "licence", _("Administrative licence")
        COERCIVE_MEASURE = "coercive_measure", _("Administrative coercive measure")
        INSPECTION = "inspection", _("Administrative inspection")
        OTHER = "other", _("Other")

    catalogue = models.ForeignKey(
        CaseCatalogue,
        verbose_name=_("case-file catalogue"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    case_number = models.CharField(_("case number"), max_length=60)
    title = models.CharField(_("case title"), max_length=200)
    kind = models.CharField(_("kind of case"), max_length=20, choices=Kind.choices)
    closing_date = models.DateField(_("closing date"))

    objects = CatalogueItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        ordering = ["closing_date", "case_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "case_number"],
                name="catalogue_case_number_unique",
                violation_error_message=_("This case number is already in the catalogue."),
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    def clean(self):
        super().clean()
        if not self.catalogue_id:
            return
        errors = {}
        if self.closing_date and self.closing_date.year != self.catalogue.year:
            errors["closing_date"] = _("The closing date is not in %(year)s.") % {
                "year": self.catalogue.year
            }
        if (
            self.case_number
            and CatalogueItem.objects.filter(
                catalogue_id=self.catalogue_id, case_number=self.case_number
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["case_number"] = _("This case number is already in the catalogue.")
        if errors:
            raise ValidationError(errors)

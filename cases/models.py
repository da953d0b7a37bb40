"""Major enforcement decisions (重大行政执法决定) and case-file catalogues (案卷目录).

Both carry a stored, indexed due date (``filing_due``, ``due``) computed by the kernel's calendar
when the record changes; the deadline rules in ``cases/deadlines.py`` query that column.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supervision import uploads
from supervision.scoping import ScopedQuerySet

# 备案期限: a major decision is filed with the legal office within 10 days of being made.
FILING_PERIOD_DAYS = 10
# The earliest year a case-file catalogue may be entered for (a sanity bound, not a legal rule).
FIRST_CATALOGUE_YEAR = 2000
ATTACHMENT_EXTENSIONS = [
    "pdf",
    "ofd",
    "doc",
    "docx",
    "wps",
    "xls",
    "xlsx",
    "jpg",
    "jpeg",
    "png",
    "zip",
]


def _today() -> datetime.date:
    return timezone.localdate()


class MajorDecisionCategoryQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class MajorDecisionCategory(models.Model):
    """An entry of a department's catalogue of major decisions (重大执法决定事项目录)."""

    department = models.ForeignKey(
        "entities.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="decision_categories",
    )
    title = models.CharField(_("category title"), max_length=200)
    criteria = models.TextField(
        _("criteria"), help_text=_("What makes a decision of this kind a major decision.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MajorDecisionCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("major decision category")
        verbose_name_plural = _("major decision categories")
        ordering = ["department__code", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "title"],
                name="decision_category_title_unique_in_department",
                violation_error_message=_("This department already has a category of this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.department_id and self.department.is_legal_office:
            raise ValidationError(
                {"department": _("The legal office keeps no catalogue of major decisions.")}
            )
        if (
            self.department_id
            and self.title
            and MajorDecisionCategory.objects.filter(
                department_id=self.department_id, title=self.title
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"title": _("This department already has a category of this title.")}
            )


class MajorDecisionQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department", "category")

    def decided_unfiled(self):
        """Decisions made and not yet filed: the rows the partial index on ``filing_due`` covers."""
        return self.filter(filed_on__isnull=True, decision_date__isnull=False)

    def with_filing_status(self, status: str, today: datetime.date | None = None):
        """Only the decisions whose derived filing status is ``status`` on ``today``."""
        today = today or _today()
        FilingStatus = MajorDecision.FilingStatus
        conditions = {
            FilingStatus.NOT_DECIDED: Q(decision_date__isnull=True),
            FilingStatus.AWAITING_FILING: Q(
                decision_date__isnull=False, filed_on__isnull=True, filing_due__gte=today
            ),
            FilingStatus.OVERDUE: Q(
                decision_date__isnull=False, filed_on__isnull=True, filing_due__lt=today
            ),
            FilingStatus.FILED_ON_TIME: Q(filed_on__isnull=False, filed_on__lte=F("filing_due")),
            FilingStatus.FILED_LATE: Q(filed_on__isnull=False, filed_on__gt=F("filing_due")),
        }
        if status not in conditions:
            return self.none()
        return self.filter(conditions[status])


class MajorDecision(models.Model):
    """A major enforcement decision: legal review before it is made, filing within 10 days after."""

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", _("Review pending")
        PASSED = "passed", _("Review passed")
        FAILED = "failed", _("Review failed")

    class FilingStatus(models.TextChoices):
        NOT_DECIDED = "not_decided", _("Not yet made")
        AWAITING_FILING = "awaiting_filing", _("Awaiting filing")
        OVERDUE = "overdue", _("Filing overdue")
        FILED_ON_TIME = "filed_on_time", _("Filed on time")
        FILED_LATE = "filed_late", _("Filed late")

    department = models.ForeignKey(
        "entities.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="major_decisions",
    )
    case_number = models.CharField(_("case number"), max_length=60)
    title = models.CharField(_("decision title"), max_length=200)
    party = models.CharField(
        _("party"), max_length=200, help_text=_("The person or body concerned.")
    )
    category = models.ForeignKey(
        MajorDecisionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    summary = models.TextField(_("summary"))
    review_status = models.CharField(
        _("legal review"),
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PENDING,
        db_index=True,
    )
    review_opinion = models.TextField(_("review opinion"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    filing_due = models.DateField(_("filing due"), null=True, blank=True)
    filing_due_provisional = models.BooleanField(_("filing due is provisional"), default=False)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MajorDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("major decision")
        verbose_name_plural = _("major decisions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "case_number"],
                name="decision_case_number_unique_in_department",
                violation_error_message=_(
                    "This department already has a major decision with this case number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True) | Q(review_status="passed"),
                name="decision_made_only_after_review_passed",
                violation_error_message=_(
                    "A major decision cannot be made before its legal review has passed."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True, filing_due__isnull=True)
                | Q(decision_date__isnull=False, filing_due__isnull=False),
                name="decision_filing_due_with_decision_date",
            ),
            models.CheckConstraint(
                condition=Q(filed_on__isnull=True)
                | Q(decision_date__isnull=False, filed_on__gte=F("decision_date")),
                name="decision_filed_after_made",
                violation_error_message=_("A decision cannot be filed before it is made."),
            ),
        ]
        indexes = [
            # The deadline check reads only decisions made and not yet filed, by due date.
            models.Index(
                fields=["filing_due"],
                condition=Q(filed_on__isnull=True, decision_date__isnull=False),
                name="decision_unfiled_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if self.department_id and self.department.is_legal_office:
            errors["department"] = _("The legal office does not register major decisions.")
        if (
            self.department_id
            and self.category_id
            and self.category.department_id != self.department_id
        ):
            errors["category"] = _(
                "The category must come from this department's catalogue of major decisions."
            )
        if (
            self.department_id
            and self.case_number
            and MajorDecision.objects.filter(
                department_id=self.department_id, case_number=self.case_number
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["case_number"] = _(
                "This department already has a major decision with this case number."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def filing_status(self) -> str:
        return self.filing_status_on(_today())

    def filing_status_on(self, today: datetime.date) -> str:
        if self.decision_date is None:
            return self.FilingStatus.NOT_DECIDED
        if self.filed_on is None:
            if self.filing_due is not None and today > self.filing_due:
                return self.FilingStatus.OVERDUE
            return self.FilingStatus.AWAITING_FILING
        if self.filing_due is not None and self.filed_on > self.filing_due:
            return self.FilingStatus.FILED_LATE
        return self.FilingStatus.FILED_ON_TIME

    def get_filing_status_display(self) -> str:
        return str(self.FilingStatus(self.filing_status).label)

    @property
    def filing_status_badge(self) -> str:
        return {
            self.FilingStatus.NOT_DECIDED: "",
            self.FilingStatus.AWAITING_FILING: "warn",
            self.FilingStatus.OVERDUE: "bad",
            self.FilingStatus.FILED_ON_TIME: "ok",
            self.FilingStatus.FILED_LATE: "bad",
        }[self.filing_status]

    @property
    def review_badge(self) -> str:
        return {"pending": "warn", "passed": "ok", "failed": "bad"}[self.review_status]

    # What a clerk may still do; the services check the same conditions and say why not.
    @property
    def is_editable(self) -> bool:
        return self.decision_date is None and self.review_status != self.ReviewStatus.PASSED

    @property
    def is_filed(self) -> bool:
        return self.filed_on is not None

    @property
    def may_be_decided(self) -> bool:
        return self.review_status == self.ReviewStatus.PASSED and not self.is_filed

    @property
    def may_be_filed(self) -> bool:
        return self.decision_date is not None and not self.is_filed


class DecisionAttachmentQuerySet(ScopedQuerySet):
    department_lookup = "decision__department"


class DecisionAttachment(models.Model):
    """A document filed with a decision; kept outside public media and served by a scoped view."""

    decision = models.ForeignKey(
        MajorDecision,
        verbose_name=_("major decision"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"),
        # A random stored name: the original name is kept in ``name`` and only used on download.
        upload_to=uploads.RandomName("private/cases/decisions", per="decision_id"),
        max_length=200,
        validators=uploads.validators(ATTACHMENT_EXTENSIONS),
    )
    name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = DecisionAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


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


class CaseCatalogue(models.Model):
    """A department's catalogue of one year's closed case files (案卷目录), filed by the end of January."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OVERDUE = "overdue", _("Overdue")
        FILED_ON_TIME = "filed_on_time", _("Filed on time")
        FILED_LATE = "filed_late", _("Filed late")

    department = models.ForeignKey(
        "entities.Department",
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
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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
        return self.Status.FILED_LATE if self.filed_on > self.due else self.Status.FILED_ON_TIME

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

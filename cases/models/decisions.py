"""Major enforcement decisions (重大行政执法决定): the department's catalogue of what counts as
one, the decisions with their legal review and filing, and the documents filed with them.

A decision carries a stored, indexed due date (``filing_due``) with the explanation of how it was
counted, written by ``cases.services`` when the decision is made and by the filing rule in
``cases/deadlines.py`` when the holiday schedule changes; the rule queries that column.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from supervision import uploads
from supervision.calendar import today as _today
from supervision.filing import FilingReceipt
from supervision.scoping import ScopedQuerySet

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


class MajorDecisionCategoryQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)


class MajorDecisionCategory(models.Model):
    """An entry of a department's catalogue of major decisions (重大执法决定事项目录)."""

    department = models.ForeignKey(
        "supervision.Department",
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


class MajorDecision(FilingReceipt):
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
        "supervision.Department",
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
    # The day the review passed or failed, as declared: a review held on paper before the portal
    # existed is entered later with its own day (``reviewed_at`` is the moment it was entered).
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    filing_due = models.DateField(_("filing due"), null=True, blank=True)
    filing_due_provisional = models.BooleanField(_("filing due is provisional"), default=False)
    # How ``filing_due`` was counted (event day, period, raw last day, days moved over), stored
    # with it: a filed decision keeps the explanation of the deadline it was filed against.
    filing_due_explanation = models.JSONField(
        _("how the filing deadline was counted"), null=True, blank=True, editable=False
    )
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
                condition=Q(decision_date__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(decision_date__gte=F("reviewed_on")),
                name="decision_made_on_or_after_review",
                violation_error_message=_(
                    "A major decision cannot be made before the day its legal review passed."
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
            # The list's order, for the legal office (every department) and for one department.
            models.Index(fields=["-created_at", "-id"], name="decision_list_order"),
            models.Index(
                fields=["department", "-created_at", "-id"], name="decision_department_order"
            ),
            # The deadline check reads only decisions made and not yet filed, by due date.
            models.Index(
                fields=["filing_due"],
                condition=Q(filed_on__isnull=True, decision_date__isnull=False),
                name="decision_unfiled_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.title}"

    def get_absolute_url(self):
        return reverse("cases:decision-detail", args=[self.pk])

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
        return self.filing_status_if_filed_on(self.filed_on)

    def filing_status_if_filed_on(self, day: datetime.date) -> str:
        """On time or late, for a filing on ``day``."""
        if self.filing_due is not None and day > self.filing_due:
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

    # What a filing must carry (备案材料): the decision document at least.
    REQUIRED_FOR_FILING = ("decision",)

    def documents_missing(self) -> list:
        """The labels of the documents a filing still needs (reads the prefetched attachments)."""
        kinds = {attachment.kind for attachment in self.attachments.all()}
        return [
            DecisionAttachment.Kind(kind).label
            for kind in self.REQUIRED_FOR_FILING
            if kind not in kinds
        ]


class DecisionAttachmentQuerySet(ScopedQuerySet):
    department_lookup = "decision__department"


class DecisionAttachment(models.Model):
    """A document filed with a decision; kept outside public media and served by a scoped view."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision document (决定书)")
        REVIEW_OPINION = "review_opinion", _("Legal review opinion (法制审核意见)")
        OTHER = "other", _("Other document")

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
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
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

"""Publication (执法公示): what binds a department's enforcement, filed with and reviewed by the
legal office, then published.

- Normative documents (规范性文件): filed (备案) with the legal office of the department's own
  jurisdiction within ``settings.NORMATIVE_DOCUMENT_FILING_DAYS`` days of issue, then reviewed
  (有件必备、有备必审、有错必纠). The filing deadline is stored with its explanation in
  ``filing_due`` (indexed while the document is not filed) and counted in
  ``publication/deadlines.py``.
- Discretion benchmarks (行政裁量权基准): one row per version of a department's benchmark for a
  matter; the legal office reviews a version, the department publishes it, and publishing a new
  version supersedes the one in force, which stays readable with its dates.
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
from supervision.scoping import ScopedQuerySet

# Only a PDF: the text as issued, the way the legal office archives it.
DOCUMENT_TYPES = ("pdf",)
# At most this many graded conditions in one benchmark (a sanity bound for forms and the API).
MAX_GRADES = 30


def _no_legal_office(department, message):
    if department is not None and department.is_legal_office:
        raise ValidationError({"department": message})


# Normative documents (规范性文件备案) ---------------------------------------------------------


class NormativeDocumentQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")

    def unfiled(self):
        """Documents registered and not yet filed: the rows the partial index on ``filing_due``
        covers."""
        return self.filter(filed_on__isnull=True)

    def with_filing_status(self, status: str, today: datetime.date | None = None):
        today = today or _today()
        Filing = NormativeDocument.FilingStatus
        conditions = {
            Filing.AWAITING_FILING: Q(filed_on__isnull=True, filing_due__gte=today),
            Filing.OVERDUE: Q(filed_on__isnull=True, filing_due__lt=today),
            Filing.FILED_ON_TIME: Q(filed_on__isnull=False, filed_on__lte=F("filing_due")),
            Filing.FILED_LATE: Q(filed_on__isnull=False, filed_on__gt=F("filing_due")),
        }
        if status not in conditions:
            return self.none()
        return self.filter(conditions[status])


class NormativeDocument(models.Model):
    """A normative document a department issued, filed with the legal office and reviewed."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Not yet filed")
        FILED = "filed", _("Filed, review pending")
        NO_PROBLEM = "no_problem", _("Filed, no problem found")
        # 有错必纠: the problem and the correction demanded are recorded here; the correction
        # itself is followed in the kernel's rectification loop (see the notes of issue 14).
        PROBLEM_FOUND = "problem_found", _("Problem found, correction ordered")

    class FilingStatus(models.TextChoices):
        AWAITING_FILING = "awaiting_filing", _("Awaiting filing")
        OVERDUE = "overdue", _("Filing overdue")
        FILED_ON_TIME = "filed_on_time", _("Filed on time")
        FILED_LATE = "filed_late", _("Filed late")

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="normative_documents",
    )
    number = models.CharField(
        _("document number"), max_length=60, help_text=_("e.g. 宿建规〔2026〕1号")
    )
    title = models.CharField(_("document title"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    effective_on = models.DateField(_("effective on"))
    text = models.FileField(
        _("text (PDF)"),
        upload_to=uploads.RandomName("private/publication/documents"),
        max_length=200,
        validators=uploads.validators(DOCUMENT_TYPES),
    )
    text_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.REGISTERED,
        db_index=True,
    )
    filing_due = models.DateField(_("filing due"))
    filing_due_provisional = models.BooleanField(_("filing due is provisional"), default=False)
    # How ``filing_due`` was counted, stored with it: a filed document keeps the count it was
    # filed against.
    filing_due_explanation = models.JSONField(
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
    # Set when a clean-up campaign's published result repeals the document: no longer in force.
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)
    problem = models.TextField(_("problem found"), blank=True)
    correction_required = models.TextField(_("correction required"), blank=True)
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

    objects = NormativeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("normative document")
        verbose_name_plural = _("normative documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "number"],
                name="normative_document_number_unique_in_department",
                violation_error_message=_(
                    "This department already has a normative document with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=F("issued_on")),
                name="normative_document_effective_after_issue",
                violation_error_message=_("A document cannot take effect before it is issued."),
            ),
            models.CheckConstraint(
                condition=Q(filed_on__isnull=True) | Q(filed_on__gte=F("issued_on")),
                name="normative_document_filed_after_issue",
                violation_error_message=_("A document cannot be filed before it is issued."),
            ),
            models.CheckConstraint(
                condition=Q(status="registered", filed_on__isnull=True)
                | (~Q(status="registered") & Q(filed_on__isnull=False)),
                name="normative_document_filed_iff_not_registered",
            ),
            models.CheckConstraint(
                condition=~Q(status="problem_found")
                | (~Q(problem="") & ~Q(correction_required="")),
                name="normative_document_problem_with_correction",
            ),
        ]
        indexes = [
            # The deadline check reads only documents not yet filed, by due date.
            models.Index(
                fields=["filing_due"],
                condition=Q(filed_on__isnull=True),
                name="normative_doc_unfiled_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("publication:document-detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.department_id and self.department.is_legal_office:
            errors["department"] = _("The legal office does not file its own normative documents.")
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("A document cannot take effect before it is issued.")
        if (
            self.department_id
            and self.number
            and NormativeDocument.objects.filter(
                department_id=self.department_id, number=self.number
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["number"] = _(
                "This department already has a normative document with this number."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_filed(self) -> bool:
        return self.filed_on is not None

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.REGISTERED

    @property
    def filing_status(self) -> str:
        return self.filing_status_on(_today())

    def filing_status_on(self, today: datetime.date) -> str:
        if self.filed_on is None:
            if today > self.filing_due:
                return self.FilingStatus.OVERDUE
            return self.FilingStatus.AWAITING_FILING
        if self.filed_on > self.filing_due:
            return self.FilingStatus.FILED_LATE
        return self.FilingStatus.FILED_ON_TIME

    def get_filing_status_display(self) -> str:
        return str(self.FilingStatus(self.filing_status).label)

    @property
    def filing_status_badge(self) -> str:
        return {
            self.FilingStatus.AWAITING_FILING: "warn",
            self.FilingStatus.OVERDUE: "bad",
            self.FilingStatus.FILED_ON_TIME: "ok",
            self.FilingStatus.FILED_LATE: "bad",
        }[self.filing_status]

    @property
    def status_badge(self) -> str:
        return {
            self.Status.REGISTERED: "",
            self.Status.FILED: "warn",
            self.Status.NO_PROBLEM: "ok",
            self.Status.PROBLEM_FOUND: "bad",
        }[self.status]


# Discretion benchmarks (行政裁量权基准) -------------------------------------------------------


class DiscretionBenchmarkQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")

    def public(self):
        """What the public may read: the versions published, in force or superseded."""
        Status = DiscretionBenchmark.Status
        return self.filter(status__in=(Status.PUBLISHED, Status.SUPERSEDED)).select_related(
            "department__jurisdiction"
        )

    def in_force(self):
        return self.filter(status=DiscretionBenchmark.Status.PUBLISHED)


class DiscretionBenchmark(models.Model):
    """One version of a department's discretion benchmark for one enforcement matter.

    Versions of one matter share ``department`` and ``matter`` and count up in ``version``; each
    new one points at the version it revises (``previous``). At most one version of a matter is
    in force (published) and at most one is being prepared at a time.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for correction")
        APPROVED = "approved", _("Review passed, not yet published")
        PUBLISHED = "published", _("Published, in force")
        SUPERSEDED = "superseded", _("Superseded")

    # The states of a version still being prepared (one per matter at a time).
    IN_PREPARATION = ("draft", "submitted", "returned", "approved")

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="discretion_benchmarks",
    )
    matter = models.CharField(
        _("enforcement matter"),
        max_length=200,
        help_text=_("The enforcement matter the benchmark is for, as in the list of powers."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("revises version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
    )
    legal_basis = models.TextField(_("legal basis"))
    discretion = models.TextField(
        _("discretion refined"),
        help_text=_("The discretion the law leaves: kinds of penalty, range and amounts."),
    )
    # [{"circumstances": "...", "outcome": "..."}, ...], mildest first.
    grades = models.JSONField(
        _("graded circumstances and outcomes"), default=list, blank=True
    )  # checked by ``grades_problem`` in clean(), which says what is missing
    higher_benchmark = models.CharField(
        _("higher authority's benchmark refined"), max_length=300, blank=True
    )
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
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
    published_on = models.DateField(_("published on"), null=True, blank=True)
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

    objects = DiscretionBenchmarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("discretion benchmark")
        verbose_name_plural = _("discretion benchmarks")
        ordering = ["department__code", "matter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "matter", "version"],
                name="benchmark_version_unique",
            ),
            models.UniqueConstraint(
                fields=["department", "matter"],
                condition=Q(status="published"),
                name="benchmark_one_in_force_per_matter",
            ),
            models.UniqueConstraint(
                fields=["department", "matter"],
                condition=Q(status__in=("draft", "submitted", "returned", "approved")),
                name="benchmark_one_in_preparation_per_matter",
                violation_error_message=_(
                    "A new version of this benchmark is already being prepared."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gte=F("effective_from")),
                name="benchmark_effective_until_after_from",
            ),
        ]
        indexes = [
            # The public search reads the published versions of a department.
            models.Index(
                fields=["department", "matter"],
                condition=Q(status__in=("published", "superseded")),
                name="benchmark_public_idx",
            ),
        ]

    def __str__(self):
        return _("%(matter)s (version %(version)d)") % {
            "matter": self.matter,
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("publication:benchmark-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("publication_public:benchmark", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.department_id and self.department.is_legal_office:
            errors["department"] = _("The legal office keeps no discretion benchmarks.")
        grades_error = grades_problem(self.grades)
        if grades_error:
            errors["grades"] = grades_error
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)

    @property
    def status_badge(self) -> str:
        return {
            self.Status.DRAFT: "",
            self.Status.SUBMITTED: "warn",
            self.Status.RETURNED: "bad",
            self.Status.APPROVED: "warn",
            self.Status.PUBLISHED: "ok",
            self.Status.SUPERSEDED: "",
        }[self.status]


def grades_problem(grades) -> str | None:
    """Why ``grades`` is not a list of graded circumstances and outcomes, or None."""
    if not isinstance(grades, list) or not grades:
        return _("Give at least one graded circumstance and its outcome.")
    if len(grades) > MAX_GRADES:
        return _("A benchmark has at most %(max)d grades.") % {"max": MAX_GRADES}
    for number, grade in enumerate(grades, start=1):
        if (
            not isinstance(grade, dict)
            or set(grade) != {"circumstances", "outcome"}
            or not all(isinstance(v, str) and v.strip() for v in grade.values())
        ):
            return _("Grade %(number)d needs both the circumstances and the outcome.") % {
                "number": number
            }
    return None


# Catalogues of major decisions and legal-review flowcharts (重大执法决定事项目录、法制审核流程图)


FLOWCHART_TYPES = ("pdf", "png", "jpg", "jpeg")


class CatalogueFilingQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")

    def public(self):
        """What the public may read: the catalogue each department has published, in force."""
        return self.filter(status=CatalogueFiling.Status.PUBLISHED).select_related(
            "department__jurisdiction"
        )


class CatalogueFiling(models.Model):
    """A department's catalogue of major enforcement decisions and its legal-review flowchart,
    sent to the legal office (clause 12, annex 1 (五)): acknowledged or returned, then published.

    The catalogue is a snapshot of the department's categories in use when it was sent
    (``categories``): what the office acknowledged is what the public reads, whatever the
    department changes afterwards; a change is sent again and supersedes it once published.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Sent, review pending")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged, not yet published")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published, in force")
        SUPERSEDED = "superseded", _("Superseded")

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="catalogue_filings",
    )
    # [{"title": ..., "criteria": ...}, ...] as the categories read when sent.
    categories = models.JSONField(_("categories of major decisions"), default=list, editable=False)
    flowchart = models.FileField(
        _("legal-review flowchart"),
        upload_to=uploads.RandomName("private/publication/flowcharts"),
        max_length=200,
        validators=uploads.validators(FLOWCHART_TYPES),
    )
    flowchart_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
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
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CatalogueFilingQuerySet.as_manager()

    class Meta:
        verbose_name = _("catalogue and flowchart")
        verbose_name_plural = _("catalogues and flowcharts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department"],
                condition=Q(status="published"),
                name="catalogue_filing_one_published_per_department",
            ),
            models.UniqueConstraint(
                fields=["department"],
                condition=Q(status__in=("submitted", "acknowledged")),
                name="catalogue_filing_one_open_per_department",
                violation_error_message=_(
                    "This department's catalogue is already with the legal office."
                ),
            ),
        ]

    def __str__(self):
        return _("%(department)s, catalogue of major decisions (sent %(day)s)") % {
            "department": self.department,
            "day": self.created_at.date() if self.created_at else "",
        }

    def get_absolute_url(self):
        return reverse("publication:catalogue-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.department_id and self.department.is_legal_office:
            raise ValidationError(
                {"department": _("The legal office keeps no catalogue of major decisions.")}
            )

    @property
    def status_badge(self) -> str:
        return {
            self.Status.SUBMITTED: "warn",
            self.Status.ACKNOWLEDGED: "warn",
            self.Status.RETURNED: "bad",
            self.Status.PUBLISHED: "ok",
            self.Status.SUPERSEDED: "",
        }[self.status]


# The year's work plan (年度重点工作任务, annex 1) ---------------------------------------------


class WorkTaskQuerySet(ScopedQuerySet):
    department_lookup = "lead_department"

    def for_user(self, user):
        if user is not None and user.is_authenticated and user.is_clerk and user.department_id:
            # A co-operating department follows the task too (it reports through the lead).
            helping = WorkTask.co_departments.through.objects.filter(
                worktask_id=models.OuterRef("pk"), department_id=user.department_id
            )
            tasks = self.filter(Q(lead_department=user.department_id) | models.Exists(helping))
        else:
            tasks = super().for_user(user)
        return tasks.select_related("lead_department", "jurisdiction")


class WorkTask(models.Model):
    """A numbered task of the year's work plan that the legal office sets, with its lead
    department, the co-operating ones and what is to be delivered by when (``deliveries``)."""

    jurisdiction = models.ForeignKey(
        "supervision.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("task number"))
    title = models.CharField(_("task"), max_length=200)
    lead_department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("lead department"),
        on_delete=models.PROTECT,
        related_name="lead_work_tasks",
    )
    co_departments = models.ManyToManyField(
        "supervision.Department",
        verbose_name=_("co-operating departments"),
        blank=True,
        related_name="co_work_tasks",
    )
    deliverable = models.TextField(_("what is to be delivered"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    objects = WorkTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("work-plan task")
        verbose_name_plural = _("work-plan tasks")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year", "number"],
                name="work_task_number_unique_per_office_and_year",
                violation_error_message=_("This year's plan already has a task with this number."),
            ),
        ]

    def __str__(self):
        return _("%(year)d task %(number)d: %(title)s") % {
            "year": self.year,
            "number": self.number,
            "title": self.title,
        }

    def get_absolute_url(self):
        return reverse("publication:task-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.jurisdiction_id
            and self.year
            and self.number
            and WorkTask.objects.filter(
                jurisdiction_id=self.jurisdiction_id, year=self.year, number=self.number
            )
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {"number": _("This year's plan already has a task with this number.")}
            )

    def validate_constraints(self, exclude=None):
        # The number's uniqueness is checked in clean(), on its field.
        super().validate_constraints(exclude={*(exclude or ()), "number"})


class TaskDeliveryQuerySet(ScopedQuerySet):
    department_lookup = "task__lead_department"

    def open(self):
        """Deliveries still owed (never reported, or returned): the rows the partial index on
        ``due`` covers."""
        return self.filter(status__in=TaskDelivery.OWED)


class TaskDelivery(models.Model):
    """One delivery of a task by its due date (annex 1 sets several per task, e.g. a plan by the
    end of April, the field work by the end of June); the lead department reports it with
    evidence, the legal office accepts or returns it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not yet reported")
        REPORTED = "reported", _("Reported, awaiting acceptance")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    OWED = ("open", "returned")

    task = models.ForeignKey(
        WorkTask, verbose_name=_("task"), on_delete=models.CASCADE, related_name="deliveries"
    )
    description = models.CharField(_("delivery"), max_length=200)
    due = models.DateField(_("due"))
    due_provisional = models.BooleanField(_("due date is provisional"), default=False)
    due_explanation = models.JSONField(
        _("how the due date was counted"), null=True, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    report = models.TextField(_("progress report"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to=uploads.RandomName("private/publication/work-plan"),
        max_length=200,
        blank=True,
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
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

    objects = TaskDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["due", "id"]
        indexes = [
            # The deadline check reads only deliveries still owed, by due date.
            models.Index(
                fields=["due"],
                condition=Q(status__in=("open", "returned")),
                name="task_delivery_owed_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.task.title}: {self.description}"

    def get_absolute_url(self):
        return self.task.get_absolute_url()

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OWED and _today() > self.due

    @property
    def status_badge(self) -> str:
        if self.is_overdue:
            return "bad"
        return {"open": "", "reported": "warn", "returned": "bad", "accepted": "ok"}[self.status]


# Periodic clean-up of normative documents (规范性文件定期清理) ---------------------------------


class CleanupCampaignQuerySet(ScopedQuerySet):
    """A campaign belongs to a jurisdiction's legal office: that office and those above see it,
    and the clerks of the departments it lists."""

    def for_user(self, user):
        if user is not None and user.is_authenticated and user.is_clerk and user.department_id:
            listed = CleanupItem.objects.filter(
                campaign=models.OuterRef("pk"), document__department_id=user.department_id
            )
            return self.filter(models.Exists(listed)).select_related("jurisdiction")
        return super().for_user(user).select_related("jurisdiction")

    def in_jurisdiction(self, jurisdiction):
        if jurisdiction is None:
            return self.none()
        return self.filter(jurisdiction__path__startswith=jurisdiction.path)


class CleanupCampaign(models.Model):
    """A clean-up campaign: every normative document in force of the office's departments is
    listed; each department marks each kept, amended or repealed, with reasons, by the due date;
    the office then publishes the result."""

    jurisdiction = models.ForeignKey(
        "supervision.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    title = models.CharField(_("campaign"), max_length=200)
    due = models.DateField(_("due"))
    published_on = models.DateField(_("result published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    objects = CleanupCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("clean-up campaign")
        verbose_name_plural = _("clean-up campaigns")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publication:cleanup-detail", args=[self.pk])


class CleanupItemQuerySet(ScopedQuerySet):
    department_lookup = "document__department"

    def undecided(self):
        return self.filter(decision="")


class CleanupItem(models.Model):
    class Decision(models.TextChoices):
        KEEP = "keep", _("Kept")
        AMEND = "amend", _("To be amended")
        REPEAL = "repeal", _("Repealed")

    campaign = models.ForeignKey(
        CleanupCampaign,
        verbose_name=_("clean-up campaign"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("normative document"),
        on_delete=models.PROTECT,
        related_name="cleanup_items",
    )
    decision = models.CharField(
        _("clean-up decision"), max_length=10, choices=Decision.choices, blank=True
    )
    reasons = models.TextField(_("reasons"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = CleanupItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("clean-up item")
        verbose_name_plural = _("clean-up items")
        ordering = ["document__department__code", "document__issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "document"], name="cleanup_item_unique_per_campaign"
            ),
            models.CheckConstraint(
                condition=Q(decision="") | ~Q(reasons=""),
                name="cleanup_item_decision_with_reasons",
            ),
        ]

    def __str__(self):
        return str(self.document)


# Objections to normative documents (异议审查) -------------------------------------------------


class ObjectionQuerySet(ScopedQuerySet):
    """Objections are the legal office's: a department's clerk never sees who objected."""

    department_lookup = "document__department"

    def for_user(self, user):
        if user is not None and user.is_authenticated and user.is_clerk:
            return self.none()
        return super().for_user(user).select_related("document__department")

    def unanswered(self):
        return self.filter(answered_on__isnull=True)


class Objection(models.Model):
    """A member of the public objects to a published normative document; the legal office of the
    document's level answers within ``settings.NORMATIVE_DOCUMENT_OBJECTION_DAYS`` days. The
    objector follows it with the tracking code; their name and contact are never shown publicly."""

    document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("normative document"),
        on_delete=models.PROTECT,
        related_name="objections",
    )
    # The objector's tracking code is shown once; the table keeps its SHA-256 digest
    # (``supervision.tracking``).
    tracking_digest = models.CharField(
        _("tracking code digest"), max_length=64, unique=True, editable=False
    )
    name = models.CharField(_("your name"), max_length=50)
    contact = models.CharField(_("phone or e-mail"), max_length=100)
    grounds = models.TextField(_("grounds of the objection"), max_length=4000)
    received_on = models.DateField(_("received on"))
    due = models.DateField(_("answer due"))
    due_provisional = models.BooleanField(_("answer due is provisional"), default=False)
    due_explanation = models.JSONField(
        _("how the answer deadline was counted"), null=True, blank=True, editable=False
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["due"], condition=Q(answered_on__isnull=True), name="objection_open_due_idx"
            ),
        ]

    def __str__(self):
        return _("Objection %(code)s") % {"code": self.reference}

    def get_absolute_url(self):
        return reverse("publication:objection-detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """The objection's registration number, e.g. YY2026-000042 (the year it was received)."""
        return f"YY{self.received_on:%Y}-{self.pk or 0:06d}"

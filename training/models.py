"""Training (培训) and assessment (考核): yearly plans, courses, hours earned, assessments, and the
record of certificates withheld at the year's end for a training shortfall."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from personnel.models import Certificate, Officer
from supervision import uploads
from supervision.filing import FilingReceipt
from supervision.models import Department
from supervision.scoping import ScopedQuerySet

HOURS_PER_DAY = 24


def hours_text(value) -> str:
    """Hours as people write them: 40, 39.5 (never 40.0)."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.1')):f}"
    return text.removesuffix(".0")


SCORE_RANGE = _("The score is between 0 and 100.")


class ContentArea(models.TextChoices):
    """What a course teaches (培训内容); the six general laws are chosen one by one."""

    POLITICAL_THEORY = "political_theory", _("Political theory")
    PENALTY_LAW = "penalty_law", _("Administrative Penalty Law (行政处罚法)")
    LICENSING_LAW = "licensing_law", _("Administrative Licensing Law (行政许可法)")
    COERCION_LAW = "coercion_law", _("Administrative Coercion Law (行政强制法)")
    RECONSIDERATION_LAW = (
        "reconsideration_law",
        _("Administrative Reconsideration Law (行政复议法)"),
    )
    LITIGATION_LAW = "litigation_law", _("Administrative Litigation Law (行政诉讼法)")
    STATE_COMPENSATION_LAW = "state_compensation_law", _("State Compensation Law (国家赔偿法)")
    PROFESSIONAL_LAW = "professional_law", _("Professional laws of the department")
    ETHICS = "ethics", _("Professional ethics")
    ENFORCEMENT_SKILLS = "enforcement_skills", _("Enforcement skills")


GENERAL_LAWS = [
    ContentArea.PENALTY_LAW,
    ContentArea.LICENSING_LAW,
    ContentArea.COERCION_LAW,
    ContentArea.RECONSIDERATION_LAW,
    ContentArea.LITIGATION_LAW,
    ContentArea.STATE_COMPENSATION_LAW,
]


def content_area_choices():
    """The areas grouped as forms show them: the general laws under one heading."""
    return [
        (ContentArea.POLITICAL_THEORY.value, ContentArea.POLITICAL_THEORY.label),
        (_("General law"), [(area.value, area.label) for area in GENERAL_LAWS]),
        (ContentArea.PROFESSIONAL_LAW.value, ContentArea.PROFESSIONAL_LAW.label),
        (ContentArea.ETHICS.value, ContentArea.ETHICS.label),
        (ContentArea.ENFORCEMENT_SKILLS.value, ContentArea.ENFORCEMENT_SKILLS.label),
    ]


def validate_content_areas(value) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Choose at least one content area."), code="required")
    unknown = [item for item in value if item not in ContentArea.values]
    if unknown:
        raise ValidationError(
            _("Not a content area: %(areas)s."),
            code="invalid_choice",
            params={"areas": "、".join(str(item) for item in unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each content area is chosen once."), code="duplicate")


class TrainingQuerySet(ScopedQuerySet):
    def for_other_roles(self, user):
        # Invited supervisors read the training records of the departments of their fixed-point
        # contact, as they read the rosters; they change nothing.
        return self.for_supervisor(user)


# Plans ------------------------------------------------------------------------------------------


class TrainingPlanQuerySet(TrainingQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department", "filed_by")

    def unfiled(self):
        return self.filter(filed_on__isnull=True)


class TrainingPlan(FilingReceipt):
    """A department's training plan (培训计划) for one year, filed by the end of January."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="training_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    courses_planned = models.PositiveSmallIntegerField(_("courses planned"))
    hours_planned = models.DecimalField(
        _("hours planned per officer"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    people = models.PositiveIntegerField(_("officers to be trained"))
    budget = models.DecimalField(
        _("budget (yuan)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    content = models.TextField(_("content and arrangements"), blank=True)
    # The plan as the department issued it: what the filing carries (备案材料).
    document = models.FileField(
        _("plan document"),
        upload_to=uploads.RandomName("training/plans"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
        help_text=_("The plan as the department issued it (PDF, OFD, Word or a scan)."),
    )
    document_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    due = models.DateField(_("to be filed by"), editable=False)
    due_provisional = models.BooleanField(
        _("deadline provisional"),
        default=False,
        editable=False,
        help_text=_("The holiday schedule of that year was not known when the deadline was set."),
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True, editable=False)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TrainingPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year", "department__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"],
                name="one_training_plan_per_department_and_year",
                violation_error_message=_(
                    "The department already has a training plan for this year."
                ),
            ),
        ]
        indexes = [
            # The training_plan rule and the recomputation read unfiled plans by their deadline.
            models.Index(
                fields=["due"], name="training_plan_unfiled_due", condition=Q(filed_on__isnull=True)
            ),
        ]

    def __str__(self):
        return _("%(department)s training plan %(year)d") % {
            "department": self.department,
            "year": self.year,
        }

    def get_absolute_url(self):
        return reverse("training:plan-detail", args=[self.pk])

    @property
    def is_filed(self) -> bool:
        return self.filed_on is not None


# Courses ----------------------------------------------------------------------------------------


class CourseQuerySet(TrainingQuerySet):
    def for_user(self, user):
        if (
            user is not None
            and user.is_authenticated
            and user.is_active
            and user.is_clerk
            and user.department_id
        ):
            # A clerk sees the department's own courses and the centralised ones open to it.
            courses = self.filter(
                Q(department=user.department_id)
                | Q(Exists(self.open_to_department(user.department_id)))
            )
        else:
            courses = super().for_user(user)
        return courses.select_related("department")

    def in_jurisdiction(self, jurisdiction):
        """A centralised course belongs to no department: it is in the jurisdictions of the
        departments it is open to."""
        if jurisdiction is None or jurisdiction.is_top:
            return super().in_jurisdiction(jurisdiction)
        below = Department.objects.filter(jurisdiction__path__startswith=jurisdiction.path)
        open_below = Course.open_to.through.objects.filter(
            course=OuterRef("pk"), department__in=below.values("pk")
        )
        return self.filter(Q(department__in=below.values("pk")) | Q(Exists(open_below)))

    @staticmethod
    def open_to_department(department_id):
        return Course.open_to.through.objects.filter(
            course=OuterRef("pk"), department=department_id
        )


class Course(models.Model):
    """A training course: centralised (集中培训, by the legal office with the party school, open
    to several departments) or organised by one department (分散培训)."""

    class Kind(models.TextChoices):
        CENTRALISED = "centralised", _("Centralised (集中培训)")
        DEPARTMENT = "department", _("Department-organised (分散培训)")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organiser = models.CharField(
        _("organiser"), max_length=200, help_text=_("e.g. 市政府法制办公室、中共宿州市委党校")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("organising department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_courses",
        help_text=_("Department-organised courses only: the department whose officers attend."),
    )
    open_to = models.ManyToManyField(
        Department,
        verbose_name=_("open to departments"),
        blank=True,
        related_name="open_training_courses",
        help_text=_("Centralised courses only: the departments whose officers may attend."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    content_areas = models.JSONField(
        _("content areas"), default=list, validators=[validate_content_areas]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-ends_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="course_ends_on_or_after_start",
                violation_error_message=_("A course cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="course_hours_positive",
                violation_error_message=_("The hours must be more than zero."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="department") & Q(department__isnull=False))
                | (Q(kind="centralised") & Q(department__isnull=True)),
                name="course_department_by_kind",
                violation_error_message=_(
                    "A department-organised course names its department; a centralised one does not."
                ),
            ),
        ]
        indexes = [models.Index(fields=["ends_on"], name="course_ends_on")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:course-detail", args=[self.pk])

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def max_hours(self):
        """Nobody trains more than 24 hours in a day."""
        return HOURS_PER_DAY * self.days

    @property
    def counts_in_year(self) -> int:
        """Hours count in the calendar year of the course's last day."""
        return self.ends_on.year

    def content_area_labels(self) -> list[str]:
        labels = dict(ContentArea.choices)
        return [str(labels.get(area, area)) for area in self.content_areas or []]

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = _("A course cannot end before it starts.")
            elif self.hours is not None and self.hours > self.max_hours:
                errors["hours"] = _(
                    "%(hours)s hours in %(days)d days is more than 24 hours a day."
                ) % {"hours": hours_text(self.hours), "days": self.days}
        if self.hours is not None and self.hours <= 0:
            errors["hours"] = _("The hours must be more than zero.")
        if self.kind == self.Kind.DEPARTMENT and not self.department_id:
            errors["department"] = _("Choose the department that organises the course.")
        if self.kind == self.Kind.CENTRALISED and self.department_id:
            errors["department"] = _(
                "A centralised course is open to departments; it has no organising department."
            )
        if errors:
            raise ValidationError(errors)

    def is_open_to(self, department_id, open_to_ids=None) -> bool:
        if self.kind == self.Kind.DEPARTMENT:
            return self.department_id == department_id
        if open_to_ids is None:
            open_to_ids = set(self.open_to.values_list("pk", flat=True))
        return department_id in open_to_ids


# Hours ------------------------------------------------------------------------------------------


class TrainingRecordQuerySet(TrainingQuerySet):
    department_lookup = "officer__department"

    def for_user(self, user):
        return super().for_user(user).select_related("officer__department", "course")


class TrainingRecord(models.Model):
    """One officer's attendance at one course and the hours earned there."""

    officer = models.ForeignKey(
        Officer,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="records"
    )
    hours = models.DecimalField(_("hours earned"), max_digits=5, decimal_places=1)
    # Denormalised from the course's end date (kept in step when the course changes), so that a
    # year's hours are one indexed sum.
    year = models.PositiveSmallIntegerField(_("counts in year"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        # The year's records (the year of the course's last day), the latest recorded first: an
        # order the index below serves, where the course's end and the officer's name sorted a
        # million rows across two joins.
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "course"],
                name="one_training_record_per_officer_and_course",
                violation_error_message=_("This officer's attendance at this course is recorded."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="training_record_hours_positive",
                violation_error_message=_("The hours must be more than zero."),
            ),
        ]
        indexes = [
            models.Index(fields=["year", "officer"], name="training_record_year_officer"),
            models.Index(fields=["-year", "-id"], name="training_record_list_order"),
        ]

    def __str__(self):
        return f"{self.officer} · {self.course}"

    def clean(self):
        if self.course_id:
            self.year = self.course.counts_in_year
        if self.hours is None or not self.course_id:
            return
        if self.hours <= 0:
            raise ValidationError({"hours": _("The hours must be more than zero.")})
        if self.hours > self.course.max_hours:
            raise ValidationError(
                {
                    "hours": _(
                        "%(hours)s hours in a course of %(days)d days is more than 24 hours a day."
                    )
                    % {"hours": hours_text(self.hours), "days": self.course.days}
                }
            )
        if self.hours > self.course.hours:
            raise ValidationError(
                {
                    "hours": _("At most the course's %(hours)s hours can be earned.")
                    % {"hours": hours_text(self.course.hours)}
                }
            )


# Assessments ------------------------------------------------------------------------------------


class AssessmentQuerySet(TrainingQuerySet):
    department_lookup = "officer__department"

    def for_user(self, user):
        return super().for_user(user).select_related("officer__department", "recorded_by")


class Assessment(models.Model):
    """One attempt at an officer's yearly assessment (考核); several are allowed, the best counts."""

    officer = models.ForeignKey(
        Officer, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(0, message=SCORE_RANGE),
            MaxValueValidator(100, message=SCORE_RANGE),
        ],
        help_text=_("0 to 100."),
    )
    passed = models.BooleanField(_("passed"), editable=False)
    assessed_on = models.DateField(_("assessed on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-year", "-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="assessment_score_0_to_100",
                violation_error_message=SCORE_RANGE,
            ),
        ]
        indexes = [models.Index(fields=["year", "officer"], name="assessment_year_officer")]

    def __str__(self):
        return f"{self.officer} {self.year}: {self.score}"


# Year-end consequence ---------------------------------------------------------------------------


class TrainingWithholdingQuerySet(TrainingQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("certificate__officer", "department")


class TrainingWithholding(models.Model):
    """A certificate withheld at the end of ``year`` because its holder fell short of training.

    One row per certificate and year: the year-end check never withholds the same certificate
    twice for the same year, so a certificate the legal office restores stays restored.
    """

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="training_withholdings",
    )
    year = models.PositiveSmallIntegerField(_("training year"))
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    withheld_on = models.DateField(_("withheld on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TrainingWithholdingQuerySet.as_manager()

    class Meta:
        verbose_name = _("withholding for training")
        verbose_name_plural = _("withholdings for training")
        ordering = ["-year", "department", "certificate"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "year"], name="one_training_withholding_per_year"
            ),
        ]
        indexes = [
            models.Index(
                fields=["year", "department", "withheld_on"], name="training_withholding_group"
            )
        ]

    def __str__(self):
        return f"{self.certificate} {self.year}"

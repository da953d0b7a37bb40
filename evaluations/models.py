"""Case-file evaluation campaigns (案卷评查, policy clause 16 and annex 1 (八)).

A legal office's evaluation group (its staff and invited supervisors) evaluates the previous year's
case files of named departments of its own jurisdiction: a sample drawn from the catalogues the
departments filed (``cases.CatalogueItem``), a self-check report from each department, a scoring
sheet per file, results per department, findings into the kernel's rectification loop, a campaign
report (评查通报) and a follow-up check in June.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from supervision import uploads
from supervision.calendar import today as _today
from supervision.models import Contest, Jurisdiction
from supervision.scoping import ScopedQuerySet


class ScoringTemplate(models.Model):
    """A scoring sheet (评分表): items with points, veto items, and the grade thresholds."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    excellent_from = models.PositiveSmallIntegerField(_("excellent from"), default=90)
    good_from = models.PositiveSmallIntegerField(_("good from"), default=80)
    pass_from = models.PositiveSmallIntegerField(_("pass from"), default=60)

    class Meta:
        verbose_name = _("scoring sheet")
        verbose_name_plural = _("scoring sheets")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(excellent_from__gt=models.F("good_from"))
                & Q(good_from__gt=models.F("pass_from")),
                name="scoring_thresholds_descend",
                violation_error_message=_("The thresholds must descend: excellent, good, pass."),
            ),
        ]

    def __str__(self):
        return self.name

    def grade(self, score, vetoed: bool) -> str:
        """优秀 ≥ 90, 良好 80–89, 合格 60–79, 不合格 < 60 (by the template's thresholds); a
        veto item makes a file 不合格 whatever its score."""
        if score is None:
            return ""
        if vetoed or score < self.pass_from:
            return Grade.FAIL
        if score >= self.excellent_from:
            return Grade.EXCELLENT
        if score >= self.good_from:
            return Grade.GOOD
        return Grade.PASS


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class ScoringItem(models.Model):
    """One line of a scoring sheet: points to deduct from, or a veto (否决项)."""

    template = models.ForeignKey(
        ScoringTemplate,
        verbose_name=_("scoring sheet"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("item"), max_length=100)
    points = models.PositiveSmallIntegerField(_("points"), default=0)
    is_veto = models.BooleanField(
        _("veto item"), default=False, help_text=_("Makes the file fail whatever its score.")
    )
    guidance = models.CharField(_("what is checked"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("scoring item")
        verbose_name_plural = _("scoring items")
        ordering = ["template", "is_veto", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_veto=False) | Q(points=0),
                name="veto_item_has_no_points",
                violation_error_message=_("A veto item carries no points."),
            ),
        ]

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def for_user(self, user):
        """A legal office: the campaigns of its jurisdiction's office and those below; a clerk:
        the campaigns that evaluate their department; a supervisor: those they are a member of."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        qs = self.select_related("office", "template", "lead")
        if user.is_administrator:
            return qs.none()
        if user.is_legal_office:
            return qs.filter(office__in=Jurisdiction.objects.below(user.jurisdiction).values("pk"))
        if user.is_clerk:
            return qs.filter(participants__department=user.department_id)
        return qs.filter(members=user)


class Campaign(models.Model):
    """An evaluation campaign of one legal office over named departments' case files of a year."""

    class Status(models.TextChoices):
        SETUP = "setup", _("Being set up")
        SCORING = "scoring", _("Evaluation under way")
        PUBLISHED = "published", _("Results published")
        REPORTED = "reported", _("Report issued")

    class Kind(models.TextChoices):
        # The kinds of case file a campaign may cover: those of the catalogue (cases.CatalogueItem).
        PENALTY = "penalty", _("Administrative penalty")
        LICENCE = "licence", _("Administrative licence")
        COERCIVE_MEASURE = "coercive_measure", _("Administrative coercive measure")
        INSPECTION = "inspection", _("Administrative inspection")

    office = models.ForeignKey(
        Jurisdiction, verbose_name=_("legal office"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year evaluated"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kinds = models.JSONField(_("kinds of case file"), default=list)
    template = models.ForeignKey(
        ScoringTemplate, verbose_name=_("scoring sheet"), on_delete=models.PROTECT, related_name="+"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("group lead"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluation group"),
        related_name="evaluation_campaigns",
        blank=True,
    )
    sample_count = models.PositiveSmallIntegerField(
        _("files per department"), null=True, blank=True
    )
    sample_share = models.PositiveSmallIntegerField(
        _("share of files per department (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    seed = models.BigIntegerField(_("seed of the draw"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SETUP
    )
    self_check_due = models.DateField(_("self-check report due"))
    evaluation_due = models.DateField(_("evaluation done by"))
    report_due = models.DateField(_("report to the government by"))
    rectification_due = models.DateField(_("rectification due"))
    follow_up_due = models.DateField(_("follow-up check by"))
    # How each date of the schedule was counted ({field: Deadline.as_json()}).
    schedule_explanation = models.JSONField(
        _("how the schedule was counted"), default=dict, blank=True, editable=False
    )
    published_on = models.DateField(_("results published on"), null=True, blank=True)
    appeal_due = models.DateField(_("appeals until"), null=True, blank=True)
    report_notice = models.ForeignKey(
        "supervision.Notice",
        verbose_name=_("campaign report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation campaign")
        verbose_name_plural = _("evaluation campaigns")
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sample_count__isnull=True) | Q(sample_share__isnull=True),
                name="campaign_count_or_share",
                violation_error_message=_("Give a number of files or a share, not both."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluations:campaign-detail", args=[self.pk])

    @property
    def jurisdiction_id(self):
        """Whose work it is, for the audit trail: the office's."""
        return self.office_id

    def sample_visible_to_departments(self, day=None) -> bool:
        """Departments see which of their files were drawn only after the self-check is due,
        so that the self-check is honest."""
        return (day or _today()) > self.self_check_due


class ParticipantQuerySet(ScopedQuerySet):
    department_lookup = "department"

    def for_other_roles(self, user):
        return self.filter(campaign__members=user)


class Participant(models.Model):
    """A department evaluated in a campaign, with its self-check report (自查报告)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="participants"
    )
    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    self_check_text = models.TextField(_("self-check report"), blank=True)
    self_check_file = models.FileField(
        _("self-check attachment"),
        upload_to=uploads.RandomName("evaluations/self-checks"),
        blank=True,
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    self_check_file_name = models.CharField(
        _("file name"), max_length=200, blank=True, editable=False
    )
    self_check_on = models.DateField(_("self-check sent on"), null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("department evaluated")
        verbose_name_plural = _("departments evaluated")
        ordering = ["campaign", "department__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "department"], name="one_participation_per_department"
            ),
        ]
        indexes = [
            models.Index(
                fields=["campaign"],
                condition=Q(self_check_on__isnull=True),
                name="participant_no_self_check_idx",
            ),
        ]

    def __str__(self):
        return f"{self.campaign}: {self.department}"

    def get_absolute_url(self):
        return self.campaign.get_absolute_url()


class SampleFileQuerySet(ScopedQuerySet):
    department_lookup = "department"

    def for_user(self, user):
        scoped = super().for_user(user)
        if user is not None and user.is_authenticated and user.is_clerk:
            # A department sees its drawn files only after its self-check is due.
            scoped = scoped.filter(campaign__self_check_due__lt=_today())
        return scoped.select_related("campaign", "department", "item")

    def for_other_roles(self, user):
        return self.filter(campaign__members=user)

    def in_sample(self):
        return self.filter(dropped=False)


class SampleFile(models.Model):
    """A case file drawn for evaluation, with its final score."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="samples"
    )
    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    item = models.ForeignKey(
        "cases.CatalogueItem",
        verbose_name=_("case file"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_major = models.BooleanField(_("major decision"), default=False)
    added_reason = models.CharField(_("reason for adding"), max_length=300, blank=True)
    dropped = models.BooleanField(_("dropped"), default=False)
    drop_reason = models.CharField(_("reason for dropping"), max_length=300, blank=True)
    final_score = models.DecimalField(
        _("final score"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    vetoed = models.BooleanField(_("veto item found"), default=False)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("settled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SampleFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("case file evaluated")
        verbose_name_plural = _("case files evaluated")
        ordering = ["campaign", "department__code", "item__case_number", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "item"], name="a_file_is_drawn_once"),
        ]

    def __str__(self):
        return f"{self.item.case_number} {self.item.title}"

    def get_absolute_url(self):
        return reverse("evaluations:sample-score", args=[self.pk])


# How far two evaluators' totals may differ before the group's lead settles the file's score.
MAX_DIFFERENCE = Decimal(10)


class Score(models.Model):
    """One evaluator's scoring sheet for one file."""

    sample = models.ForeignKey(
        SampleFile, verbose_name=_("case file"), on_delete=models.CASCADE, related_name="scores"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    total = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    vetoed = models.BooleanField(_("veto item found"), default=False)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["sample", "scored_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "evaluator"], name="one_score_per_evaluator"),
        ]

    def __str__(self):
        return f"{self.sample}: {self.total}"


class ScoreLine(models.Model):
    """A deduction on one item of the sheet, with its note; or a veto item found."""

    score = models.ForeignKey(
        Score, verbose_name=_("scoring"), on_delete=models.CASCADE, related_name="lines"
    )
    item = models.ForeignKey(
        ScoringItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    deduction = models.DecimalField(
        _("deduction"), max_digits=5, decimal_places=1, default=Decimal(0)
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    raise_finding = models.BooleanField(_("raise a finding"), default=False)

    class Meta:
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        ordering = ["score", "item__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["score", "item"], name="one_line_per_item"),
        ]

    def __str__(self):
        return f"{self.item}: -{self.deduction}"


class AppealQuerySet(ScopedQuerySet):
    department_lookup = "sample__department"

    def for_other_roles(self, user):
        return self.filter(sample__campaign__members=user)


class Appeal(Contest):
    """A department contests a file's score within 5 working days of publication."""

    class Decision(models.TextChoices):
        PENDING = "", _("Awaiting the group's lead")
        UPHELD = "upheld", _("Score upheld")
        CHANGED = "changed", _("Score changed")

    sample = models.OneToOneField(
        SampleFile, verbose_name=_("case file"), on_delete=models.CASCADE, related_name="appeal"
    )
    text = models.TextField(_("grounds"))
    decision = models.CharField(
        Contest.DECISION_LABEL, max_length=20, choices=Decision.choices, blank=True, default=""
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["filed_on", "id"]

    def __str__(self):
        return _("Appeal on %(file)s") % {"file": self.sample}

"""Special inspections (执法监督专项检查, policy clause 17 and annex 1 (九)).

The legal office carries out at least one special inspection every quarter, weighted to the key
fields (transport, construction, city management, public health, food and drugs): a team of its
staff and invited supervisors inspects named departments of its own jurisdiction by one or more
methods. What it finds goes into the kernel's rectification loop (``supervision.rectification``),
and its report (通报) goes to the departments inspected as a numbered notice. A quarter that ends
without an inspection is recorded as missed (``MissedQuarter``, rule ``inspection_quarterly``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision.models import Jurisdiction
from supervision.scoping import ScopedQuerySet


class InspectionQuerySet(ScopedQuerySet):
    department_lookup = "departments"

    def for_user(self, user):
        """A legal office: the inspections of its jurisdiction's office and of those below; a
        clerk: those that inspect their department, once under way (an unannounced inspection's
        plan is not shown to the department inspected); a supervisor: those on whose team they
        are."""
        qs = super().for_user(user).select_related("office")
        if user is not None and user.is_authenticated and user.is_clerk:
            qs = qs.exclude(status=Inspection.Status.DRAFT)
        return qs

    def in_jurisdiction(self, jurisdiction):
        if jurisdiction is None:
            return self.none()
        if jurisdiction.is_top:
            return self.all()
        return self.filter(office__in=Jurisdiction.objects.below(jurisdiction).values("pk"))

    def for_other_roles(self, user):
        if user.role == user.Role.SUPERVISOR:
            return self.filter(team=user)
        return self.none()

    def carried_out(self):
        """Inspections that count for their quarter: under way or done, not a plan on paper."""
        return self.exclude(status=Inspection.Status.DRAFT)


class Inspection(models.Model):
    """A special inspection of a legal office over named departments of its own jurisdiction."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("inspection", "Planned")
        UNDER_WAY = "under_way", pgettext_lazy("inspection", "Under way")
        CONCLUDED = "concluded", pgettext_lazy("inspection", "Concluded")
        REPORTED = "reported", pgettext_lazy("inspection", "Report issued")

    class Field(models.TextChoices):
        TRANSPORT = "transport", _("Transport")
        CONSTRUCTION = "construction", _("Housing and construction")
        CITY_MANAGEMENT = "city_management", _("City management")
        PUBLIC_HEALTH = "public_health", _("Public health")
        FOOD_AND_DRUGS = "food_and_drugs", _("Food and drugs")
        OTHER = "other", _("Other field")

    class Method(models.TextChoices):
        ON_SITE = "on_site", _("At the front line of enforcement")
        UNANNOUNCED = "unannounced", _("Open and unannounced visits")
        STATIONED = "stationed", _("Stationed supervision")
        CASE_FILES = "case_files", _("Review of case files")
        BRIEFING = "briefing", _("Hearing the department's report")

    office = models.ForeignKey(
        Jurisdiction, verbose_name=_("legal office"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    departments = models.ManyToManyField(
        "supervision.Department",
        verbose_name=_("departments inspected"),
        related_name="special_inspections",
    )
    methods = models.JSONField(_("methods"), default=list)
    start_on = models.DateField(_("start date"))
    end_on = models.DateField(_("end date"))
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspection team"),
        related_name="special_inspections",
        blank=True,
    )
    scope = models.TextField(_("what was examined"))
    rectification_due = models.DateField(
        _("rectification due"),
        null=True,
        blank=True,
        help_text=_("The date findings are to be rectified by, unless a finding names its own."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    reported_on = models.DateField(_("report issued on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("special inspection")
        verbose_name_plural = _("special inspections")
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")),
                name="inspection_ends_after_start",
                violation_error_message=_("The inspection cannot end before it starts."),
            ),
        ]
        # The quarterly rule looks for an inspection of an office within a quarter.
        indexes = [models.Index(fields=["office", "start_on"], name="inspection_office_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("inspections:detail", args=[self.pk])

    def clean(self):
        methods = self.methods or []
        if not methods or not set(methods) <= set(self.Method.values):
            raise ValidationError({"methods": _("Choose how the inspection is carried out.")})

    @property
    def method_labels(self) -> list[str]:
        labels = dict(self.Method.choices)
        return [str(labels[m]) for m in self.methods if m in labels]

    @property
    def status_badge(self) -> str:
        return {
            self.Status.DRAFT: "",
            self.Status.UNDER_WAY: "warn",
            self.Status.CONCLUDED: "ok",
            self.Status.REPORTED: "ok",
        }[self.status]

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.UNDER_WAY)

    @property
    def takes_findings(self) -> bool:
        return self.status in (self.Status.UNDER_WAY, self.Status.CONCLUDED)


class MissedQuarter(models.Model):
    """A quarter that ended without a special inspection of an office (rule
    ``inspection_quarterly``); stored once, the day after the quarter's end."""

    office = models.ForeignKey(
        Jurisdiction, verbose_name=_("legal office"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    recorded_on = models.DateField(_("recorded on"))

    class Meta:
        verbose_name = _("quarter without a special inspection")
        verbose_name_plural = _("quarters without a special inspection")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "quarter"], name="missed_quarter_once"
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.year}Q{self.quarter}"

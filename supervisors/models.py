"""Invited supervisors (特邀行政执法监督员, policy clause 18).

Each supervisor is appointed by a legal office for a term and keeps fixed-point contact (定点联系)
with some departments (``supervision.User.contact_departments``, where the kernel's scoping reads
it). Each quarter they carry out at least one supervision activity and report the problems found
in writing; the legal office turns each problem into a finding against the department (the
kernel's rectification loop) or closes it with a reason, and compiles the quarter's reports into
one document for the city government.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision import uploads
from supervision.calendar import quarter_bounds
from supervision.models import Jurisdiction


class SupervisorScopedQuerySet(models.QuerySet):
    """A supervisor reads their own records; a legal office those of the supervisors appointed
    by its jurisdiction and those below; nobody else anything (not the administrator; no
    department reads a supervisor's notes before the legal office acts on them)."""

    supervisor_lookup = "supervisor"

    def for_user(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_supervisor:
            return self.filter(**{self.supervisor_lookup: user.pk})
        if user.is_legal_office and user.jurisdiction_id:
            below = Jurisdiction.objects.below(user.jurisdiction).values("pk")
            return self.filter(**{f"{self.supervisor_lookup}__jurisdiction__in": below})
        return self.none()


class ProfileQuerySet(SupervisorScopedQuerySet):
    supervisor_lookup = "user"


class SupervisorProfile(models.Model):
    """The appointment (聘任) and the fixed-point contact of an invited supervisor. The contact
    details are read by the legal office (and the supervisor) only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.CASCADE,
        related_name="supervisor_profile",
    )
    appointed_from = models.DateField(_("appointed from"))
    appointed_to = models.DateField(_("appointed until"))
    contact_fields = models.CharField(
        _("fields of fixed-point contact"),
        max_length=200,
        blank=True,
        help_text=_("The enforcement fields the supervisor follows, e.g. transport, construction."),
    )
    employer = models.CharField(_("work unit"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervisor profile")
        verbose_name_plural = _("supervisor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(appointed_to__gte=models.F("appointed_from")),
                name="supervisor_term_ends_after_it_starts",
                violation_error_message=_("The term ends on or after the day it starts."),
            ),
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.username

    def get_absolute_url(self):
        return reverse("supervisors:supervisor-detail", args=[self.user_id])

    def in_office(self, day: datetime.date) -> bool:
        return self.appointed_from <= day <= self.appointed_to


class QuarterlyReport(models.Model):
    """A supervisor's quarter: the activities carried out in it and the written report (书面报告)
    on the problems found, due on the quarter's last day (the next working day if it is not one)."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("quarterly report", "Not yet filed")
        SUBMITTED = "submitted", _("Filed, under review")
        REVIEWED = "reviewed", _("Reviewed")

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="quarterly_reports",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    due_on = models.DateField(_("report due"))
    due_explanation = models.TextField(_("how the deadline was computed"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    text = models.TextField(_("written report"), blank=True)
    submitted_on = models.DateField(
        pgettext_lazy("quarterly report", "filed on"), null=True, blank=True
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SupervisorScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["-year", "-quarter", "supervisor__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "year", "quarter"], name="one_report_per_supervisor_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_is_one_to_four"
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"], name="supervisor_report_open_due", condition=Q(status="open")
            ),
        ]

    def __str__(self):
        return _("%(name)s, %(year)d Q%(quarter)d") % {
            "name": self.supervisor.get_full_name() or self.supervisor.username,
            "year": self.year,
            "quarter": self.quarter,
        }

    def get_absolute_url(self):
        return reverse("supervisors:report-detail", args=[self.pk])

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        return quarter_bounds(self.year, self.quarter)

    @property
    def on_time(self) -> bool | None:
        if self.submitted_on is None:
            return None
        return self.submitted_on <= self.due_on


class ActivityQuerySet(SupervisorScopedQuerySet):
    pass


class Activity(models.Model):
    """A supervision activity (监督活动): the day, the department, what was observed."""

    class Kind(models.TextChoices):
        ON_SITE = "on_site", _("On-site at enforcement")
        UNANNOUNCED = "unannounced", _("Unannounced visit")
        CASE_FILES = "case_files", _("Reading case files")
        BRIEFING = "briefing", _("Hearing a briefing")
        INSPECTION = "inspection", _("Joining a special inspection")
        OTHER = "other", _("Other")

    report = models.ForeignKey(
        QuarterlyReport,
        verbose_name=_("quarter"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="supervision_activities",
    )
    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="supervisor_activities",
    )
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("manner"), max_length=20, choices=Kind.choices)
    observations = models.TextField(_("what was observed"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision activity")
        verbose_name_plural = _("supervision activities")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.held_on} {self.department}"

    def get_absolute_url(self):
        return self.report.get_absolute_url()


class ReportScopedQuerySet(SupervisorScopedQuerySet):
    supervisor_lookup = "report__supervisor"


class Attachment(models.Model):
    report = models.ForeignKey(
        QuarterlyReport,
        verbose_name=_("quarterly report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("attachment"),
        upload_to=uploads.RandomName("supervisors/reports"),
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)

    objects = ReportScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.file_name


class Problem(models.Model):
    """A problem the supervisor found in a department and raised in the quarter's report. The
    legal office turns it into a finding (the rectification loop) or closes it with a reason."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting the legal office")
        FINDING = "finding", _("Made a finding")
        CLOSED = "closed", _("Closed")

    report = models.ForeignKey(
        QuarterlyReport,
        verbose_name=_("quarterly report"),
        on_delete=models.PROTECT,
        related_name="problems",
    )
    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="supervisor_problems",
    )
    description = models.TextField(_("problem"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    finding = models.OneToOneField(
        "supervision.Finding",
        verbose_name=pgettext_lazy("quarterly report", "finding"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervisor_problem",
    )
    close_reason = models.TextField(_("reason for closing"), blank=True)
    decided_on = models.DateField(
        pgettext_lazy("quarterly report", "decided on"), null=True, blank=True
    )

    objects = ReportScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("problem raised")
        verbose_name_plural = _("problems raised")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="finding") | Q(finding__isnull=False),
                name="supervisor_problem_finding_has_finding",
            ),
        ]

    def __str__(self):
        return f"{self.department}: {self.description[:40]}"

    def get_absolute_url(self):
        return self.report.get_absolute_url()

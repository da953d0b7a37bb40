"""Findings and rectification (整改): the loop every instrument ends in.

An evaluation, a special inspection, a supervisor's report, a complaint or a bulletin finds
something wrong in a department: a ``Finding`` (what is wrong, the clause or standard it breaks,
evidence). The legal office orders its rectification by a due date (a deadline rule in
``supervision/rectification.py``, with reminders and overdue notices); the department reports
what it did (``RectificationReport``, with evidence); the office accepts it (closed) or returns it
with reasons and a new due date; later a follow-up check (回头看) confirms or reopens it.

The finding points at the record that produced it through a generic link (content type and id),
so the kernel never imports the instruments that use it. The services are in
``supervision.rectification``; this module only holds the rows.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import notes, uploads
from .scoping import ScopedQuerySet


class FindingQuerySet(ScopedQuerySet):
    department_lookup = "department"

    def for_user(self, user):
        return super().for_user(user).select_related("department", "source_type")

    def open(self):
        """Findings not yet closed or withdrawn: what the dashboard and the assessment count."""
        return self.filter(status__in=Finding.OPEN_STATES)

    def awaiting_rectification(self):
        """Ordered and not reported yet: the rows the partial index on ``due_on`` covers."""
        return self.filter(status=Finding.Status.ORDERED)

    def from_source(self, record):
        """The findings a record produced (an evaluated case file, an inspection, ...)."""
        return self.filter(
            source_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            source_id=str(record.pk),
        )

    def open_summary(self, day):
        """Per department with open findings: open, ordered and overdue on ``day`` (one query)."""
        open_states = Q(status__in=Finding.OPEN_STATES)
        return (
            self.open()
            .values("department", "department__name")
            .annotate(
                open=models.Count("pk", filter=open_states),
                overdue=models.Count("pk", filter=Q(status="ordered", due_on__lt=day)),
            )
            .order_by("-overdue", "-open", "department__name")
        )

    def open_by_department(self) -> dict[int, int]:
        """{department id: open findings}, in one query."""
        rows = self.open().values("department").annotate(n=models.Count("pk"))
        return {row["department"]: row["n"] for row in rows.order_by()}


class Finding(models.Model):
    """Something wrong found in a department's enforcement, and its rectification."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        ORDERED = "ordered", _("Rectification ordered")
        REPORTED = "reported", _("Rectification reported")
        CLOSED = "closed", _("Rectified and closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class FollowUp(models.TextChoices):
        NONE = "", _("Not checked again")
        CONFIRMED = "confirmed", _("Confirmed at the follow-up check")
        REOPENED = "reopened", _("Reopened at the follow-up check")

    OPEN_STATES = (Status.RAISED, Status.ORDERED, Status.REPORTED)

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    problem = models.TextField(_("problem found"))
    standard = models.CharField(
        _("clause or standard"),
        max_length=300,
        blank=True,
        help_text=_("The provision or evaluation standard the problem falls short of."),
    )
    evidence = models.FileField(
        _("evidence"),
        upload_to=uploads.RandomName("findings/evidence"),
        blank=True,
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    # Where the finding came from: any record of any instrument, without the kernel knowing it.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source_label = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("What produced the finding, as it was named then (e.g. the campaign)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RAISED
    )
    # The round of rectification: 1 at the first order, one more at each return or reopening.
    # Notices are keyed by it, so each round gets its own reminder and overdue notice.
    round = models.PositiveSmallIntegerField(_("round"), default=0)
    ordered_on = models.DateField(_("ordered on"), null=True, blank=True)
    due_on = models.DateField(_("rectification due"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date is provisional"), default=False)
    due_explanation = models.JSONField(
        _("how the due date was counted"), null=True, blank=True, editable=False
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    follow_up = models.CharField(
        _("follow-up check"), max_length=20, choices=FollowUp.choices, blank=True, default=""
    )
    follow_up_on = models.DateField(_("checked again on"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ordered") | Q(due_on__isnull=False),
                name="finding_ordered_has_due_date",
                violation_error_message=_("A rectification order needs a due date."),
            ),
        ]
        indexes = [
            # The rectification rule reads only ordered findings, by due date.
            models.Index(
                fields=["due_on"], condition=Q(status="ordered"), name="finding_ordered_due_idx"
            ),
            models.Index(fields=["source_type", "source_id"], name="finding_source_idx"),
            models.Index(fields=["department", "status"], name="finding_department_status_idx"),
        ]

    def __str__(self):
        return _("Finding %(number)s: %(problem)s") % {
            "number": self.pk or "—",
            "problem": notes.render(self.problem)[:40],
        }

    def get_absolute_url(self):
        return reverse("finding-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def status_badge(self) -> str:
        return {
            "raised": "warn",
            "ordered": "warn",
            "reported": "warn",
            "closed": "ok",
            "withdrawn": "",
        }[self.status]

    def is_overdue_on(self, day) -> bool:
        return self.status == self.Status.ORDERED and self.due_on is not None and day > self.due_on


# What a follow-up check may record (the model's choices without "not checked again").
FOLLOW_UP_RESULTS = [choice for choice in Finding.FollowUp.choices if choice[0]]


class RectificationReport(models.Model):
    """A department's report on what it did to rectify a finding, and the office's answer."""

    class Decision(models.TextChoices):
        PENDING = "", _("Awaiting the legal office")
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="reports"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    text = models.TextField(_("what was done"))
    evidence = models.FileField(
        _("evidence"),
        upload_to=uploads.RandomName("findings/reports"),
        blank=True,
        validators=uploads.validators(uploads.ATTACHMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField(_("reported on"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, blank=True, default=""
    )
    reasons = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification report")
        verbose_name_plural = _("rectification reports")
        ordering = ["finding", "round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "round"], name="one_rectification_report_per_round"
            ),
        ]

    def __str__(self):
        return _("Rectification report, round %(round)d") % {"round": self.round}

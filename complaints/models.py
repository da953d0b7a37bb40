"""Complaints about enforcement (执法投诉举报): what was complained about, how it is triaged and
handled, its deadlines, and who complained — kept apart.

- ``Complaint``: the facts, the triage (accept, refer, refuse), the handling (assigned to the
  department or kept by the legal office, answered, approved or returned) and two stored, indexed
  deadlines with their explanations (``accept_due``, ``conclude_due``). It holds nothing that
  identifies the complainant, so its audit snapshots, exports and API never can either.
- ``Complainant``: the name and contact details of a complainant who gave them (none for an
  anonymous complaint). Only the handling legal office reads them; everybody else gets them
  masked, or not at all.
- ``ComplaintAttachment``: photos and documents (the complainant's evidence, the original letter
  or work order, the evidence of the answer), served only through the complaint's scoped view.

The public's only key to a complaint is its tracking code; the table keeps its SHA-256 digest
(``tracking_digest``), never the code (see ``supervision.tracking``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision import uploads
from supervision.calendar import today as _today
from supervision.scoping import ScopedQuerySet

EVIDENCE_TYPES = ("jpg", "jpeg", "png", "pdf")
DOCUMENT_TYPES = uploads.ATTACHMENTS


class ComplaintQuerySet(ScopedQuerySet):
    def for_user(self, user):
        """The legal office: its jurisdiction and those below (``ScopedQuerySet``). A clerk: only
        the complaints about their department that the legal office has forwarded to it for an
        answer — never one still in triage, refused, referred or kept by the office."""
        scoped = super().for_user(user)
        if user is not None and user.is_authenticated and user.is_clerk:
            scoped = scoped.filter(forwarded_at__isnull=False)
        return scoped.select_related("department__jurisdiction")

    def awaiting_acceptance(self):
        """Received and not yet triaged: the rows the partial index on ``accept_due`` covers."""
        return self.filter(status=Complaint.Status.RECEIVED)

    def in_handling(self):
        """Accepted and not yet concluded: the rows the partial index on ``conclude_due`` covers."""
        return self.filter(status__in=Complaint.OPEN_HANDLING)

    def overdue(self, day=None):
        day = day or _today()
        return self.filter(
            Q(status=Complaint.Status.RECEIVED, accept_due__lt=day)
            | Q(status__in=Complaint.OPEN_HANDLING, conclude_due__lt=day)
        )

    def verified(self):
        """Concluded and found true or partly true: each became a finding against the department
        (``services.complaint_approve``)."""
        return self.filter(
            status=Complaint.Status.CONCLUDED,
            outcome__in=Complaint.VERIFIED_OUTCOMES,
        )


class Complaint(models.Model):
    class Channel(models.TextChoices):
        ONLINE = "online", _("Public web form")
        PHONE = "phone", _("Telephone")
        LETTER = "letter", _("Letter")
        EMAIL = "email", _("E-mail")
        WINDOW = "window", _("Service window")
        HOTLINE = "hotline", _("12345 hotline work order")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Awaiting acceptance")
        ACCEPTED = "accepted", _("Accepted, handled by the legal office")
        ASSIGNED = "assigned", _("Assigned to the department")
        ANSWERED = "answered", _("Answer awaiting approval")
        CONCLUDED = "concluded", _("Concluded")
        REFERRED = "referred", _("Referred elsewhere")
        REFUSED = "refused", _("Not accepted")

    class Outcome(models.TextChoices):
        TRUE = "true", pgettext_lazy("complaint outcome", "True")
        PARTLY_TRUE = "partly_true", pgettext_lazy("complaint outcome", "Partly true")
        UNTRUE = "untrue", pgettext_lazy("complaint outcome", "Not true")

    VERIFIED_OUTCOMES = (Outcome.TRUE, Outcome.PARTLY_TRUE)
    OPEN_HANDLING = (Status.ACCEPTED, Status.ASSIGNED, Status.ANSWERED)
    CLOSED = (Status.CONCLUDED, Status.REFERRED, Status.REFUSED)

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department complained about"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    officer_name = models.CharField(_("officer's name"), max_length=50, blank=True)
    officer_certificate = models.CharField(
        _("officer's certificate number"), max_length=30, blank=True
    )
    place = models.CharField(_("where it happened"), max_length=200, blank=True)
    happened_on = models.DateField(_("when it happened"), null=True, blank=True)
    facts = models.TextField(_("what happened"), max_length=5000)
    request = models.TextField(_("what the complainant asks for"), max_length=2000, blank=True)

    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    work_order = models.CharField(
        _("work order or letter number"),
        max_length=60,
        blank=True,
        help_text=_("The 12345 hotline work order number, or the number of the letter."),
    )
    is_petition = models.BooleanField(
        _("registered as a petition (信访)"),
        default=False,
        help_text=_("Petitions follow the periods of the Regulations on Petitions."),
    )
    received_on = models.DateField(_("received on"))
    anonymous = models.BooleanField(_("anonymous"), default=False)
    tracking_digest = models.CharField(
        _("tracking code digest"), max_length=64, unique=True, editable=False
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    accept_due = models.DateField(_("acceptance due"))
    accept_due_provisional = models.BooleanField(
        _("acceptance due date provisional"), default=False
    )
    accept_due_explanation = models.JSONField(
        _("how the acceptance due date was counted"), null=True, blank=True, editable=False
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reasons for referring or refusing"), max_length=2000, blank=True
    )
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    conclude_due = models.DateField(_("conclusion due"), null=True, blank=True)
    conclude_due_provisional = models.BooleanField(
        _("conclusion due date provisional"), default=False
    )
    conclude_due_explanation = models.JSONField(
        _("how the conclusion due date was counted"), null=True, blank=True, editable=False
    )
    extension_days = models.PositiveSmallIntegerField(
        _("extended by (days)"), null=True, blank=True
    )
    extension_reason = models.TextField(_("reasons for the extension"), blank=True)
    forwarded_at = models.DateTimeField(_("assigned to the department at"), null=True, blank=True)

    investigation = models.TextField(_("investigation"), max_length=5000, blank=True)
    answer = models.TextField(_("answer to the complainant"), max_length=5000, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    return_reason = models.TextField(_("reasons for returning the answer"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    identity_released = models.BooleanField(
        _("complainant's identity released to the department"), default=False
    )
    identity_release_reason = models.TextField(_("reasons for releasing the identity"), blank=True)

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

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["received", "referred", "refused"])
                | Q(conclude_due__isnull=False),
                name="complaint_accepted_has_conclude_due",
            ),
            models.CheckConstraint(
                condition=~Q(status="concluded") | ~Q(outcome=""),
                name="complaint_concluded_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__isnull=True) | Q(extension_days__gte=1),
                name="complaint_extension_positive",
            ),
        ]
        indexes = [
            # The deadline checks read only the open rows, by due date.
            models.Index(
                fields=["accept_due"],
                condition=Q(status="received"),
                name="complaint_accept_due_idx",
            ),
            models.Index(
                fields=["conclude_due"],
                condition=Q(status__in=["accepted", "assigned", "answered"]),
                name="complaint_conclude_due_idx",
            ),
            models.Index(fields=["department", "status"], name="complaint_department_idx"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        """The complaint's registration number, e.g. TS2026-000042 (the year it was received)."""
        return f"TS{self.received_on:%Y}-{self.pk or 0:06d}"

    @property
    def jurisdiction_id(self) -> int:
        """Whose work the complaint is: its department's jurisdiction (the audit trail files the
        complaint's entries there, so that the county's office reads them too)."""
        return self.department.jurisdiction_id

    @property
    def handled_by_department(self) -> bool:
        return self.forwarded_at is not None

    @property
    def is_open(self) -> bool:
        return self.status not in self.CLOSED

    def is_overdue(self, day=None) -> bool:
        day = day or _today()
        if self.status == self.Status.RECEIVED:
            return self.accept_due < day
        if self.status in self.OPEN_HANDLING:
            return self.conclude_due is not None and self.conclude_due < day
        return False

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def concluded_on_time(self) -> bool | None:
        if self.concluded_on is None or self.conclude_due is None:
            return None
        return self.concluded_on <= self.conclude_due

    @property
    def status_badge(self) -> str:
        if self.is_overdue():
            return "bad"
        return {
            self.Status.RECEIVED: "warn",
            self.Status.ACCEPTED: "warn",
            self.Status.ASSIGNED: "warn",
            self.Status.ANSWERED: "warn",
            self.Status.CONCLUDED: "ok",
        }.get(self.status, "")

    @property
    def may_extend(self) -> bool:
        return self.status in self.OPEN_HANDLING and self.extension_days is None


class ComplainantQuerySet(ScopedQuerySet):
    department_lookup = "complaint__department"

    def for_user(self, user):
        """Only the legal office that handles the complaint; never the administrator, never a
        clerk (a released identity is shown to the department by the complaint's page, masked
        nowhere else), never an office above or beside it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_legal_office and user.jurisdiction_id:
            return self.filter(complaint__department__jurisdiction=user.jurisdiction_id)
        return self.none()


class Complainant(models.Model):
    """Who complained and how to reach them: personal data, kept out of the complaint's row."""

    complaint = models.OneToOneField(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="complainant",
    )
    name = models.CharField(_("complainant's name"), max_length=50)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    contact = models.CharField(
        _("address or e-mail"),
        max_length=200,
        blank=True,
        help_text=_("Where a written reply can be sent."),
    )

    objects = ComplainantQuerySet.as_manager()

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self):
        return mask_name(self.name)


def mask_name(name: str) -> str:
    """张** : the surname only."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_phone(phone: str) -> str:
    """138****5678: the first three and last four digits, as Chinese forms print them."""
    phone = (phone or "").strip()
    if len(phone) <= 4:
        return "*" * len(phone)
    if len(phone) < 8:
        return "*" * (len(phone) - 4) + phone[-4:]
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_contact(contact: str) -> str:
    contact = (contact or "").strip()
    return contact[:2] + "****" if contact else ""


class ComplaintAttachmentQuerySet(ScopedQuerySet):
    department_lookup = "complaint__department"

    def for_user(self, user):
        """The complaint's scope; a clerk also never gets the original letter or work order,
        which names the complainant, unless the identity was released for that complaint."""
        scoped = super().for_user(user)
        if user is not None and user.is_authenticated and user.is_clerk:
            scoped = scoped.filter(complaint__forwarded_at__isnull=False).exclude(
                kind=ComplaintAttachment.Kind.ORIGINAL, complaint__identity_released=False
            )
        return scoped


class ComplaintAttachment(models.Model):
    class Kind(models.TextChoices):
        EVIDENCE = "evidence", _("Complainant's evidence")
        ORIGINAL = "original", _("Original letter or work order")
        ANSWER = "answer", _("Evidence of the answer")

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(
        _("file"),
        upload_to=uploads.RandomName("private/complaints", per="complaint_id"),
        max_length=200,
        validators=uploads.validators(DOCUMENT_TYPES),
    )
    name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ComplaintAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name

"""Accountability (行政执法责任追究, clause 22 and annex 1 (七)) and records of leading officials'
interference in supervision work (领导干部干预执法监督活动记录, clause 23).

An accountability action is decided by the legal office of the department's jurisdiction against
a department (and, where it concerns one, an officer and the officer's certificate). It cites its
grounds, records of other apps linked generically (``ActionGround``: content type and id), so this
app imports no other app's internals; each ground is read back through its own model's
``for_user``. A recommendation to transfer an officer carries a stored, indexed answer date with
the explanation of how it was counted (``accountability/deadlines.py``).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision import notes, uploads
from supervision.models import Jurisdiction
from supervision.scoping import ScopedQuerySet


class AccountabilityActionQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return (
            super()
            .for_user(user)
            .select_related("department", "officer", "certificate", "notice", "decided_by")
        )

    def awaiting_answer(self):
        """Recommendations still waiting for the department's answer: the rows the partial index
        on ``answer_due`` covers."""
        return self.filter(
            kind=AccountabilityAction.Kind.TRANSFER_RECOMMENDATION,
            status=AccountabilityAction.Status.PENDING,
        )


class AccountabilityAction(models.Model):
    """One accountability action (责任追究) decided by the legal office."""

    class Kind(models.TextChoices):
        CRITICISM = "criticism", _("Circulated criticism (通报批评)")
        WITHHOLD_CERTIFICATE = "withhold_certificate", _("Certificate withheld (暂扣执法证件)")
        REVOKE_CERTIFICATE = "revoke_certificate", _("Certificate revoked (收回执法证件)")
        TRANSFER_RECOMMENDATION = (
            "transfer_recommendation",
            _("Recommendation to remove from enforcement post (建议调离执法岗位)"),
        )
        TALK = "talk", _("Formal talk (约谈)")
        REFERRAL = "referral", _("Referral (移送监察机关或任免机关)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Under way")
        COMPLETED = "completed", _("Completed")

    class ReferredTo(models.TextChoices):
        SUPERVISORY_COMMISSION = "supervisory_commission", _("Supervisory commission (监察机关)")
        APPOINTING_AUTHORITY = "appointing_authority", _("Appointing authority (任免机关)")

    # Kinds that concern one officer, and those that concern the officer's certificate.
    OFFICER_KINDS = (
        Kind.WITHHOLD_CERTIFICATE,
        Kind.REVOKE_CERTIFICATE,
        Kind.TRANSFER_RECOMMENDATION,
    )
    CERTIFICATE_KINDS = (Kind.WITHHOLD_CERTIFICATE, Kind.REVOKE_CERTIFICATE)

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="accountability_actions",
    )
    officer = models.ForeignKey(
        "personnel.Officer",
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_actions",
    )
    certificate = models.ForeignKey(
        "personnel.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_actions",
    )
    kind = models.CharField(_("kind of action"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    facts = models.TextField(
        _("facts and reasons"),
        help_text=_("What the department or officer did, and why this action is taken."),
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice = models.OneToOneField(
        "supervision.Notice",
        verbose_name=_("criticism notice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_action",
    )
    # Recommendation to remove from the enforcement post: the department answers by a date.
    answer_due = models.DateField(_("answer due by"), null=True, blank=True)
    answer_due_provisional = models.BooleanField(_("provisional deadline"), default=False)
    answer_due_explanation = models.JSONField(
        _("how the deadline was computed"), null=True, blank=True, editable=False
    )
    # Formal talk: when, who attended, the record of the talk.
    talk_on = models.DateField(_("talk date"), null=True, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    # Referral: to whom the file went.
    referred_to = models.CharField(
        _("referred to"), max_length=30, choices=ReferredTo.choices, blank=True
    )
    # The answer: the department's (recommendation), the talk's record, the referral's outcome.
    answer = models.TextField(_("answer or record"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answer recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AccountabilityActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("accountability action")
        verbose_name_plural = _("accountability actions")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["withhold_certificate", "revoke_certificate"])
                | Q(certificate__isnull=False),
                name="accountability_certificate_action_names_it",
                violation_error_message=_("Name the certificate to withhold or revoke."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="transfer_recommendation") | Q(answer_due__isnull=False),
                name="accountability_recommendation_has_due_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["answer_due"],
                name="accountability_answer_due",
                condition=Q(kind="transfer_recommendation", status="pending"),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.department}"

    def get_absolute_url(self):
        return reverse("accountability:action-detail", args=[self.pk])

    def clean(self):
        super().clean()
        if (
            self.officer_id
            and self.department_id
            and self.officer.department_id != self.department_id
        ):
            raise ValidationError({"officer": _("The officer is not of this department.")})
        if (
            self.certificate_id
            and self.officer_id
            and self.certificate.officer_id != self.officer_id
        ):
            raise ValidationError({"certificate": _("The certificate is not this officer's.")})
        if self.kind in self.OFFICER_KINDS and not self.officer_id:
            raise ValidationError({"officer": _("Name the officer this action concerns.")})
        if self.kind in self.CERTIFICATE_KINDS and not self.certificate_id:
            raise ValidationError({"certificate": _("Name the certificate to withhold or revoke.")})
        if self.kind == self.Kind.REFERRAL and not self.referred_to:
            raise ValidationError({"referred_to": _("Name where the file is referred.")})
        if self.kind == self.Kind.TALK and not self.talk_on:
            raise ValidationError({"talk_on": _("Give the date of the talk.")})

    @property
    def awaits(self) -> str:
        """What the action still waits for, in words, or "" once completed."""
        if self.status == self.Status.COMPLETED:
            return ""
        return {
            self.Kind.TRANSFER_RECOMMENDATION: _("the department's answer"),
            self.Kind.TALK: _("the record of the talk"),
            self.Kind.REFERRAL: _("the answer of the authority it was referred to"),
        }.get(self.kind, "")

    @property
    def status_badge(self) -> str:
        return "ok" if self.status == self.Status.COMPLETED else "warn"


class ActionGroundQuerySet(ScopedQuerySet):
    department_lookup = "action__department"


class ActionGround(models.Model):
    """A record of another app cited as a ground of an action: a verified bad-conduct record, a
    complaint found true, a finding, an overdue notice. Linked by content type and id; what it
    said when it was cited is kept in ``cited_as``."""

    action = models.ForeignKey(
        AccountabilityAction,
        verbose_name=_("accountability action"),
        on_delete=models.CASCADE,
        related_name="grounds",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("record id"))
    cited_as = models.CharField(_("cited as"), max_length=300)

    objects = ActionGroundQuerySet.as_manager()

    class Meta:
        verbose_name = _("ground")
        verbose_name_plural = _("grounds")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "content_type", "object_id"], name="ground_cited_once"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="ground_record"),
        ]

    def __str__(self):
        return notes.render(self.cited_as)

    @property
    def key(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}:{self.object_id}"


# Interference records (干预记录) ------------------------------------------------------------------


class InterferenceRecordQuerySet(models.QuerySet):
    def for_user(self, user):
        """Only the legal office's heads (the ``see_interference`` permission) of the record's
        jurisdiction or one above, and the person who made the record. No department, no
        ordinary member of the legal office, not even the administrator, unless given it."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        mine = Q(recorded_by=user.pk)
        if user.has_perm("accountability.see_interference") and user.jurisdiction_id:
            below = Jurisdiction.objects.below(user.jurisdiction).values("pk")
            return self.filter(mine | Q(jurisdiction__in=below))
        if user.is_legal_office or user.role == user.Role.SUPERVISOR:
            return self.filter(mine)
        return self.none()


class InterferenceRecord(models.Model):
    """A leading official's intervention in supervision work, recorded by a member of the legal
    office or an invited supervisor, and reported to the government and the supervisory
    commission under its own number."""

    class Manner(models.TextChoices):
        PHONE = "phone", _("By phone")
        IN_PERSON = "in_person", _("In person")
        NOTE = "note", _("By a written note")
        OTHER = "other", _("Otherwise")

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded")
        REPORTED = "reported", _("Reported")
        CLOSED = "closed", _("Response recorded")

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The level of government whose supervision work was interfered with."),
    )
    official_name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    official_post = models.CharField(_("post"), max_length=100)
    official_unit = models.CharField(_("unit"), max_length=100)
    occurred_at = models.DateTimeField(_("when"))
    manner = models.CharField(_("how"), max_length=20, choices=Manner.choices)
    request = models.TextField(_("what was asked"))
    evidence = models.FileField(
        _("evidence"),
        upload_to=uploads.RandomName("private/accountability/interference"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    evidence_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECORDED
    )
    report_year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    report_sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    report_number = models.CharField(_("report number"), max_length=40, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    response = models.TextField(_("response"), blank=True)
    response_on = models.DateField(_("response recorded on"), null=True, blank=True)
    accountability = models.TextField(_("accountability taken"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InterferenceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("interference record")
        verbose_name_plural = _("interference records")
        ordering = ["-occurred_at", "-id"]
        permissions = [
            ("see_interference", _("Can see every interference record of the jurisdiction")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "report_year", "report_sequence"],
                name="interference_report_number_once",
            )
        ]

    def __str__(self):
        # Audit entries and logs name the record by its id only: who intervened and who recorded
        # it stay out of every trail that ordinary staff read.
        return _("Interference record %(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        return reverse("accountability:interference-detail", args=[self.pk])

    @property
    def status_badge(self) -> str:
        return {"recorded": "warn", "reported": "warn", "closed": "ok"}[self.status]


# Transfers to criminal justice (行政执法与刑事司法衔接) -------------------------------------------


class CriminalTransferQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")


class CriminalTransfer(models.Model):
    """A case in which a department found a suspected crime, transferred to the public security
    organ under the State Council's rules (国务院《行政执法机关移送涉嫌犯罪案件的规定》): the case
    team's written report; the head's decision within 3 days of it (art. 5); the transfer within
    24 hours of the decision (art. 8 and 6, an hour clock); the police's decision; on a refusal,
    reconsideration asked within 3 days of receiving it (art. 9), or the procuratorate's
    supervision (art. 9, 14)."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Awaiting the head's decision")
        NOT_TRANSFERRED = "not_transferred", _("Decided not to transfer")
        AWAITING_TRANSFER = "awaiting_transfer", _("To be transferred")
        TRANSFERRED = "transferred", _("Transferred, awaiting the police's decision")
        CASE_OPENED = "case_opened", _("Case opened by the police")
        REFUSED = "refused", _("Police refused to open a case")
        RECONSIDERATION = "reconsideration", _("Reconsideration requested")
        PROCURATORATE = "procuratorate", _("Procuratorate's supervision requested")

    OPEN = (Status.REPORTED, Status.AWAITING_TRANSFER, Status.TRANSFERRED, Status.REFUSED)

    department = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="criminal_transfers",
    )
    case_number = models.CharField(_("case number"), max_length=60)
    case_title = models.CharField(_("case"), max_length=200)
    suspected_offence = models.CharField(_("suspected offence"), max_length=200)
    team = models.ManyToManyField(
        "personnel.Officer", verbose_name=_("case team"), related_name="criminal_transfers"
    )
    report = models.FileField(
        _("written report"),
        upload_to=uploads.RandomName("private/accountability/transfers"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    report_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    reported_at = models.DateTimeField(_("reported at"))
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.REPORTED
    )
    decision_due = models.DateField(_("decision due by"))
    decision_due_explanation = models.JSONField(
        _("how the deadline was computed"), null=True, blank=True, editable=False
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    transfer_due_at = models.DateTimeField(_("transfer due by"), null=True, blank=True)
    transferred_at = models.DateTimeField(_("transferred at"), null=True, blank=True)
    police_organ = models.CharField(_("public security organ"), max_length=100, blank=True)
    police_decided_on = models.DateField(_("police decision received on"), null=True, blank=True)
    police_reply = models.FileField(
        _("police's reply"),
        upload_to=uploads.RandomName("private/accountability/transfers"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    police_reply_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    reconsideration_due = models.DateField(_("reconsideration due by"), null=True, blank=True)
    reconsideration_due_explanation = models.JSONField(
        _("how the deadline was computed"), null=True, blank=True, editable=False
    )
    follow_up_on = models.DateField(_("requested on"), null=True, blank=True)
    follow_up_reply = models.FileField(
        _("procuratorate's or police's reply"),
        upload_to=uploads.RandomName("private/accountability/transfers"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    follow_up_reply_name = models.CharField(
        _("file name"), max_length=200, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CriminalTransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer to criminal justice")
        verbose_name_plural = _("transfers to criminal justice")
        ordering = ["-reported_at", "-id"]
        indexes = [
            models.Index(
                fields=["decision_due"],
                name="transfer_decision_due",
                condition=Q(status="reported"),
            ),
            models.Index(
                fields=["transfer_due_at"],
                name="transfer_handover_due",
                condition=Q(status="awaiting_transfer"),
            ),
            models.Index(
                fields=["reconsideration_due"],
                name="transfer_reconsideration_due",
                condition=Q(status="refused"),
            ),
        ]

    def __str__(self):
        return f"{self.case_number} {self.case_title}"

    def get_absolute_url(self):
        return reverse("accountability:transfer-detail", args=[self.pk])

    @property
    def status_badge(self) -> str:
        if self.status in (self.Status.NOT_TRANSFERRED, self.Status.REFUSED):
            return "bad"
        return "warn" if self.status in self.OPEN else "ok"


# Enforcement disputes (行政执法争议协调) -----------------------------------------------------------


class DisputeQuerySet(ScopedQuerySet):
    department_lookup = "applicant"

    def for_user(self, user):
        """Both departments (their clerks) and the legal offices over them; nobody else."""
        if user is not None and user.is_authenticated and user.is_active and user.is_clerk:
            if not user.department_id:
                return self.none()
            scoped = self.filter(Q(applicant=user.department_id) | Q(respondent=user.department_id))
        else:
            scoped = super().for_user(user)
        return scoped.select_related("applicant", "respondent")


class Dispute(models.Model):
    """A dispute between two departments that talking did not settle, submitted to the legal
    office (clause 4): the other side answers within a period (working days, a setting), the
    office coordinates in meetings and issues a coordination opinion, or proposes a decision to
    the government and records it when it comes back."""

    class Kind(models.TextChoices):
        JURISDICTION = "jurisdiction", _("Jurisdiction (管辖)")
        SUBJECT = "subject", _("Subject matter (职责)")
        HANDOVER = "handover", _("Hand-over between stages (环节衔接)")
        BASIS = "basis", _("Applicable basis (法律依据适用)")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting the other department's answer")
        ANSWERED = "answered", _("Answered, to be coordinated")
        COORDINATING = "coordinating", _("Being coordinated")
        SETTLED = "settled", _("Coordination opinion issued")
        REFERRED = "referred", _("Proposed to the government for decision")
        DECIDED = "decided", _("Decided by the government")

    applicant = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("submitting department"),
        on_delete=models.PROTECT,
        related_name="disputes_submitted",
    )
    respondent = models.ForeignKey(
        "supervision.Department",
        verbose_name=_("other department"),
        on_delete=models.PROTECT,
        related_name="disputes_answered",
    )
    kind = models.CharField(_("kind of dispute"), max_length=20, choices=Kind.choices)
    matter = models.TextField(_("the matter"))
    applicant_position = models.TextField(_("submitting department's position"))
    applicant_basis = models.TextField(_("submitting department's basis"))
    respondent_position = models.TextField(_("other department's position"), blank=True)
    respondent_basis = models.TextField(_("other department's basis"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    answer_due = models.DateField(_("answer due by"))
    answer_due_explanation = models.TextField(_("how the deadline was computed"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    opinion = models.TextField(_("coordination opinion"), blank=True)
    opinion_on = models.DateField(_("opinion issued on"), null=True, blank=True)
    proposal = models.TextField(_("proposal to the government"), blank=True)
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True)
    government_decision = models.TextField(_("the government's decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("enforcement dispute")
        verbose_name_plural = _("enforcement disputes")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(applicant=models.F("respondent")),
                name="dispute_between_two_departments",
                violation_error_message=_("A dispute is between two different departments."),
            )
        ]
        indexes = [
            models.Index(
                fields=["answer_due"], name="dispute_answer_due", condition=Q(status="submitted")
            )
        ]

    def __str__(self):
        return f"{self.applicant} / {self.respondent}"

    def get_absolute_url(self):
        return reverse("accountability:dispute-detail", args=[self.pk])

    @property
    def status_badge(self) -> str:
        return "ok" if self.status in (self.Status.SETTLED, self.Status.DECIDED) else "warn"


class DisputeMeeting(models.Model):
    """A coordination meeting with its minutes."""

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("dispute"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("held on"))
    attendees = models.TextField(_("attendees"))
    minutes = models.TextField(_("minutes"))

    class Meta:
        verbose_name = _("coordination meeting")
        verbose_name_plural = _("coordination meetings")
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.dispute_id} {self.held_on}"

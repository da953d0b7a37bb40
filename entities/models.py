from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from supervision import uploads
from supervision.models import Department
from supervision.scoping import ScopedQuerySet


class EnforcementEntityQuerySet(ScopedQuerySet):
    def for_user(self, user):
        return super().for_user(user).select_related("department")

    def published(self):
        return self.filter(status=EnforcementEntity.Status.PUBLISHED)

    def published_with_agreements(self, name: str = "", on=None):
        """Published entities (optionally by part of the name), each with its agreements in force
        as ``entrustments_in_force``: what the public list shows."""
        entities = (
            self.published()
            .select_related("department")
            .prefetch_related(
                Prefetch(
                    "entrustments",
                    queryset=Entrustment.objects.in_force(on or timezone.localdate()).order_by(
                        "ends_on", "id"
                    ),
                    to_attr="entrustments_in_force",
                )
            )
            .order_by("department__code", "name", "id")
        )
        return entities.filter(name__icontains=name) if name else entities


class EnforcementEntity(models.Model):
    """An enforcement entity (执法主体): a body that may enforce, registered by its department."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", _("Statutory (法定)")
        AUTHORISED = "authorised", _("Authorised (授权)")
        ENTRUSTED = "entrusted", _("Entrusted (委托)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")
        REVOKED = "revoked", _("Revoked")

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="entities",
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    legal_basis = models.TextField(
        _("legal basis"), help_text=_("The laws and articles (执法依据).")
    )
    establishment_document = models.FileField(
        _("establishment document (三定方案)"),
        upload_to=uploads.RandomName("entities/establishment"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    establishment_document_name = models.CharField(
        _("file name"), max_length=200, blank=True, editable=False
    )
    enforcement_areas = models.TextField(_("enforcement areas"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reasons for rejection"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reasons for revocation"), blank=True)

    objects = EnforcementEntityQuerySet.as_manager()

    class Meta:
        verbose_name = _("enforcement entity")
        verbose_name_plural = _("enforcement entities")
        ordering = ["department__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"],
                name="entity_name_unique_in_department",
                violation_error_message=_("This department already has an entity of this name."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("entities:entity-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """A clerk edits an entity until it is submitted, and again after a rejection."""
        return self.status in (self.Status.DRAFT, self.Status.REJECTED)


class EntrustmentQuerySet(ScopedQuerySet):
    department_lookup = "principal__department"

    def for_user(self, user):
        return super().for_user(user).select_related("principal__department")

    def in_force(self, day):
        """Published agreements whose term covers ``day``."""
        return self.filter(
            status=Entrustment.Status.PUBLISHED, starts_on__lte=day, ends_on__gte=day
        )


class Entrustment(models.Model):
    """An entrustment agreement (委托执法协议): an entity entrusts matters and powers to an organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Filed with the legal office")
        PUBLISHED = "published", _("Published")
        TERMINATED = "terminated", _("Terminated")

    principal = models.ForeignKey(
        EnforcementEntity,
        verbose_name=_("principal entity"),
        on_delete=models.PROTECT,
        related_name="entrustments",
    )
    entrusted_organisation = models.CharField(_("entrusted organisation"), max_length=100)
    # The registered entity of kind "entrusted" that acts under this agreement, when it is one:
    # such an entity may be approved and published only while an agreement naming it is in force.
    entrusted_entity = models.ForeignKey(
        EnforcementEntity,
        verbose_name=_("entrusted entity"),
        on_delete=models.PROTECT,
        related_name="acting_under",
        null=True,
        blank=True,
        limit_choices_to={"kind": EnforcementEntity.Kind.ENTRUSTED},
        help_text=_("The registered entrusted entity that acts under this agreement."),
    )
    matters = models.TextField(_("matters and powers entrusted"))
    legal_basis = models.TextField(
        _("legal basis"), help_text=_("The laws and articles that allow the entrustment.")
    )
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"))
    agreement_file = models.FileField(
        _("agreement file"),
        upload_to=uploads.RandomName("entities/entrustments"),
        blank=True,
        validators=uploads.validators(uploads.DOCUMENTS),
    )
    agreement_file_name = models.CharField(
        _("file name"), max_length=200, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    termination_reason = models.TextField(_("reasons for termination"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EntrustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrustment agreement")
        verbose_name_plural = _("entrustment agreements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="entrustment_ends_after_start",
                violation_error_message=_("The term must end after it starts."),
            ),
        ]
        indexes = [
            # The entrustment_expiry rule reads published agreements by their end date.
            models.Index(
                fields=["ends_on"],
                name="entrustment_published_ends_on",
                condition=Q(status="published"),
            ),
        ]

    def __str__(self):
        return f"{self.principal} → {self.entrusted_organisation}"

    def get_absolute_url(self):
        return reverse("entities:entrustment-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_in_force(self, day) -> bool:
        return self.status == self.Status.PUBLISHED and self.starts_on <= day <= self.ends_on

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The term must end after it starts.")})

from django.db import models
from django.utils.translation import gettext_lazy as _

from supervision.scoping import ScopedQuerySet
from supervision.validators import validate_credit_code


class DepartmentQuerySet(ScopedQuerySet):
    department_lookup = "pk"


class Department(models.Model):
    """An administrative enforcement body (行政执法机关) of the city, or the legal office itself."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("The short code the city uses for the department, e.g. ZJJ."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=50)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    is_legal_office = models.BooleanField(_("is the legal office"), default=False)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_legal_office"],
                condition=models.Q(is_legal_office=True),
                name="one_legal_office",
                violation_error_message=_("There is already a legal office."),
            ),
        ]

    def __str__(self):
        return self.name


class EnforcementEntityQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=EnforcementEntity.Status.PUBLISHED)


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
        _("establishment document (三定方案)"), upload_to="entities/establishment/", blank=True
    )
    enforcement_areas = models.TextField(_("enforcement areas"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    rejection_reason = models.TextField(_("reasons for rejection"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)

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

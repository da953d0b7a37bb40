from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    pass


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", _("System administrator")
        LEGAL_OFFICE = "legal_office", _("Legal office")
        CLERK = "clerk", _("Department clerk")
        SUPERVISOR = "supervisor", _("Invited supervisor")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.CLERK)
    department = models.ForeignKey(
        "entities.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="clerk") | Q(department__isnull=False),
                name="clerk_has_department",
                violation_error_message=_("A department clerk must belong to a department."),
            ),
        ]

    @property
    def sees_all_departments(self) -> bool:
        return self.role in (self.Role.ADMIN, self.Role.LEGAL_OFFICE) or self.is_superuser

    @property
    def is_legal_office(self) -> bool:
        return self.role == self.Role.LEGAL_OFFICE

    @property
    def is_clerk(self) -> bool:
        return self.role == self.Role.CLERK

    def save(self, *args, **kwargs):
        # Only the administrator enters the Django admin; the role decides it, not a checkbox.
        if self.is_superuser:
            self.role = self.Role.ADMIN
        self.is_staff = self.role == self.Role.ADMIN
        super().save(*args, **kwargs)


class AuditEntryQuerySet(models.QuerySet):
    def for_record(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    """Who did what to which record, when, with the fields before and after.

    Written by ``supervision.audit.record`` in the same transaction as the change it describes.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT
    )
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.object_repr}: {self.action}"

    @property
    def changes(self):
        """(field, before, after) for every field the entry changed."""
        before, after = self.before or {}, self.after or {}
        return [
            (name, before.get(name), after.get(name))
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)
        ]

"""What the security doors keep: hashed API tokens and the hashes of a user's last passwords."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_digest(key: str) -> str:
    """The stored form of an API token: its SHA-256. The token itself is shown once, never kept."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def valid(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)

    def revoke(self) -> int:
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class ApiToken(models.Model):
    """An API token: valid until ``expires_at`` (``API_TOKEN_DAYS``) unless revoked before."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    hint = models.CharField(_("first characters"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.hint}…"

    @classmethod
    def issue(cls, user) -> tuple["ApiToken", str]:
        """A new token for ``user``: the stored row and the key, which only the caller sees."""
        key = secrets.token_hex(20)
        token = cls.objects.create(
            user=user,
            digest=token_digest(key),
            hint=key[:8],
            expires_at=timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS),
        )
        return token, key


class PasswordHistory(models.Model):
    """The hash of a password a user had, so that the last ``PASSWORD_HISTORY`` are not reused."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d}"


class AuditChainHead(models.Model):
    """The end of the audit trail's hash chain (one row): the last entry's position and hash,
    and how far the trail has been archived (``archive_audit``)."""

    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, blank=True)
    archived_through = models.PositiveBigIntegerField(default=0)
    archived_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit chain")

    def __str__(self):
        return f"#{self.last_seq}"

"""API tokens that expire and are stored hashed (``Authorization: Token <key>``).

A login (``POST /api/v1/auth/token/``) issues a new token valid ``API_TOKEN_DAYS`` days; its key is
shown once and only its SHA-256 is kept. ``DELETE /api/v1/auth/token/`` revokes the token used; a
password change revokes them all; the administrator revokes any in the admin.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from . import passwords
from .models import ApiToken, token_digest


class ExpiringTokenAuthentication(TokenAuthentication):
    model = ApiToken

    def authenticate_credentials(self, key):
        token = (
            ApiToken.objects.valid()
            .select_related("user", "user__department", "user__jurisdiction")
            .filter(digest=token_digest(key))
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The account is disabled."))
        if passwords.must_change(token.user):
            raise exceptions.AuthenticationFailed(
                _("Your password must be changed: change it in the portal, then ask for a token.")
            )
        return (token.user, token)

from django.contrib.auth.backends import ModelBackend, UserModel
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication


class PortalBackend(ModelBackend):
    """The signed-in user comes with their jurisdiction, which every scoped query reads."""

    def get_user(self, user_id):
        user = UserModel._default_manager.select_related("jurisdiction").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class PortalTokenAuthentication(TokenAuthentication):
    """API tokens, with the user's jurisdiction loaded as for a signed-in session."""

    def authenticate_credentials(self, key):
        token = (
            self.get_model().objects.select_related("user__jurisdiction").filter(key=key).first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)

from django.contrib.auth.backends import ModelBackend, UserModel


class PortalBackend(ModelBackend):
    """The signed-in user comes with their jurisdiction, which every scoped query reads.

    (API tokens: ``supervision.security.tokens.ExpiringTokenAuthentication``, hashed and
    expiring, loads the jurisdiction the same way.)"""

    def get_user(self, user_id):
        user = UserModel._default_manager.select_related("jurisdiction").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

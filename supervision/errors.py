"""Domain errors that services raise; the API and the pages turn them into answers."""

from django.utils.translation import gettext_lazy as _


class TransitionNotAllowed(Exception):
    """A state change that the record's current state does not allow (HTTP 409)."""

    default_message = _("This action is not allowed in the record's current state.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

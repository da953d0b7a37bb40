from django.conf import settings


def portal(request):
    """The office whose portal this is to the reader: their own jurisdiction's legal office."""
    user = getattr(request, "user", None)
    jurisdiction = getattr(user, "jurisdiction", None) if user and user.is_authenticated else None
    return {
        "office_name": jurisdiction.office_name if jurisdiction else settings.PORTAL_OFFICE_NAME
    }

"""The API's shared pieces that settings name: pagination, errors, permissions.

Kept apart from ``viewsets`` because DRF reads the pagination class while it defines its
generic views."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, permissions, status
from rest_framework.views import exception_handler as drf_exception_handler

from supervision.errors import TransitionNotAllowed


class Pagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = TransitionNotAllowed.default_message
    default_code = "conflict"


class BadRequest(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = _("The request is not valid.")
    default_code = "bad_request"


def exception_handler(exc, context):
    """DRF's handler, plus the domain errors: field errors as {"field": [..]}, others as {"detail": ..}."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                ("non_field_errors" if field == "__all__" else field): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, TransitionNotAllowed):
        exc = Conflict(exc.message)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_403_FORBIDDEN:
        request = context.get("request")
        if request is not None:
            from supervision.security import events

            events.permission_denied(request)
    return response


class IsLegalOfficeOrReadOnly(permissions.BasePermission):
    """Everyone signed in may read what their scope shows; the legal office and admin may write."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.supervises_departments


class IsLegalOffice(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(
            request.user and request.user.is_authenticated and request.user.supervises_departments
        )

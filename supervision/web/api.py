"""The API's shared pieces that settings name: pagination, errors, permissions.

Kept apart from ``viewsets`` because DRF reads the pagination class while it defines its
generic views."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, pagination, permissions, status
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from supervision.errors import TransitionNotAllowed
from supervision.web import paging


class Pagination(pagination.PageNumberPagination):
    """Pages of 50 with ``count``, ``next``, ``previous`` and ``results``.

    ``next`` and ``previous`` carry a cursor (the ordering's values of the page's last or first
    row) when the list's ordering ends with the id, so that a deep page reads the index like the
    first; ``?page=N`` still answers by number. The count of a whole large table is PostgreSQL's
    estimate (see ``supervision.web.paging``)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = paging.CountingPaginator
    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        keyset = paging.Keyset(queryset) if isinstance(queryset, QuerySet) else None
        if request.query_params.get(self.page_query_param) or keyset is None or not keyset.usable:
            self.keyset = None
            return super().paginate_queryset(queryset, request, view)
        self.keyset, self.request = keyset, request
        size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        values, before = None, False
        if cursor:
            try:
                values, before = paging.decode_cursor(cursor, len(keyset.fields))
                values = keyset.clean(values)
            except paging.BadCursor:
                raise exceptions.ValidationError(
                    {self.cursor_query_param: [_("This page's cursor is not valid.")]}
                ) from None
        rows, more = keyset.page(values, before=before, size=size)
        self.count = paging.count_rows(queryset)
        edges = keyset.values_of([rows[0], rows[-1]]) if rows else {}
        self.next_cursor = self.previous_cursor = None
        if rows and (more or before):
            self.next_cursor = paging.encode_cursor(edges[rows[-1].pk], before=False)
        if rows and (values is not None) and (more or not before):
            self.previous_cursor = paging.encode_cursor(edges[rows[0].pk], before=True)
        return rows

    def _cursor_link(self, cursor):
        if cursor is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        if self.keyset is None:
            return super().get_paginated_response(data)
        return Response(
            {
                "count": self.count,
                "next": self._cursor_link(self.next_cursor),
                "previous": self._cursor_link(self.previous_cursor),
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The page after (or before) a row, as the next and previous links give it.",
                "schema": {"type": "string"},
            },
        ]


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

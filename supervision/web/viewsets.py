"""The base of a registry's viewsets: writable lists in the user's scope, and transitions run
through the app's services as ``POST /{id}/{action}/``."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response


class IsRegistrarOrReadOnly(permissions.BasePermission):
    """Everyone signed in reads what their scope shows; clerks and the legal office register
    and change records (the services decide which department and which transitions)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return user.is_clerk or user.supervises_departments


class TransitionsMixin:
    """``POST /{id}/{action}/`` runs the service ``{prefix}_{action}`` on the scoped record.

    A transition the record's state does not allow answers 409 with the reason; one the user may
    not make answers 403; one without a needed reason answers 400.
    """

    service_prefix = ""
    service_argument = ""

    def run_transition(self, name, *, reason_serializer=None):
        record = self.get_object()
        extra = {}
        if reason_serializer is not None:
            reasons = reason_serializer(data=self.request.data)
            reasons.is_valid(raise_exception=True)
            extra = reasons.validated_data
        service = getattr(self.service_module, f"{self.service_prefix}_{name}")
        record = service(**{self.service_argument: record}, actor=self.request.user, **extra)
        return Response(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)


def transition_action(name, *, reasons=None, summary=""):
    """A ``@action`` that runs the named transition; ``reasons`` is the body's serializer."""

    def run(self, request, pk=None):
        return self.run_transition(name, reason_serializer=reasons)

    run.__name__ = name  # the action's method name, which its route maps to
    return extend_schema(request=reasons, summary=summary or name)(
        action(detail=True, methods=["post"], url_path=name, url_name=name)(run)
    )


class RegistryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """A registry's records: read in the user's scope, registered and changed by clerks and the
    legal office through the app's services (``perform_create``/``perform_update``)."""

    permission_classes = [IsRegistrarOrReadOnly]

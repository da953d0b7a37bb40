from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from . import services
from .filters import EnforcementEntityFilter, EntrustmentFilter
from .models import EnforcementEntity, Entrustment
from .serializers import (
    EnforcementEntitySerializer,
    EntrustmentSerializer,
    ReasonSerializer,
)


class IsRegistrarOrReadOnly(permissions.BasePermission):
    """Everyone signed in reads what their scope shows; clerks and the legal office register
    and change records (the services decide which department and which transitions)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return user.is_clerk or user.sees_all_departments


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


class EnforcementEntityViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Enforcement entities (执法主体): a clerk registers and submits, the legal office approves or
    rejects, publishes and revokes."""

    serializer_class = EnforcementEntitySerializer
    filterset_class = EnforcementEntityFilter
    permission_classes = [IsRegistrarOrReadOnly]
    service_module = services
    service_prefix = "entity"
    service_argument = "entity"

    def get_queryset(self):
        return EnforcementEntity.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.entity_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.entity_update(
            entity=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    submit = transition_action("submit", summary="Submit to the legal office (clerk)")
    approve = transition_action("approve", summary="Approve (legal office)")
    reject = transition_action("reject", reasons=ReasonSerializer, summary="Reject with reasons")
    publish = transition_action("publish", summary="Publish (legal office)")
    revoke = transition_action("revoke", reasons=ReasonSerializer, summary="Revoke with reasons")


class EntrustmentViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Entrustment agreements (委托执法协议): filed by the clerk, published by the legal office."""

    serializer_class = EntrustmentSerializer
    filterset_class = EntrustmentFilter
    permission_classes = [IsRegistrarOrReadOnly]
    service_module = services
    service_prefix = "entrustment"
    service_argument = "entrustment"

    def get_queryset(self):
        return Entrustment.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.entrustment_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.entrustment_update(
            entrustment=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    file = transition_action("file", summary="File with the legal office (clerk)")
    publish = transition_action("publish", summary="Publish (legal office)")
    terminate = transition_action(
        "terminate", reasons=ReasonSerializer, summary="Terminate with reasons"
    )

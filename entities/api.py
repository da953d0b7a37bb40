from supervision.web.serializers import ReasonSerializer
from supervision.web.viewsets import RegistryViewSet, TransitionsMixin, transition_action

from . import services
from .filters import EnforcementEntityFilter, EntrustmentFilter
from .models import EnforcementEntity, Entrustment
from .serializers import (
    EnforcementEntitySerializer,
    EntrustmentSerializer,
)


class EnforcementEntityViewSet(TransitionsMixin, RegistryViewSet):
    """Enforcement entities (执法主体): a clerk registers and submits, the legal office approves or
    rejects, publishes and revokes."""

    serializer_class = EnforcementEntitySerializer
    filterset_class = EnforcementEntityFilter
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


class EntrustmentViewSet(TransitionsMixin, RegistryViewSet):
    """Entrustment agreements (委托执法协议): filed by the clerk, published by the legal office."""

    serializer_class = EntrustmentSerializer
    filterset_class = EntrustmentFilter
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

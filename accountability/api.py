"""The accountability API: the kernel's registry viewsets over ``accountability.services``;
records reached through ``for_user``; transitions as ``POST /{id}/{action}/``."""

from rest_framework import mixins, permissions, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from supervision.web.serializers import StrictSerializer
from supervision.web.viewsets import RegistryViewSet, TransitionsMixin, transition_action

from . import disputes, services, transfers
from .filters import ActionFilter, DisputeFilter, InterferenceFilter, TransferFilter
from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord
from .serializers import (
    ActionSerializer,
    AnswerSerializer,
    DisputeAnswerSerializer,
    DisputeDecisionSerializer,
    DisputeMeetingSerializer,
    DisputeOpinionSerializer,
    DisputeProposalSerializer,
    DisputeSerializer,
    InterferenceSerializer,
    RespondSerializer,
    TransferDecideSerializer,
    TransferFollowUpSerializer,
    TransferHandoverSerializer,
    TransferPoliceSerializer,
    TransferSerializer,
)


class ActionViewSet(TransitionsMixin, RegistryViewSet):
    """Accountability actions (责任追究): decided by the legal office of the department's
    jurisdiction, each citing its grounds; recommendations, talks and referrals are closed by
    ``answer``."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    http_method_names = ["get", "post", "head", "options"]
    service_module = services
    service_prefix = "action"
    service_argument = "action"

    def get_queryset(self):
        return AccountabilityAction.objects.for_user(self.request.user).prefetch_related(
            "grounds__content_type"
        )

    def perform_create(self, serializer):
        serializer.instance = services.action_decide(
            actor=self.request.user, **serializer.validated_data
        )

    answer = transition_action(
        "answer",
        reasons=AnswerSerializer,
        summary="Record the department's answer, the record of the talk, or the referral's outcome",
    )


class MayRecordInterference(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(
            services.may_record_interference(user)
            or (user and user.is_authenticated and user.has_perm("accountability.see_interference"))
        )


class InterferenceViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Records of leading officials' interference (干预记录): seen by the legal office's heads and
    by whoever made them, nobody else (404); every read of one record is audited."""

    serializer_class = InterferenceSerializer
    filterset_class = InterferenceFilter
    permission_classes = [MayRecordInterference]
    service_module = services
    service_prefix = "interference"
    service_argument = "record"

    def permission_denied(self, request, message=None, code=None):
        # Nobody else learns that the register exists.
        if request.user and request.user.is_authenticated:
            raise NotFound
        super().permission_denied(request, message, code)

    def get_queryset(self):
        return InterferenceRecord.objects.for_user(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        services.interference_viewed(record=self.get_object(), actor=request.user)
        return super().retrieve(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = services.interference_record(
            actor=self.request.user, **serializer.validated_data
        )

    report = transition_action(
        "report",
        reasons=StrictSerializer,
        summary="Number the record as a report to the government and the supervisory commission",
    )
    respond = transition_action(
        "respond", reasons=RespondSerializer, summary="Record the response and any accountability"
    )


class TransferViewSet(TransitionsMixin, RegistryViewSet):
    """Transfers to criminal justice (行刑衔接): reported by the department, decided within 3 days,
    handed to the police within 24 hours, the police's decision, reconsideration or the
    procuratorate within 3 days of a refusal. The legal office sees every department's."""

    serializer_class = TransferSerializer
    filterset_class = TransferFilter
    http_method_names = ["get", "post", "head", "options"]
    # The police's and the procuratorate's replies are documents: the actions also take multipart.
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    service_module = transfers
    service_prefix = "transfer"
    service_argument = "transfer"

    def get_queryset(self):
        return CriminalTransfer.objects.for_user(self.request.user).prefetch_related("team")

    def perform_create(self, serializer):
        serializer.instance = transfers.transfer_report(
            actor=self.request.user, **serializer.validated_data
        )

    decide = transition_action(
        "decide", reasons=TransferDecideSerializer, summary="The head's decision (within 3 days)"
    )
    handover = transition_action(
        "handover",
        reasons=TransferHandoverSerializer,
        summary="The hand-over to the public security organ (within 24 hours of the decision)",
    )
    police = transition_action(
        "police", reasons=TransferPoliceSerializer, summary="The police's decision to open a case"
    )
    follow_up = transition_action(
        "follow_up",
        reasons=TransferFollowUpSerializer,
        summary="After a refusal: reconsideration (within 3 days) or the procuratorate",
    )


class DisputeViewSet(TransitionsMixin, RegistryViewSet):
    """Enforcement disputes (执法争议协调): both departments and the legal offices over them see
    one; the other department answers within its period; the legal office coordinates."""

    serializer_class = DisputeSerializer
    filterset_class = DisputeFilter
    http_method_names = ["get", "post", "head", "options"]
    service_module = disputes
    service_prefix = "dispute"
    service_argument = "dispute"

    def get_queryset(self):
        return Dispute.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = disputes.dispute_submit(
            actor=self.request.user, **serializer.validated_data
        )

    answer = transition_action(
        "answer", reasons=DisputeAnswerSerializer, summary="The other department's answer"
    )
    meeting = transition_action(
        "meeting",
        reasons=DisputeMeetingSerializer,
        summary="A coordination meeting and its minutes",
    )
    opinion = transition_action(
        "opinion", reasons=DisputeOpinionSerializer, summary="The coordination opinion"
    )
    propose = transition_action(
        "propose", reasons=DisputeProposalSerializer, summary="A proposal to the government"
    )
    decided = transition_action(
        "decided", reasons=DisputeDecisionSerializer, summary="The government's decision"
    )

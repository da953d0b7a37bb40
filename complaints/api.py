"""The complaints API: the legal office's registry and triage, the department's answers, and the
public's filing and tracking. Records are reached through ``for_user``; transitions are
``POST /api/v1/complaints/{id}/{action}/`` through ``complaints.services``; a transition the state
does not allow answers 409."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from supervision.web.serializers import ReasonSerializer, TrackingCodeSerializer
from supervision.web.throttling import PublicRateThrottle
from supervision.web.viewsets import IsRegistrarOrReadOnly, TransitionsMixin, transition_action

from . import selectors, services
from .filters import ComplaintFilter
from .models import Complaint
from .serializers import (
    ComplaintAcceptSerializer,
    ComplaintAnswerSerializer,
    ComplaintSerializer,
    ExtendSerializer,
    PublicComplaintSerializer,
    PublicStatusSerializer,
    ReferSerializer,
    RegisterSerializer,
)


class ComplaintViewSet(
    TransitionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Complaints about enforcement (执法投诉举报) in the user's scope: a clerk sees only those
    assigned to their department, without the complainant unless the identity was released."""

    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    permission_classes = [IsRegistrarOrReadOnly]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    service_module = services
    service_prefix = "complaint"
    service_argument = "complaint"

    def get_queryset(self):
        return Complaint.objects.for_user(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            # Who complained, as this user may see it, for the whole page in one query.
            shown = selectors.identities_for(self.request.user, page)
            for complaint in page:
                complaint.identity = shown[complaint.pk]
        return page

    @extend_schema(request=RegisterSerializer, responses=ComplaintSerializer)
    def create(self, request):
        """The legal office registers a complaint received by phone, letter, e-mail, the window or
        a 12345 work order. The answer carries the tracking code, once (``tracking_code``)."""
        if not request.user.supervises_departments:
            raise PermissionDenied
        serializer = RegisterSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        complaint, code = services.complaint_register(
            actor=request.user, **serializer.validated_data
        )
        data = self.get_serializer(self.get_queryset().get(pk=complaint.pk)).data
        return Response({**data, "tracking_code": code}, status=status.HTTP_201_CREATED)

    accept = transition_action(
        "accept",
        reasons=ComplaintAcceptSerializer,
        summary="Accept (受理); with assign, to the department",
    )
    assign = transition_action("assign", summary="Assign to the department for an answer")
    refer = transition_action("refer", reasons=ReferSerializer, summary="Refer elsewhere (转办)")
    refuse = transition_action("refuse", reasons=ReasonSerializer, summary="Refuse (不予受理)")
    extend = transition_action(
        "extend", reasons=ExtendSerializer, summary="Extend the conclusion deadline once"
    )
    answer = transition_action(
        "answer",
        reasons=ComplaintAnswerSerializer,
        summary="Submit the investigation and the answer",
    )
    approve = transition_action("approve", summary="Approve the answer: concluded and published")
    release_identity = transition_action(
        "release_identity",
        reasons=ReasonSerializer,
        summary="Release the complainant's identity to the department (audited)",
    )


# ``return`` is a Python keyword: the action is set by name.
setattr(
    ComplaintViewSet,
    "return",
    transition_action(
        "return", reasons=ReasonSerializer, summary="Return the answer with the reasons"
    ),
)


class ComplaintSubmitThrottle(PublicRateThrottle):
    scope = "complaint-submit"
    rate_setting = "COMPLAINT_SUBMIT_RATE"


class ComplaintTrackThrottle(PublicRateThrottle):
    scope = "complaint-track"
    rate_setting = "COMPLAINT_TRACK_RATE"


class PublicMixin:
    authentication_classes = []
    permission_classes = [permissions.AllowAny]


class PublicComplaintCreate(PublicMixin, generics.GenericAPIView):
    """File a complaint (the public form's fields; multipart for photos). The answer carries the
    tracking code, shown this once: the portal keeps only its digest."""

    serializer_class = PublicComplaintSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [PublicRateThrottle, ComplaintSubmitThrottle]

    @extend_schema(responses={201: PublicStatusSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint, code = services.complaint_file(**serializer.validated_data)
        return Response(
            {"tracking_code": code, **PublicStatusSerializer(complaint).data},
            status=status.HTTP_201_CREATED,
        )


class PublicComplaintTrack(PublicMixin, generics.GenericAPIView):
    """A complaint's status and published answer by its tracking code (in the body, not the
    address). A wrong code is a 404 that says nothing about other complaints."""

    serializer_class = TrackingCodeSerializer
    throttle_classes = [PublicRateThrottle, ComplaintTrackThrottle]

    @extend_schema(responses={200: PublicStatusSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        complaint = selectors.by_tracking_code(serializer.validated_data["code"])
        if complaint is None:
            return Response(
                {"detail": PublicStatusSerializer.not_found}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(PublicStatusSerializer(complaint).data)

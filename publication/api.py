"""The publication API: the kernel's registry viewsets over ``publication.services``; records
reached through ``for_user``; transitions as ``POST /{id}/{action}/``. The public endpoints (no
login) read only published benchmarks and are rate-limited like the public lookup."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from supervision.web.public import chosen_jurisdiction
from supervision.web.serializers import TrackingCodeSerializer
from supervision.web.throttling import PublicRateThrottle
from supervision.web.viewsets import RegistryViewSet, TransitionsMixin, transition_action

from . import selectors, services
from .filters import BenchmarkFilter, CatalogueFilingFilter, DocumentFilter, TaskFilter
from .models import (
    CatalogueFiling,
    DiscretionBenchmark,
    NormativeDocument,
    TaskDelivery,
    WorkTask,
)
from .serializers import (
    BenchmarkReviewSerializer,
    BenchmarkSerializer,
    CatalogueFilingSerializer,
    CatalogueReviewSerializer,
    DeliveryAddSerializer,
    DeliveryReportSerializer,
    DeliveryReviewSerializer,
    DeliverySerializer,
    DocumentFileSerializer,
    DocumentReviewSerializer,
    DocumentSerializer,
    PublicBenchmarkSerializer,
    PublicCatalogueSerializer,
    PublicDocumentSerializer,
    PublicObjectionSerializer,
    WorkTaskSerializer,
)


class DocumentViewSet(TransitionsMixin, RegistryViewSet):
    """Normative documents (规范性文件): registered with their text (PDF, multipart), filed with the
    legal office within the filing period of issue, reviewed by the office of the same level."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    service_module = services
    service_prefix = "document"
    service_argument = "document"

    def get_queryset(self):
        return NormativeDocument.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.document_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.document_update(
            document=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    file = transition_action(
        "file",
        reasons=DocumentFileSerializer,
        summary="Record the filing (备案); filed_on defaults to today",
    )
    review = transition_action(
        "review",
        reasons=DocumentReviewSerializer,
        summary="The filing review: no_problem, or problem_found with the problem and the"
        " correction required",
    )


class BenchmarkViewSet(TransitionsMixin, RegistryViewSet):
    """Discretion benchmarks (行政裁量权基准), one record per version: drafted, reviewed by the
    legal office, published by the department; a new version supersedes the one in force."""

    serializer_class = BenchmarkSerializer
    filterset_class = BenchmarkFilter
    service_module = services
    service_prefix = "benchmark"
    service_argument = "benchmark"

    def get_queryset(self):
        return DiscretionBenchmark.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.benchmark_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.benchmark_update(
            benchmark=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    submit = transition_action("submit", summary="Submit a draft or returned version for review")
    review = transition_action(
        "review",
        reasons=BenchmarkReviewSerializer,
        summary="The legal office's review: approved, or returned with an opinion",
    )
    publish = transition_action(
        "publish", summary="Publish an approved version; the version in force is superseded"
    )

    @extend_schema(request=None, responses=BenchmarkSerializer)
    @action(detail=True, methods=["post"])
    def revise(self, request, pk=None):
        """Open the next version of the benchmark in force, as a draft copied from it."""
        revision = services.benchmark_revise(benchmark=self.get_object(), actor=request.user)
        data = self.get_serializer(self.get_queryset().get(pk=revision.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class CatalogueFilingViewSet(TransitionsMixin, RegistryViewSet):
    """Catalogues of major decisions with their legal-review flowcharts (multipart): sent with the
    department's categories in use, acknowledged or returned by the legal office, published."""

    serializer_class = CatalogueFilingSerializer
    filterset_class = CatalogueFilingFilter
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    service_module = services
    service_prefix = "catalogue"
    service_argument = "filing"

    def get_queryset(self):
        return CatalogueFiling.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.catalogue_send(
            actor=self.request.user, **serializer.validated_data
        )

    review = transition_action(
        "review",
        reasons=CatalogueReviewSerializer,
        summary="The legal office acknowledges the catalogue, or returns it with an opinion",
    )
    publish = transition_action(
        "publish",
        summary="Publish an acknowledged catalogue; the one published before is superseded",
    )


class WorkTaskViewSet(RegistryViewSet):
    """The year's work plan: tasks the legal office enters, with their deliveries and due dates."""

    serializer_class = WorkTaskSerializer
    filterset_class = TaskFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return WorkTask.objects.for_user(self.request.user).prefetch_related(
            "deliveries", "co_departments"
        )

    def perform_create(self, serializer):
        serializer.instance = services.task_create(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=DeliveryAddSerializer, responses=WorkTaskSerializer)
    @action(detail=True, methods=["post"])
    def deliveries(self, request, pk=None):
        """Add a delivery: what is delivered by when (moved to the next working day)."""
        task = self.get_object()
        body = DeliveryAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.delivery_add(task=task, actor=request.user, **body.validated_data)
        data = self.get_serializer(self.get_queryset().get(pk=task.pk)).data
        return Response(data, status=status.HTTP_201_CREATED)


class DeliveryViewSet(
    TransitionsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Deliveries of the work plan: reported by the lead department with evidence (multipart),
    accepted or returned by the legal office."""

    serializer_class = DeliverySerializer
    permission_classes = RegistryViewSet.permission_classes
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    service_module = services
    service_prefix = "delivery"
    service_argument = "delivery"

    def get_queryset(self):
        return TaskDelivery.objects.for_user(self.request.user).select_related("task")

    report = transition_action(
        "report",
        reasons=DeliveryReportSerializer,
        summary="Report the delivery done, with evidence",
    )
    review = transition_action(
        "review",
        reasons=DeliveryReviewSerializer,
        summary="The legal office accepts the delivery, or returns it with an opinion",
    )


# The public benchmarks (no login), limited per client address.


class PublicMixin:
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]
    serializer_class = PublicBenchmarkSerializer
    filter_backends = []


@extend_schema(
    parameters=[
        OpenApiParameter(
            "jurisdiction", str, description="GB/T 2260 code of a county (default: the whole city)"
        ),
        OpenApiParameter("department", str, description="the department's code"),
        OpenApiParameter("matter", str, description="part of the enforcement matter"),
    ]
)
class PublicBenchmarkList(PublicMixin, generics.ListAPIView):
    """The discretion benchmarks in force of one jurisdiction, by department and matter."""

    def get_queryset(self):
        params = self.request.query_params
        return selectors.public_benchmarks(
            chosen_jurisdiction(self.request),
            department_code=params.get("department", ""),
            matter=params.get("matter", ""),
        )


class PublicBenchmarkDetail(PublicMixin, generics.RetrieveAPIView):
    """One published version of a benchmark, in force or superseded, with its dates."""

    queryset = DiscretionBenchmark.objects.public()


@extend_schema(
    parameters=[
        OpenApiParameter(
            "jurisdiction", str, description="GB/T 2260 code of a county (default: the whole city)"
        )
    ]
)
class PublicCatalogueList(PublicMixin, generics.ListAPIView):
    """The published catalogues of major decisions of one jurisdiction's departments."""

    serializer_class = PublicCatalogueSerializer

    def get_queryset(self):
        return selectors.public_catalogues(chosen_jurisdiction(self.request))


@extend_schema(
    parameters=[
        OpenApiParameter(
            "jurisdiction", str, description="GB/T 2260 code of a county (default: the whole city)"
        ),
        OpenApiParameter("q", str, description="part of the document number or title"),
    ]
)
class PublicDocumentList(PublicMixin, generics.ListAPIView):
    """Normative documents filed with the legal office and found without problem."""

    serializer_class = PublicDocumentSerializer

    def get_queryset(self):
        params = self.request.query_params
        return selectors.public_documents(
            chosen_jurisdiction(self.request), text=params.get("q", "")
        )


class PublicObjectionCreate(PublicMixin, generics.CreateAPIView):
    """Object to a normative document found without problem; the answer is due within the
    period. The response carries the tracking code, shown this once: the portal keeps only its
    digest."""

    serializer_class = PublicObjectionSerializer

    def perform_create(self, serializer):
        serializer.instance = services.objection_file(**serializer.validated_data)


class PublicObjectionTrack(PublicMixin, generics.GenericAPIView):
    """An objection by its tracking code (in the body, not the address): the dates and the
    answer, nothing of who objected. A wrong code is a 404 that says nothing of others."""

    serializer_class = TrackingCodeSerializer

    @extend_schema(responses={200: PublicObjectionSerializer})
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        objection = services.objection_by_code(serializer.validated_data["code"])
        if objection is None:
            return Response(
                {"detail": _("No objection has this tracking code.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(PublicObjectionSerializer(objection).data)

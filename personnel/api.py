from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from entities.models import EnforcementEntity
from supervision.web.api import IsLegalOffice, IsLegalOfficeOrReadOnly
from supervision.web.public import chosen_jurisdiction
from supervision.web.serializers import OptionalReasonSerializer, ReasonSerializer
from supervision.web.throttling import PublicRateThrottle
from supervision.web.viewsets import (
    IsRegistrarOrReadOnly,
    RegistryViewSet,
    TransitionsMixin,
    transition_action,
)

from . import selectors, services
from .filters import (
    AnnualReviewFilter,
    AuxiliaryStaffFilter,
    CertificateFilter,
    ConductRecordFilter,
    OfficerFilter,
)
from .models import (
    AnnualReview,
    AuxiliaryStaff,
    Certificate,
    ConductCategory,
    ConductRecord,
    Officer,
)
from .serializers import (
    AnnualReviewSerializer,
    AuxiliaryStaffSerializer,
    BulkReviewSerializer,
    CertificateIssueSerializer,
    CertificateSerializer,
    CitizenIdSerializer,
    ConductCategorySerializer,
    ConductRecordSerializer,
    OfficerSerializer,
    PublicCertificateSerializer,
    PublicEntitySerializer,
)


class CitizenIdSearchSerializer(serializers.Serializer):
    q = serializers.CharField(
        label=_("name or citizen ID number"),
        max_length=50,
        help_text=_("A whole citizen ID number, or part of a name."),
    )


class SearchByPostMixin:
    """``POST …/search/ {"q": "…"}``: the list filtered by a whole citizen ID number, which a GET
    may not carry (it would reach access logs); audited and limited like every such search."""

    @extend_schema(request=CitizenIdSearchSerializer, summary="search by citizen ID number")
    @action(
        detail=False,
        methods=["post"],
        url_path="search",
        url_name="search",
        permission_classes=[permissions.IsAuthenticated],  # a search, not a write
    )
    def search(self, request):
        body = CitizenIdSearchSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        filterset = self.filterset_class(
            {"q": body.validated_data["q"]}, queryset=self.get_queryset(), request=request
        )
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class WholeCitizenIdAction:
    @extend_schema(request=None, responses=CitizenIdSerializer)
    @action(detail=True, methods=["post"], url_path="citizen-id", url_name="citizen-id")
    def citizen_id(self, request, pk=None):
        """The whole citizen ID number, for the person's own department and the legal office;
        each showing is in the audit trail."""
        person = self.get_object()
        citizen_id = services.citizen_id_show(person=person, actor=request.user)
        return Response({"citizen_id": citizen_id})


class OfficerViewSet(SearchByPostMixin, WholeCitizenIdAction, RegistryViewSet):
    """Enforcement officers (执法人员), with whether each may enforce today and why not.

    ``citizen_id`` reads masked; the whole number is asked for with ``POST {id}/citizen-id/``
    (the officer's own department and the legal office only; audited)."""

    serializer_class = OfficerSerializer
    filterset_class = OfficerFilter

    def get_queryset(self):
        return Officer.objects.for_user(self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.annotate_enforcement(page) if page is not None else None

    def get_object(self):
        officer = super().get_object()
        selectors.annotate_enforcement([officer])
        return officer

    def perform_create(self, serializer):
        officer = services.officer_create(actor=self.request.user, **serializer.validated_data)
        serializer.instance = selectors.annotate_enforcement([officer])[0]

    def perform_update(self, serializer):
        officer = services.officer_update(
            officer=serializer.instance, actor=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.annotate_enforcement([officer])[0]


class AuxiliaryStaffViewSet(SearchByPostMixin, WholeCitizenIdAction, RegistryViewSet):
    """Auxiliary enforcement staff (执法辅助人员): they never hold certificates."""

    serializer_class = AuxiliaryStaffSerializer
    filterset_class = AuxiliaryStaffFilter

    def get_queryset(self):
        return AuxiliaryStaff.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.auxiliary_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.auxiliary_update(
            staff=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class CertificateViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Certificates (执法证件): the legal office issues, withholds, restores and revokes them."""

    serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    permission_classes = [IsLegalOfficeOrReadOnly]
    service_module = services
    service_prefix = "certificate"
    service_argument = "certificate"

    def get_queryset(self):
        return Certificate.objects.for_user(self.request.user)

    @extend_schema(request=CertificateIssueSerializer, responses={201: CertificateSerializer})
    def create(self, request, *args, **kwargs):
        """Issue a certificate; without ``number`` the next in sequence is taken."""
        issue = CertificateIssueSerializer(data=request.data, context=self.get_serializer_context())
        issue.is_valid(raise_exception=True)
        certificate = services.certificate_issue(actor=request.user, **issue.validated_data)
        return Response(self.get_serializer(certificate).data, status=status.HTTP_201_CREATED)

    withhold = transition_action("withhold", reasons=ReasonSerializer, summary="Withhold (暂扣)")
    restore = transition_action("restore", reasons=ReasonSerializer, summary="Restore")
    revoke = transition_action("revoke", reasons=ReasonSerializer, summary="Revoke (收回)")


class AnnualReviewViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Annual reviews (年审注册): one per certificate and year, recorded by the legal office."""

    serializer_class = AnnualReviewSerializer
    filterset_class = AnnualReviewFilter
    permission_classes = [IsLegalOfficeOrReadOnly]

    def get_queryset(self):
        return AnnualReview.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.annual_review_record(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=BulkReviewSerializer, responses={201: AnnualReviewSerializer(many=True)})
    @action(detail=False, methods=["post"], permission_classes=[IsLegalOffice])
    def bulk(self, request):
        """Record one year's result for a list of certificates: all of them, or none."""
        bulk = BulkReviewSerializer(data=request.data, context=self.get_serializer_context())
        bulk.is_valid(raise_exception=True)
        reviews = services.annual_reviews_record(actor=request.user, **bulk.validated_data)
        return Response(
            AnnualReviewSerializer(reviews, many=True).data, status=status.HTTP_201_CREATED
        )


class ConductCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The bad-conduct categories in use (the administrator keeps the list)."""

    serializer_class = ConductCategorySerializer
    queryset = ConductCategory.objects.filter(is_active=True)
    pagination_class = None


class ConductRecordViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bad-conduct records (不良执法行为档案): reported, then verified or dismissed by the legal office."""

    serializer_class = ConductRecordSerializer
    filterset_class = ConductRecordFilter
    permission_classes = [IsRegistrarOrReadOnly]
    service_module = services
    service_prefix = "conduct"
    service_argument = "record"

    def get_queryset(self):
        return ConductRecord.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.conduct_report(
            actor=self.request.user, **serializer.validated_data
        )

    verify = transition_action("verify", reasons=OptionalReasonSerializer, summary="Verify")
    dismiss = transition_action("dismiss", reasons=ReasonSerializer, summary="Dismiss with reasons")


# The public lookup (no login), limited per client address.


class PublicMixin:
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PublicRateThrottle]


@extend_schema(
    parameters=[
        OpenApiParameter("number", str, description="the certificate number, exactly"),
        OpenApiParameter("name", str, description="the officer's full name, exactly"),
        OpenApiParameter(
            "jurisdiction", str, description="a GB/T 2260 code: names are looked up there only"
        ),
    ]
)
class PublicCertificateList(PublicMixin, generics.ListAPIView):
    """Certified officers by certificate number or full name: the fields the public page shows."""

    serializer_class = PublicCertificateSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        params = self.request.query_params
        by = "number" if params.get("number") else "name"
        return selectors.public_certificates(
            params.get(by) or "", timezone.localdate(), chosen_jurisdiction(self.request), by=by
        )


@extend_schema(
    parameters=[
        OpenApiParameter("name", str, description="part of the entity's name"),
        OpenApiParameter("jurisdiction", str, description="a GB/T 2260 code, e.g. 341321"),
    ]
)
class PublicEntityList(PublicMixin, generics.ListAPIView):
    """Published enforcement entities with their legal bases and the entrustments in force."""

    serializer_class = PublicEntitySerializer
    filter_backends = []

    def get_queryset(self):
        raw = self.request.query_params.get("name", "")
        name = selectors.clean_public_query(raw)
        if raw.strip() and not name:  # too long or odd: nothing matches, say so quietly
            return EnforcementEntity.objects.published_with_agreements().none()
        jurisdiction = chosen_jurisdiction(self.request)
        entities = EnforcementEntity.objects
        if jurisdiction is not None:
            entities = entities.in_jurisdiction(jurisdiction)
        return entities.published_with_agreements(name)

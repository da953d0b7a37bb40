"""The cases API: thin viewsets over ``cases.services``; records reached through ``for_user``."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from . import services, spreadsheets
from .filters import CatalogueFilter, CategoryFilter, DecisionFilter
from .models import CaseCatalogue, MajorDecision, MajorDecisionCategory
from .serializers import (
    CatalogueItemsSerializer,
    CatalogueSerializer,
    CatalogueUploadSerializer,
    CategorySerializer,
    DecideSerializer,
    DecisionSerializer,
    FileSerializer,
    ReviewSerializer,
)


class ClerkOrLegalOfficeWrites(permissions.BasePermission):
    """Everyone signed in reads their scope; clerks and the legal office write."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or (
            user.is_clerk or user.sees_all_departments
        )


class _WriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [ClerkOrLegalOfficeWrites]


class CategoryViewSet(_WriteViewSet):
    """The catalogue of major decisions (重大执法决定事项目录) of each department."""

    serializer_class = CategorySerializer
    filterset_class = CategoryFilter

    def get_queryset(self):
        return MajorDecisionCategory.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.category_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.category_update(
            category=serializer.instance, actor=self.request.user, **serializer.validated_data
        )


class DecisionViewSet(_WriteViewSet):
    """Major decisions: registered, reviewed by the legal office, made, then filed within 10 days."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        return MajorDecision.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.decision_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.decision_update(
            decision=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, decision):
        decision = self.get_queryset().get(pk=decision.pk)
        return Response(self.get_serializer(decision).data)

    @extend_schema(request=ReviewSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """The legal review (法制审核), by the legal office: passed or failed, with an opinion."""
        decision = self.get_object()  # another department's decision: 404 before anything else
        if not request.user.sees_all_departments:
            raise PermissionDenied
        data = self._valid(ReviewSerializer, request)
        return self._answer(
            services.decision_review(
                decision=decision,
                result=data["result"],
                opinion=data["opinion"],
                actor=request.user,
            )
        )

    @extend_schema(request=DecideSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the decision as made; refused unless its legal review has passed."""
        decision = self.get_object()
        data = self._valid(DecideSerializer, request)
        return self._answer(
            services.decision_decide(
                decision=decision, decision_date=data["decision_date"], actor=request.user
            )
        )

    @extend_schema(request=FileSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        """Record the filing (备案); ``filed_on`` defaults to today."""
        decision = self.get_object()
        data = self._valid(FileSerializer, request)
        return self._answer(
            services.decision_file(
                decision=decision, filed_on=data.get("filed_on"), actor=request.user
            )
        )

    @staticmethod
    def _valid(serializer_class, request):
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class CatalogueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Case-file catalogues (案卷目录): one per department and year, filed by the end of January."""

    serializer_class = CatalogueSerializer
    filterset_class = CatalogueFilter
    permission_classes = [ClerkOrLegalOfficeWrites]

    def get_queryset(self):
        return CaseCatalogue.objects.for_user(self.request.user).prefetch_related("items")

    def perform_create(self, serializer):
        serializer.instance = services.catalogue_open(
            actor=self.request.user, existing_ok=False, **serializer.validated_data
        )

    def _answer(self, catalogue, status_code=status.HTTP_200_OK):
        catalogue = self.get_queryset().get(pk=catalogue.pk)
        return Response(self.get_serializer(catalogue).data, status=status_code)

    @extend_schema(request=CatalogueItemsSerializer, responses=CatalogueSerializer)
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        """Add case files (all or none): ``{"items": [{"case_number", "title", "kind",
        "closing_date"}, ...], "replace": false}``."""
        catalogue = self.get_object()
        serializer = CatalogueItemsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.catalogue_items_add(
            catalogue=catalogue,
            rows=list(enumerate(serializer.validated_data["items"], start=1)),
            replace=serializer.validated_data["replace"],
            actor=request.user,
        )
        return self._answer(catalogue, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": CatalogueUploadSerializer}, responses=CatalogueSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def upload(self, request, pk=None):
        """Add case files from an .xlsx sheet in the template's layout (all rows or none)."""
        catalogue = self.get_object()
        serializer = CatalogueUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rows = spreadsheets.read_catalogue_rows(serializer.validated_data["file"])
        services.catalogue_items_add(
            catalogue=catalogue,
            rows=rows,
            replace=serializer.validated_data["replace"],
            actor=request.user,
        )
        return self._answer(catalogue, status.HTTP_201_CREATED)

    @extend_schema(request=FileSerializer, responses=CatalogueSerializer)
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        """File the catalogue; after the due date it is accepted and marked late."""
        catalogue = self.get_object()
        serializer = FileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.catalogue_file(
            catalogue=catalogue,
            filed_on=serializer.validated_data.get("filed_on"),
            actor=request.user,
        )
        return self._answer(catalogue)

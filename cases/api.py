"""The cases API: the kernel's registry viewsets over ``cases.services``; records reached through
``for_user``; transitions as ``POST /{id}/{action}/``."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from supervision.web.serializers import ReasonSerializer
from supervision.web.viewsets import RegistryViewSet, TransitionsMixin, transition_action

from . import services
from .filters import CatalogueFilter, CategoryFilter, DecisionFilter
from .models import CaseCatalogue, MajorDecision, MajorDecisionCategory
from .serializers import (
    AttachmentUploadSerializer,
    CatalogueFileSerializer,
    CatalogueItemsSerializer,
    CatalogueSerializer,
    CatalogueUploadSerializer,
    CategorySerializer,
    DecideSerializer,
    DecisionSerializer,
    FileSerializer,
    ReviewSerializer,
)


class CategoryViewSet(RegistryViewSet):
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


class DecisionViewSet(TransitionsMixin, RegistryViewSet):
    """Major decisions: registered, reviewed by the legal office, made, then filed within 10 days."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    service_module = services
    service_prefix = "decision"
    service_argument = "decision"

    def get_queryset(self):
        return MajorDecision.objects.for_user(self.request.user).prefetch_related("attachments")

    def perform_create(self, serializer):
        serializer.instance = services.decision_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.decision_update(
            decision=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    review = transition_action(
        "review",
        reasons=ReviewSerializer,
        summary="The legal review (法制审核) by the legal office: passed or failed, with an opinion",
    )
    decide = transition_action(
        "decide",
        reasons=DecideSerializer,
        summary="Record the decision as made; refused unless its legal review has passed",
    )
    file = transition_action(
        "file",
        reasons=FileSerializer,
        summary="File the decision (备案) with its documents (the decision document at least);"
        " dated today: only the legal office records an earlier filed_on, for a paper filing",
    )
    receive = transition_action(
        "receive", summary="The legal office receives the filing (备案审查: received)"
    )

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer}, responses=DecisionSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach a document (``kind``: decision, review_opinion, other) before the filing."""
        decision = self.get_object()
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.decision_attach(decision=decision, actor=request.user, **serializer.validated_data)
        decision = self.get_queryset().get(pk=decision.pk)
        return Response(self.get_serializer(decision).data, status=status.HTTP_201_CREATED)


# ``return`` is a Python keyword: the action is set by name, as the route calls it.
setattr(
    DecisionViewSet,
    "return",
    transition_action(
        "return",
        reasons=ReasonSerializer,
        summary="The legal office returns the filing with the reasons: it is not filed",
    ),
)


class CatalogueViewSet(TransitionsMixin, RegistryViewSet):
    """Case-file catalogues (案卷目录): one per department and year, filed by the end of January.

    Opened and filed, never edited: their case files are added through ``items`` and ``upload``.
    """

    serializer_class = CatalogueSerializer
    filterset_class = CatalogueFilter
    http_method_names = ["get", "post", "head", "options"]
    service_module = services
    service_prefix = "catalogue"
    service_argument = "catalogue"

    def get_queryset(self):
        return CaseCatalogue.objects.for_user(self.request.user).prefetch_related("items")

    def perform_create(self, serializer):
        serializer.instance = services.catalogue_open(
            actor=self.request.user, existing_ok=False, **serializer.validated_data
        )

    def _added(self, catalogue):
        catalogue = self.get_queryset().get(pk=catalogue.pk)
        return Response(self.get_serializer(catalogue).data, status=status.HTTP_201_CREATED)

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
        return self._added(catalogue)

    @extend_schema(
        request={"multipart/form-data": CatalogueUploadSerializer}, responses=CatalogueSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def upload(self, request, pk=None):
        """Add case files from an .xlsx sheet in the template's layout (all rows or none)."""
        catalogue = self.get_object()
        serializer = CatalogueUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.catalogue_upload(
            catalogue=catalogue, actor=request.user, **serializer.validated_data
        )
        return self._added(catalogue)

    file = transition_action(
        "file",
        reasons=CatalogueFileSerializer,
        summary="File the catalogue with the signed catalogue (document, multipart); after the due"
        " date it is accepted and marked late; dated today: only the legal office records an"
        " earlier filed_on, for a paper filing",
    )
    receive = transition_action(
        "receive", summary="The legal office receives the filing (备案审查: received)"
    )


setattr(
    CatalogueViewSet,
    "return",
    transition_action(
        "return",
        reasons=ReasonSerializer,
        summary="The legal office returns the filing with the reasons: it is open again",
    ),
)

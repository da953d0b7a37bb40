"""The API of special inspections under ``/api/v1/inspections/``: plan, change, start, conclude,
add findings (into the rectification loop), issue the report. Same services as the pages; 409
for a transition the state does not allow; another department's inspection is 404."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from supervision.models import Department, Finding, User
from supervision.web.filters import YearFilter
from supervision.web.serializers import StrictModelSerializer, StrictSerializer
from supervision.web.viewsets import IsRegistrarOrReadOnly

from . import selectors, services
from .models import Inspection


class InspectionSerializer(StrictModelSerializer):
    departments = serializers.PrimaryKeyRelatedField(
        label=_("departments inspected"), many=True, queryset=Department.objects.all()
    )
    team = serializers.PrimaryKeyRelatedField(
        label=_("inspection team"),
        many=True,
        required=False,
        queryset=User.objects.filter(role__in=[User.Role.LEGAL_OFFICE, User.Role.SUPERVISOR]),
    )
    methods = serializers.ListField(
        label=_("methods"),
        child=serializers.ChoiceField(choices=Inspection.Method.choices),
        allow_empty=False,
    )
    finding_count = serializers.IntegerField(read_only=True)
    open_finding_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "office",
            "title",
            "field",
            "departments",
            "methods",
            "start_on",
            "end_on",
            "team",
            "scope",
            "rectification_due",
            "status",
            "concluded_on",
            "reported_on",
            "finding_count",
            "open_finding_count",
        ]
        read_only_fields = ["office", "status", "concluded_on", "reported_on"]


class InspectionFindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "department", "problem", "standard", "status", "ordered_on", "due_on"]
        read_only_fields = fields


class NewFindingSerializer(StrictSerializer):
    department = serializers.PrimaryKeyRelatedField(
        label=_("department"), queryset=Department.objects.all()
    )
    problem = serializers.CharField(label=_("problem found"), max_length=5000)
    standard = serializers.CharField(
        label=_("clause or standard"), max_length=300, required=False, default=""
    )
    due_on = serializers.DateField(label=_("rectification due"), required=False, default=None)


class InspectionFilter(django_filters.FilterSet):
    year = YearFilter(field_name="start_on", lookup_expr="year")

    class Meta:
        model = Inspection
        fields = ["status", "field", "year"]


class InspectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Special inspections (执法监督专项检查) of the legal offices in the user's scope."""

    serializer_class = InspectionSerializer
    filterset_class = InspectionFilter
    lookup_value_regex = r"\d+"
    permission_classes = [IsRegistrarOrReadOnly]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema reads no rows
            return Inspection.objects.none()
        return selectors.inspections_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.inspection_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.inspection_update(
            inspection=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, inspection):
        return Response(self.get_serializer(self.get_queryset().get(pk=inspection.pk)).data)

    @extend_schema(request=None, summary="Start the inspection")
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._answer(
            services.inspection_start(inspection=self.get_object(), actor=request.user)
        )

    @extend_schema(request=None, summary="Conclude the inspection")
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        return self._answer(
            services.inspection_conclude(inspection=self.get_object(), actor=request.user)
        )

    @extend_schema(request=None, summary="Issue the report (通报) to the departments inspected")
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        return self._answer(
            services.inspection_report(inspection=self.get_object(), actor=request.user)
        )

    @extend_schema(
        request=NewFindingSerializer,
        responses=InspectionFindingSerializer,
        summary="Add a finding and order its rectification",
    )
    @action(detail=True, methods=["post"])
    def finding(self, request, pk=None):
        inspection = self.get_object()
        data = NewFindingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        finding = services.inspection_finding(
            inspection=inspection, actor=request.user, **data.validated_data
        )
        return Response(InspectionFindingSerializer(finding).data, status=201)

    @extend_schema(
        request=None,
        responses=InspectionFindingSerializer(many=True),
        summary="The inspection's findings and their state",
    )
    @action(detail=True, methods=["get"])
    def findings(self, request, pk=None):
        inspection = self.get_object()
        rows = selectors.findings_of(request.user, inspection)
        return Response(InspectionFindingSerializer(rows, many=True).data)

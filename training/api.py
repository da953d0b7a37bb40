from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from personnel.models import Officer
from supervision.web.api import IsLegalOfficeOrReadOnly
from supervision.web.serializers import ReasonSerializer
from supervision.web.viewsets import TransitionsMixin, transition_action

from . import importing, selectors, services
from .filters import AssessmentFilter, CourseFilter, TrainingPlanFilter, TrainingRecordFilter
from .models import Assessment, Course, TrainingPlan, TrainingRecord
from .serializers import (
    AssessmentSerializer,
    CourseSerializer,
    ImportResultSerializer,
    SheetSerializer,
    StandingSerializer,
    TrainingPlanSerializer,
    TrainingRecordSerializer,
    YearQuerySerializer,
)


class TrainingPlanViewSet(
    TransitionsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Yearly training plans (培训计划): one per department and year, filed by the end of January."""

    serializer_class = TrainingPlanSerializer
    filterset_class = TrainingPlanFilter
    service_module = services
    service_prefix = "plan"
    service_argument = "plan"

    def get_queryset(self):
        return TrainingPlan.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.plan_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.plan_update(
            plan=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    file = transition_action(
        "file", summary="File with the legal office (备案) with the plan document; dated today"
    )
    receive = transition_action(
        "receive", summary="The legal office receives the filing (备案审查: received)"
    )


# ``return`` is a Python keyword: the action is set by name, as the route calls it.
setattr(
    TrainingPlanViewSet,
    "return",
    transition_action(
        "return",
        reasons=ReasonSerializer,
        summary="The legal office returns the filing with the reasons: it may be changed again",
    ),
)


class CourseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Training courses: centralised (the legal office) or organised by a department."""

    serializer_class = CourseSerializer
    filterset_class = CourseFilter

    def get_queryset(self):
        return Course.objects.for_user(self.request.user).prefetch_related("open_to")

    def perform_create(self, serializer):
        serializer.instance = services.course_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.course_update(
            course=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        request={"multipart/form-data": SheetSerializer}, responses=ImportResultSerializer
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="attendance-import",
        url_name="attendance-import",
        parser_classes=[MultiPartParser],
    )
    def attendance_import(self, request, pk=None):
        """Record attendance from an .xlsx sign-in sheet: every row, or none with each row's errors."""
        course = self.get_object()
        upload = SheetSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        count = importing.sheet_import(
            file=upload.validated_data["file"], course=course, actor=request.user
        )
        return Response({"imported": count}, status=status.HTTP_201_CREATED)


class TrainingRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Attendance and hours earned. An officer or a course outside your scope, or one that does not exist, is a field error (400)."""

    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingRecordFilter

    def get_queryset(self):
        return TrainingRecord.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.record_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.record_delete(record=instance, actor=self.request.user)


class AssessmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Assessment attempts (考核): recorded by the legal office; several a year, the best counts."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    permission_classes = [IsLegalOfficeOrReadOnly]

    def get_queryset(self):
        return Assessment.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.assessment_record(
            actor=self.request.user, **serializer.validated_data
        )


class OfficerTrainingView(APIView):
    """An officer's training standing in a year (default: this year)."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="calendar year, e.g. 2026")],
        responses=StandingSerializer,
    )
    def get(self, request, pk):
        officer = get_object_or_404(Officer.objects.for_user(request.user), pk=pk)
        query = YearQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        standing = selectors.officer_standing(officer, year)
        return Response(StandingSerializer(standing.as_dict()).data)

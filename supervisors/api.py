"""The API of the invited supervisors' work: ``/api/v1/supervisor-reports/`` (a quarter's written
report: the supervisor writes and files it; the legal office completes the review),
``/api/v1/supervisor-problems/`` (raised by the supervisor; made a finding or closed by the legal
office), ``/api/v1/supervisor-activities/``. Same services as the pages; 409 for a transition the
state does not allow; another supervisor's anything is 404. A client never sets a status, an
owner or a date that a service decides."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from supervision.models import Department
from supervision.web.serializers import ReasonSerializer, StrictModelSerializer, StrictSerializer

from . import services
from .models import Activity, Problem, QuarterlyReport


class SignedIn(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated)


class ContactDepartmentField(serializers.PrimaryKeyRelatedField):
    """A department named by id; the service checks it is one of the supervisor's contact."""

    def get_queryset(self):
        return Department.objects.filter(is_legal_office=False)


class SupervisorProblemSerializer(StrictModelSerializer):
    department = ContactDepartmentField(label=_("department"))
    report = serializers.PrimaryKeyRelatedField(
        label=_("quarterly report"), queryset=QuarterlyReport.objects.none()
    )
    finding_status = serializers.SerializerMethodField()
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id",
            "report",
            "department",
            "description",
            "status",
            "finding",
            "finding_status",
            "close_reason",
            "decided_on",
            "outcome",
        ]
        read_only_fields = ["status", "finding", "close_reason", "decided_on"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            fields["report"].queryset = QuarterlyReport.objects.for_user(request.user)
        return fields

    def get_finding_status(self, problem) -> str:
        return problem.finding.status if problem.finding_id else ""

    def get_outcome(self, problem) -> str:
        return services.outcome_label(problem)


class QuarterlyReportSerializer(StrictModelSerializer):
    problems = SupervisorProblemSerializer(many=True, read_only=True)
    attachments = serializers.SerializerMethodField()
    activities = serializers.SerializerMethodField()

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "supervisor",
            "year",
            "quarter",
            "due_on",
            "status",
            "text",
            "submitted_on",
            "reviewed_on",
            "activities",
            "attachments",
            "problems",
        ]
        read_only_fields = [f for f in fields if f != "text"]

    def get_attachments(self, report) -> list[str]:
        return [a.file_name for a in report.attachments.all()]

    def get_activities(self, report) -> list[int]:
        return [a.pk for a in report.activities.all()]


class SupervisionActivitySerializer(StrictModelSerializer):
    department = ContactDepartmentField(label=_("department"))

    class Meta:
        model = Activity
        fields = ["id", "report", "supervisor", "department", "held_on", "kind", "observations"]
        read_only_fields = ["report", "supervisor"]


class FindingOrderSerializer(StrictSerializer):
    due_on = serializers.DateField(label=_("rectification due"), required=False, default=None)
    standard = serializers.CharField(
        label=_("provision or standard"), max_length=300, required=False, default=""
    )


class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Invited supervisors' quarterly reports in the user's scope."""

    serializer_class = QuarterlyReportSerializer
    permission_classes = [SignedIn]
    filterset_fields = ["year", "quarter", "status", "supervisor"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return (
            QuarterlyReport.objects.for_user(self.request.user)
            .select_related("supervisor")
            .prefetch_related("problems__finding", "attachments", "activities")
        )

    def perform_update(self, serializer):
        serializer.instance = services.report_change(
            report=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, report):
        return Response(self.get_serializer(self.get_queryset().get(pk=report.pk)).data)

    @extend_schema(request=None, summary="File the quarter's written report")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._answer(services.report_submit(report=self.get_object(), actor=request.user))

    @extend_schema(request=None, summary="Complete the legal office's review")
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._answer(services.report_review(report=self.get_object(), actor=request.user))


class ProblemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Problems raised in the supervisors' reports and what became of each."""

    serializer_class = SupervisorProblemSerializer
    permission_classes = [SignedIn]
    filterset_fields = ["report", "status", "department"]

    def get_queryset(self):
        return Problem.objects.for_user(self.request.user).select_related("finding", "report")

    def perform_create(self, serializer):
        serializer.instance = services.problem_add(
            actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, problem):
        return Response(self.get_serializer(self.get_queryset().get(pk=problem.pk)).data)

    @extend_schema(request=FindingOrderSerializer, summary="Make the problem a finding")
    @action(detail=True, methods=["post"])
    def finding(self, request, pk=None):
        problem = self.get_object()
        body = FindingOrderSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            services.problem_finding(problem=problem, actor=request.user, **body.validated_data)
        )

    @extend_schema(request=ReasonSerializer, summary="Close the problem with a reason")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        problem = self.get_object()
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            services.problem_close(problem=problem, actor=request.user, **body.validated_data)
        )


class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Supervision activities in the user's scope; a supervisor records their own."""

    serializer_class = SupervisionActivitySerializer
    permission_classes = [SignedIn]
    filterset_fields = ["department", "held_on"]

    def get_queryset(self):
        return Activity.objects.for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.activity_record(
            actor=self.request.user, **serializer.validated_data
        )

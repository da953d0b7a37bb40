"""The API of findings and rectification: ``/api/v1/findings/``, the same actions as the pages,
through ``supervision.rectification``; records reached through ``Finding.objects.for_user``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from . import rectification
from .findings_web import FindingFilter
from .models import Finding, RectificationReport
from .models_rectification import FOLLOW_UP_RESULTS
from .web.serializers import (
    DepartmentOnCreateMixin,
    NoteField,
    StrictModelSerializer,
    StrictSerializer,
)
from .web.viewsets import RegistryViewSet, TransitionsMixin, transition_action


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = RectificationReport
        fields = ["id", "round", "text", "submitted_on", "decision", "reasons", "decided_on"]
        read_only_fields = fields


class FindingSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    source_type = serializers.SerializerMethodField()
    reports = ReportSerializer(many=True, read_only=True)
    evidence = serializers.FileField(label=_("evidence"), write_only=True, required=False)
    # What an app wrote itself (a complaint's problem, "Complaint TS…") reads in the reader's
    # language; what a person typed, as typed.
    problem = NoteField(read_only=False, label=_("problem found"))
    source_label = NoteField(label=_("source"))

    class Meta:
        model = Finding
        fields = [
            "id",
            "department",
            "problem",
            "standard",
            "evidence",
            "source_type",
            "source_id",
            "source_label",
            "status",
            "round",
            "ordered_on",
            "due_on",
            "due_provisional",
            "closed_on",
            "follow_up",
            "follow_up_on",
            "follow_up_note",
            "reports",
        ]
        read_only_fields = [
            "source_id",
            "source_label",
            "status",
            "round",
            "ordered_on",
            "due_on",
            "due_provisional",
            "closed_on",
            "follow_up",
            "follow_up_on",
            "follow_up_note",
        ]

    def get_source_type(self, finding) -> str:
        source = finding.source_type
        return f"{source.app_label}.{source.model}" if source else ""


class OrderSerializer(StrictSerializer):
    due_on = serializers.DateField(label=_("rectification due"), required=False, default=None)


class RectificationReportSerializer(StrictSerializer):
    text = serializers.CharField(label=_("what was done"), max_length=10000)
    evidence = serializers.FileField(label=_("evidence"), required=False, default=None)


class AcceptSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("opinion"), max_length=2000, required=False, default="")


class ReturnSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reasons"), max_length=2000)
    due_on = serializers.DateField(label=_("new due date"), required=False, default=None)


class FollowUpSerializer(StrictSerializer):
    result = serializers.ChoiceField(label=_("result"), choices=FOLLOW_UP_RESULTS)
    note = serializers.CharField(label=_("note"), max_length=2000, required=False, default="")
    due_on = serializers.DateField(label=_("new due date"), required=False, default=None)


class WithdrawSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reasons"), max_length=2000)


class FindingViewSet(TransitionsMixin, RegistryViewSet):
    """Findings against departments and their rectification (整改): raised by the legal office
    (or by an instrument through ``supervision.rectification``), ordered with a due date,
    reported by the department, accepted or returned, checked again."""

    serializer_class = FindingSerializer
    filterset_class = FindingFilter
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    service_module = rectification
    service_prefix = "finding"
    service_argument = "finding"

    def get_queryset(self):
        return Finding.objects.for_user(self.request.user).prefetch_related("reports")

    def perform_create(self, serializer):
        serializer.instance = rectification.finding_raise(
            actor=self.request.user, **serializer.validated_data
        )

    order = transition_action("order", reasons=OrderSerializer, summary="Order the rectification")
    report = transition_action(
        "report",
        reasons=RectificationReportSerializer,
        summary="The department's rectification report (a clerk of the department)",
    )
    accept = transition_action("accept", reasons=AcceptSerializer, summary="Accept: closed")
    follow_up = transition_action(
        "follow_up",
        reasons=FollowUpSerializer,
        summary="The follow-up check: confirmed or reopened",
    )
    withdraw = transition_action("withdraw", reasons=WithdrawSerializer, summary="Withdraw")


# ``return`` is a Python keyword: the action is set by name, as the route calls it.
setattr(
    FindingViewSet,
    "return",
    transition_action(
        "return", reasons=ReturnSerializer, summary="Return with reasons and a new due date"
    ),
)

"""The API of evaluation campaigns under ``/api/v1/evaluations/``: campaigns (set up, draw,
publish, report, schedule), the departments' self-checks, the sample's files (score, settle, drop,
appeal, decide an appeal). Same services as the pages; 409 for a transition the state does not
allow; another department's anything is 404."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from supervision.models import Department, User
from supervision.web.filters import IdFilter
from supervision.web.serializers import StrictModelSerializer, StrictSerializer
from supervision.web.viewsets import IsRegistrarOrReadOnly

from . import services
from .deadlines import SCHEDULE
from .models import Appeal, Campaign, Participant, SampleFile


class ParticipantSerializer(serializers.ModelSerializer):
    class Meta:
        model = Participant
        fields = ["id", "department", "self_check_text", "self_check_on"]
        read_only_fields = fields


class CampaignSerializer(StrictModelSerializer):
    participants = serializers.SerializerMethodField()
    departments = serializers.PrimaryKeyRelatedField(
        label=_("departments"), many=True, write_only=True, queryset=Department.objects.all()
    )
    members = serializers.PrimaryKeyRelatedField(
        label=_("evaluation group"),
        many=True,
        required=False,
        queryset=User.objects.filter(role__in=[User.Role.LEGAL_OFFICE, User.Role.SUPERVISOR]),
    )
    kinds = serializers.ListField(
        label=_("kinds of case file"), child=serializers.ChoiceField(choices=Campaign.Kind.choices)
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "year",
            "kinds",
            "departments",
            "participants",
            "members",
            "lead",
            "sample_count",
            "sample_share",
            "seed",
            "status",
            *SCHEDULE,
            "published_on",
            "appeal_due",
            "report_notice",
        ]
        read_only_fields = ["lead", "seed", "status", "published_on", "appeal_due", "report_notice"]
        extra_kwargs = {field: {"required": False} for field in [*SCHEDULE, "title"]}

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_participants(self, campaign):
        # A department reads its own self-check, not the others' (the scoping of Participant).
        user = self.context["request"].user
        rows = [
            p
            for p in campaign.participants.all()
            if not user.is_clerk or p.department_id == user.department_id
        ]
        return ParticipantSerializer(rows, many=True).data


class ScheduleSerializer(StrictSerializer):
    self_check_due = serializers.DateField(required=False)
    evaluation_due = serializers.DateField(required=False)
    report_due = serializers.DateField(required=False)
    rectification_due = serializers.DateField(required=False)
    follow_up_due = serializers.DateField(required=False)


class CampaignFilter(django_filters.FilterSet):
    class Meta:
        model = Campaign
        fields = ["year", "status"]


class CampaignViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Evaluation campaigns (案卷评查) of the legal offices in the user's scope."""

    serializer_class = CampaignSerializer
    filterset_class = CampaignFilter
    lookup_value_regex = r"\d+"
    permission_classes = [IsRegistrarOrReadOnly]

    def get_queryset(self):
        return (
            Campaign.objects.for_user(self.request.user)
            .distinct()
            .prefetch_related("participants", "members")
        )

    def perform_create(self, serializer):
        serializer.instance = services.campaign_create(
            actor=self.request.user, **serializer.validated_data
        )

    def _answer(self, campaign):
        return Response(self.get_serializer(self.get_queryset().get(pk=campaign.pk)).data)

    @extend_schema(request=None, summary="Draw the sample and start the evaluation")
    @action(detail=True, methods=["post"])
    def draw(self, request, pk=None):
        return self._answer(services.campaign_draw(campaign=self.get_object(), actor=request.user))

    @extend_schema(request=None, summary="Publish the results; findings into rectification")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._answer(
            services.campaign_publish(campaign=self.get_object(), actor=request.user)
        )

    @extend_schema(request=None, summary="Issue the campaign report (评查通报)")
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        return self._answer(
            services.campaign_report(campaign=self.get_object(), actor=request.user)
        )

    @extend_schema(request=ScheduleSerializer, summary="Move dates of the schedule")
    @action(detail=True, methods=["post"])
    def schedule(self, request, pk=None):
        dates = ScheduleSerializer(data=request.data)
        dates.is_valid(raise_exception=True)
        return self._answer(
            services.campaign_schedule_change(
                campaign=self.get_object(), actor=request.user, **dates.validated_data
            )
        )


class SelfCheckSerializer(StrictSerializer):
    text = serializers.CharField(label=_("self-check report"), max_length=20000)
    file = serializers.FileField(label=_("self-check attachment"), required=False, default=None)


class ParticipantViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The departments evaluated, with their self-check reports."""

    serializer_class = ParticipantSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return Participant.objects.for_user(self.request.user).select_related("campaign")

    @extend_schema(request=SelfCheckSerializer, summary="The department's self-check report")
    @action(detail=True, methods=["post"], url_path="self-check")
    def self_check(self, request, pk=None):
        data = SelfCheckSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.self_check_submit(
            participant=self.get_object(), actor=request.user, **data.validated_data
        )
        return Response(self.get_serializer(participant).data)


class AppealSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appeal
        fields = ["id", "text", "filed_on", "decision", "reasons", "decided_on"]
        read_only_fields = fields


class SampleSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="item.case_number", read_only=True)
    title = serializers.CharField(source="item.title", read_only=True)
    appeal = serializers.SerializerMethodField()

    class Meta:
        model = SampleFile
        fields = [
            "id",
            "campaign",
            "department",
            "case_number",
            "title",
            "is_major",
            "added_reason",
            "dropped",
            "drop_reason",
            "final_score",
            "vetoed",
            "grade",
            "appeal",
        ]
        read_only_fields = fields

    def get_appeal(self, sample) -> dict | None:
        appeal = getattr(sample, "appeal", None)
        return AppealSerializer(appeal).data if appeal else None

    def to_representation(self, sample):
        data = super().to_representation(sample)
        user = self.context["request"].user
        # A department reads its files' scores once they are published.
        if user.is_clerk and sample.campaign.status not in (
            Campaign.Status.PUBLISHED,
            Campaign.Status.REPORTED,
        ):
            data.update(final_score=None, vetoed=None, grade="")
        return data


class LineSerializer(StrictSerializer):
    item = serializers.IntegerField(label=_("item"))
    deduction = serializers.DecimalField(
        label=_("deduction"), max_digits=5, decimal_places=1, required=False, default=0
    )
    note = serializers.CharField(label=_("note"), max_length=500, required=False, default="")
    raise_finding = serializers.BooleanField(
        label=_("raise a finding"), required=False, default=False
    )


class ScoreSerializer(StrictSerializer):
    lines = LineSerializer(many=True, required=False, default=list)
    vetoes = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)


class SettleSerializer(StrictSerializer):
    score = serializers.DecimalField(label=_("final score"), max_digits=5, decimal_places=1)
    vetoed = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(label=_("reasons"), max_length=2000)


class DropSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reasons"), max_length=300)


class AppealFileSerializer(StrictSerializer):
    text = serializers.CharField(label=_("grounds"), max_length=5000)


class AppealDecisionSerializer(StrictSerializer):
    decision = serializers.ChoiceField(
        label=Appeal.DECISION_LABEL, choices=[c for c in Appeal.Decision.choices if c[0]]
    )
    reasons = serializers.CharField(label=_("reasons"), max_length=2000)
    score = serializers.DecimalField(
        label=_("new score"), max_digits=5, decimal_places=1, required=False, default=None
    )


class SampleFilter(django_filters.FilterSet):
    campaign = IdFilter(label=_("campaign"))

    class Meta:
        model = SampleFile
        fields = ["campaign", "department", "dropped"]


class SampleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The files drawn; a department sees its own only after its self-check is due."""

    serializer_class = SampleSerializer
    filterset_class = SampleFilter

    def get_queryset(self):
        return SampleFile.objects.for_user(self.request.user).select_related("appeal")

    def _answer(self, sample):
        return Response(self.get_serializer(self.get_queryset().get(pk=sample.pk)).data)

    def _body(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=ScoreSerializer, summary="An evaluator's scoring sheet for the file")
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        sample = self.get_object()
        body = self._body(ScoreSerializer)
        lines = {line.pop("item"): line for line in body["lines"]}
        services.score_submit(sample=sample, actor=request.user, lines=lines, vetoes=body["vetoes"])
        return self._answer(sample)

    @extend_schema(request=SettleSerializer, summary="The group's lead settles the final score")
    @action(detail=True, methods=["post"])
    def settle(self, request, pk=None):
        sample = self.get_object()
        services.sample_settle(sample=sample, actor=request.user, **self._body(SettleSerializer))
        return self._answer(sample)

    @extend_schema(request=DropSerializer, summary="Drop the file from the sample, with reasons")
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        sample = self.get_object()
        services.sample_drop(sample=sample, actor=request.user, **self._body(DropSerializer))
        return self._answer(sample)

    @extend_schema(request=AppealFileSerializer, summary="The department contests the score")
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        sample = self.get_object()
        services.appeal_file(sample=sample, actor=request.user, **self._body(AppealFileSerializer))
        return self._answer(sample)

    @extend_schema(request=AppealDecisionSerializer, summary="The lead decides the appeal")
    @action(detail=True, methods=["post"], url_path="decide-appeal")
    def decide_appeal(self, request, pk=None):
        sample = self.get_object()
        appeal = Appeal.objects.filter(sample=sample).first()
        if appeal is None:
            raise NotFound
        services.appeal_decide(
            appeal=appeal, actor=request.user, **self._body(AppealDecisionSerializer)
        )
        return self._answer(sample)

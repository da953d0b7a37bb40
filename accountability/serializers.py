from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from personnel.models import Certificate, Officer
from supervision.calendar import Deadline
from supervision.models import Department
from supervision.web.serializers import (
    DepartmentOnCreateMixin,
    NoteField,
    StrictModelSerializer,
    StrictSerializer,
)

from .models import AccountabilityAction, CriminalTransfer, Dispute, InterferenceRecord


class GroundSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True, help_text="app_label.model:id")
    cited_as = NoteField()


class ActionSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    grounds = serializers.ListField(
        child=serializers.CharField(max_length=100),
        write_only=True,
        label=_("grounds"),
        help_text='The records cited, as "app_label.model:id", e.g. "personnel.conductrecord:7".',
    )
    cited = GroundSerializer(source="grounds.all", many=True, read_only=True)
    notice_number = serializers.CharField(source="notice.number", read_only=True, default="")
    deadline = serializers.SerializerMethodField(label=_("answer deadline"))

    class Meta:
        model = AccountabilityAction
        fields = [
            "id",
            "department",
            "kind",
            "officer",
            "certificate",
            "facts",
            "grounds",
            "cited",
            "talk_on",
            "referred_to",
            "status",
            "decided_on",
            "notice_number",
            "answer_due",
            "answer_due_provisional",
            "deadline",
            "attendees",
            "answer",
            "answered_on",
        ]
        read_only_fields = [
            "status",
            "decided_on",
            "answer_due",
            "answer_due_provisional",
            "attendees",
            "answer",
            "answered_on",
        ]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        if "officer" in fields and not fields["officer"].read_only:
            fields["officer"].queryset = Officer.objects.for_user(user)
            fields["certificate"].queryset = Certificate.objects.for_user(user)
        return fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadline(self, action):
        """How the answer deadline of a recommendation was counted."""
        deadline = Deadline.from_json(action.answer_due_explanation)
        return deadline.as_dict() if deadline else None


class AnswerSerializer(StrictSerializer):
    answer = serializers.CharField(label=_("answer or record"), max_length=5000)
    attendees = serializers.CharField(
        label=_("attendees"), max_length=1000, required=False, default=""
    )


class InterferenceSerializer(StrictModelSerializer):
    class Meta:
        model = InterferenceRecord
        fields = [
            "id",
            "official_name",
            "official_post",
            "official_unit",
            "occurred_at",
            "manner",
            "request",
            "evidence",
            "status",
            "report_number",
            "reported_on",
            "response",
            "response_on",
            "accountability",
        ]
        read_only_fields = [
            "status",
            "report_number",
            "reported_on",
            "response",
            "response_on",
            "accountability",
        ]
        extra_kwargs = {"evidence": {"required": False, "write_only": True}}
        validators = []


class RespondSerializer(StrictSerializer):
    response = serializers.CharField(label=_("response"), max_length=5000)
    accountability = serializers.CharField(
        label=_("accountability taken"), max_length=5000, required=False, default=""
    )


class TransferSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    team = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Officer.objects.none(), label=_("case team")
    )

    class Meta:
        model = CriminalTransfer
        fields = [
            "id",
            "department",
            "case_number",
            "case_title",
            "suspected_offence",
            "team",
            "reported_at",
            "status",
            "decision_due",
            "decided_at",
            "decision_reason",
            "transfer_due_at",
            "transferred_at",
            "police_organ",
            "police_decided_on",
            "reconsideration_due",
            "follow_up_on",
        ]
        read_only_fields = [
            "status",
            "decision_due",
            "decided_at",
            "decision_reason",
            "transfer_due_at",
            "transferred_at",
            "police_organ",
            "police_decided_on",
            "reconsideration_due",
            "follow_up_on",
        ]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        fields["team"].child_relation.queryset = Officer.objects.for_user(user)
        return fields


class TransferDecideSerializer(StrictSerializer):
    transfer_case = serializers.BooleanField(label=_("transfer the case"))
    decided_at = serializers.DateTimeField(label=_("decided at"))
    reason = serializers.CharField(label=_("reasons for the decision"), required=False, default="")


class TransferHandoverSerializer(StrictSerializer):
    transferred_at = serializers.DateTimeField(label=_("transferred at"))
    police_organ = serializers.CharField(label=_("public security organ"), max_length=100)


class TransferPoliceSerializer(StrictSerializer):
    case_opened = serializers.BooleanField(label=_("case opened"))
    received_on = serializers.DateField(label=_("police decision received on"))
    reply = serializers.FileField(label=_("police's reply"), required=False, default=None)


class TransferFollowUpSerializer(StrictSerializer):
    route = serializers.ChoiceField(
        label=_("follow-up"),
        choices=[CriminalTransfer.Status.RECONSIDERATION, CriminalTransfer.Status.PROCURATORATE],
    )
    requested_on = serializers.DateField(label=_("requested on"))
    reply = serializers.FileField(
        label=_("procuratorate's or police's reply"), required=False, default=None
    )


class DisputeSerializer(StrictModelSerializer):
    applicant = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.none(), required=False, label=_("submitting department")
    )
    answer_due_explanation = NoteField(label=_("how the deadline was computed"))

    class Meta:
        model = Dispute
        fields = [
            "id",
            "applicant",
            "respondent",
            "kind",
            "matter",
            "applicant_position",
            "applicant_basis",
            "respondent_position",
            "respondent_basis",
            "submitted_on",
            "answer_due",
            "answer_due_explanation",
            "answered_on",
            "status",
            "opinion",
            "opinion_on",
            "proposal",
            "proposed_on",
            "government_decision",
            "decided_on",
        ]
        read_only_fields = [
            "respondent_position",
            "respondent_basis",
            "submitted_on",
            "answer_due",
            "answer_due_explanation",
            "answered_on",
            "status",
            "opinion",
            "opinion_on",
            "proposal",
            "proposed_on",
            "government_decision",
            "decided_on",
        ]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        # The legal office names the submitting department; a clerk submits for their own.
        fields["applicant"].queryset = Department.objects.handled_by(user)
        fields["respondent"].queryset = Department.objects.filter(is_legal_office=False)
        return fields


class DisputeAnswerSerializer(StrictSerializer):
    respondent_position = serializers.CharField(label=_("other department's position"))
    respondent_basis = serializers.CharField(label=_("other department's basis"))


class DisputeMeetingSerializer(StrictSerializer):
    held_on = serializers.DateField(label=_("held on"))
    attendees = serializers.CharField(label=_("attendees"))
    minutes = serializers.CharField(label=_("minutes"))


class DisputeOpinionSerializer(StrictSerializer):
    opinion = serializers.CharField(label=_("coordination opinion"))


class DisputeProposalSerializer(StrictSerializer):
    proposal = serializers.CharField(label=_("proposal to the government"))


class DisputeDecisionSerializer(StrictSerializer):
    government_decision = serializers.CharField(label=_("the government's decision"))

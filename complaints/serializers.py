from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from supervision.calendar import Deadline
from supervision.models import Department, Jurisdiction
from supervision.web.serializers import ReasonSerializer, StrictModelSerializer, StrictSerializer

from . import selectors
from .models import Complaint

FACT_FIELDS = [
    "officer_name",
    "officer_certificate",
    "place",
    "happened_on",
    "facts",
    "request",
]
IDENTITY_FIELDS = ["anonymous", "name", "phone", "contact"]


def _explained(stored) -> dict | None:
    deadline = Deadline.from_json(stored)
    return deadline.as_dict() if deadline else None


class ComplaintSerializer(StrictModelSerializer):
    """A complaint as the user may see it. ``complainant`` is in full for the handling legal office
    (and for the department once the office released it), masked for an office above, and null
    for a clerk otherwise; the tracking code is never here."""

    reference = serializers.CharField(read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    complainant = serializers.SerializerMethodField()
    accept_deadline = serializers.SerializerMethodField()
    conclude_deadline = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "id",
            "reference",
            "department",
            "channel",
            "work_order",
            "is_petition",
            "received_on",
            *FACT_FIELDS,
            "anonymous",
            "complainant",
            "identity_released",
            "status",
            "overdue",
            "accept_due",
            "accept_deadline",
            "decided_on",
            "decision_reason",
            "referred_to",
            "conclude_due",
            "conclude_deadline",
            "extension_days",
            "extension_reason",
            "investigation",
            "answer",
            "outcome",
            "answered_at",
            "return_reason",
            "concluded_on",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_complainant(self, complaint):
        identity = getattr(complaint, "identity", None)
        if identity is None:
            identity = selectors.identity_for(self.context["request"].user, complaint)
        if identity.anonymous or identity.hidden:
            return None
        return {
            "name": identity.name,
            "phone": identity.phone,
            "contact": identity.contact,
            "masked": not identity.full,
        }

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_accept_deadline(self, complaint):
        return _explained(complaint.accept_due_explanation)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_conclude_deadline(self, complaint):
        return _explained(complaint.conclude_due_explanation)


class _IdentityFields(StrictSerializer):
    officer_name = serializers.CharField(
        max_length=50, required=False, default="", allow_blank=True
    )
    officer_certificate = serializers.CharField(
        max_length=30, required=False, default="", allow_blank=True
    )
    place = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    happened_on = serializers.DateField(required=False, allow_null=True, default=None)
    facts = serializers.CharField(label=_("What happened"), max_length=5000)
    request = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    anonymous = serializers.BooleanField(required=False, default=False)
    name = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, default="", allow_blank=True)
    contact = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class RegisterSerializer(_IdentityFields):
    """A complaint the legal office registers (multipart for the original and other documents)."""

    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.none())
    channel = serializers.ChoiceField(
        choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.ONLINE]
    )
    received_on = serializers.DateField()
    work_order = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    is_petition = serializers.BooleanField(required=False, default=False)
    original = serializers.FileField(required=False, allow_null=True, default=None)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        fields["department"].queryset = Department.objects.handled_by(
            getattr(request, "user", None)
        ).filter(is_legal_office=False)
        return fields


class PublicComplaintSerializer(_IdentityFields):
    """The public form: the department of the chosen government level."""

    jurisdiction = serializers.PrimaryKeyRelatedField(queryset=Jurisdiction.objects.all())
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_legal_office=False)
    )
    files = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=5
    )

    def validate(self, data):
        if data["department"].jurisdiction_id != data["jurisdiction"].pk:
            raise serializers.ValidationError(
                {"department": [_("Choose a department of the government level chosen above.")]}
            )
        data.pop("jurisdiction")
        return data


class PublicStatusSerializer(serializers.ModelSerializer):
    """What the public reads about its complaint: never the notes, the investigation or names."""

    not_found = _(
        "No complaint has this tracking code. Check the code as it was shown when you filed the"
        " complaint."
    )

    department = serializers.CharField(source="department.name")
    status_label = serializers.CharField(source="get_status_display")
    outcome = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "department",
            "received_on",
            "status",
            "status_label",
            "decided_on",
            "accept_due",
            "conclude_due",
            "concluded_on",
            "referred_to",
            "reasons",
            "outcome",
            "answer",
        ]

    def _concluded(self, complaint):
        return complaint.status == Complaint.Status.CONCLUDED

    def get_outcome(self, complaint) -> str | None:
        return complaint.outcome if self._concluded(complaint) else None

    def get_answer(self, complaint) -> str | None:
        return complaint.answer if self._concluded(complaint) else None

    def get_reasons(self, complaint) -> str | None:
        if complaint.status in (Complaint.Status.REFERRED, Complaint.Status.REFUSED):
            return complaint.decision_reason
        return None


class ComplaintAcceptSerializer(StrictSerializer):
    assign = serializers.BooleanField(required=False, default=False)


class ReferSerializer(ReasonSerializer):
    referred_to = serializers.CharField(max_length=200)


class ExtendSerializer(ReasonSerializer):
    days = serializers.IntegerField(min_value=1, max_value=366)


class ComplaintAnswerSerializer(StrictSerializer):
    investigation = serializers.CharField(max_length=5000)
    answer = serializers.CharField(max_length=5000)
    outcome = serializers.ChoiceField(choices=Complaint.Outcome.choices)

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers

from entities.models import EnforcementEntity
from supervision.web.serializers import (
    DepartmentOnCreateMixin,
    NoteField,
    StrictModelSerializer,
    StrictSerializer,
)

from .models import (
    AnnualReview,
    AuxiliaryStaff,
    Certificate,
    ConductCategory,
    ConductRecord,
    Officer,
)


def _request_user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class MaskedCitizenIdMixin:
    """The ID number reads masked for everyone, in lists and records alike: the whole number is
    asked for on its own (``POST .../citizen-id/``, audited), by the person's own department and
    the legal office only."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["citizen_id"] = instance.masked_citizen_id
        return data


class CitizenIdSerializer(serializers.Serializer):
    citizen_id = serializers.CharField(label=_("citizen ID number"), read_only=True)


class OfficerSerializer(MaskedCitizenIdMixin, DepartmentOnCreateMixin, StrictModelSerializer):
    may_enforce = serializers.SerializerMethodField()
    enforce_reasons = serializers.SerializerMethodField()
    photo = serializers.FileField(label=_("photo"), write_only=True, required=False)
    has_photo = serializers.SerializerMethodField()

    class Meta:
        model = Officer
        fields = [
            "id",
            "name",
            "citizen_id",
            "department",
            "entity",
            "post",
            "on_establishment",
            "photo",
            "has_photo",
            "may_enforce",
            "enforce_reasons",
        ]
        # The service checks the number once it is normalised (a lower-case x raised).
        extra_kwargs = {"citizen_id": {"validators": []}}

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if "entity" in fields and user is not None and not fields["entity"].read_only:
            fields["entity"].queryset = EnforcementEntity.objects.for_user(user)
        return fields

    def get_has_photo(self, officer) -> bool:
        return bool(officer.photo)

    def get_may_enforce(self, officer) -> bool:
        return getattr(officer, "may_enforce", None)

    def get_enforce_reasons(self, officer) -> list[str]:
        return getattr(officer, "enforce_reasons", [])


class AuxiliaryStaffSerializer(
    MaskedCitizenIdMixin, DepartmentOnCreateMixin, StrictModelSerializer
):
    class Meta:
        model = AuxiliaryStaff
        fields = [
            "id",
            "name",
            "citizen_id",
            "department",
            "duties",
            "contract_starts_on",
            "contract_ends_on",
        ]
        extra_kwargs = {"citizen_id": {"validators": []}}
        validators = []


class CertificateSerializer(StrictModelSerializer):
    status_reason = NoteField(label=_("reasons for the last status change"))

    class Meta:
        model = Certificate
        fields = [
            "id",
            "officer",
            "kind",
            "number",
            "issued_on",
            "expires_on",
            "status",
            "status_reason",
            "review_due",
        ]
        read_only_fields = fields


class CertificateIssueSerializer(StrictSerializer):
    officer = serializers.PrimaryKeyRelatedField(
        label=_("officer"), queryset=Officer.objects.none()
    )
    kind = serializers.ChoiceField(label=_("kind"), choices=Certificate.Kind.choices)
    issued_on = serializers.DateField(
        label=pgettext_lazy("certificate", "issued on"), required=False
    )
    expires_on = serializers.DateField(label=_("expires on"))
    number = serializers.CharField(
        label=_("certificate number"), max_length=40, required=False, allow_blank=True
    )

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if user is not None:
            fields["officer"].queryset = Officer.objects.for_user(user)
        return fields


class AnnualReviewSerializer(StrictModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True, default=None)

    class Meta:
        model = AnnualReview
        fields = ["id", "certificate", "year", "result", "reviewed_on", "note", "recorded_by"]
        extra_kwargs = {"reviewed_on": {"required": False}}
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if user is not None and not fields["certificate"].read_only:
            fields["certificate"].queryset = Certificate.objects.for_user(user)
        return fields


class BulkReviewSerializer(StrictSerializer):
    certificates = serializers.PrimaryKeyRelatedField(
        label=_("certificates"), queryset=Certificate.objects.none(), many=True, allow_empty=False
    )
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    result = serializers.ChoiceField(label=_("result"), choices=AnnualReview.Result.choices)
    reviewed_on = serializers.DateField(label=_("reviewed on"), required=False)
    note = serializers.CharField(label=_("note"), required=False, allow_blank=True, default="")

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if user is not None:
            fields["certificates"].child_relation.queryset = Certificate.objects.for_user(user)
        return fields


class ConductCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ConductCategory
        fields = ["id", "name", "description"]


class ConductRecordSerializer(StrictModelSerializer):
    evidence = serializers.FileField(label=_("evidence"), write_only=True, required=False)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = ConductRecord
        fields = [
            "id",
            "officer",
            "occurred_on",
            "category",
            "description",
            "source",
            "evidence",
            "has_evidence",
            "status",
            "decided_on",
            "decision_reason",
        ]
        read_only_fields = ["status", "decided_on", "decision_reason"]

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if user is not None and not fields["officer"].read_only:
            fields["officer"].queryset = Officer.objects.for_user(user)
            fields["category"].queryset = ConductCategory.objects.filter(is_active=True)
        return fields

    def get_has_evidence(self, record) -> bool:
        return bool(record.evidence)


# The public lookup: exactly what a citizen may see, nothing else.


class PublicCertificateSerializer(serializers.Serializer):
    name = serializers.CharField(source="officer.name")
    kind = serializers.ChoiceField(choices=Certificate.Kind.choices)
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=Certificate.Status.choices)
    department = serializers.CharField(source="officer.department.name")
    entity = serializers.CharField(source="officer.entity.name")
    expires_on = serializers.DateField()
    may_enforce = serializers.BooleanField(source="officer.may_enforce")


class PublicEntrustmentSerializer(serializers.Serializer):
    entrusted_organisation = serializers.CharField()
    matters = serializers.CharField()
    legal_basis = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class PublicEntitySerializer(serializers.Serializer):
    name = serializers.CharField()
    department = serializers.CharField(source="department.name")
    kind = serializers.ChoiceField(choices=EnforcementEntity.Kind.choices)
    legal_basis = serializers.CharField()
    enforcement_areas = serializers.CharField()
    entrustments = PublicEntrustmentSerializer(source="entrustments_in_force", many=True)

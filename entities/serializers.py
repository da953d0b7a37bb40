from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from supervision.api import StrictModelSerializer, StrictSerializer
from supervision.models import Department

from .models import EnforcementEntity, Entrustment


class ReasonSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reason"), max_length=2000)


class OptionalReasonSerializer(StrictSerializer):
    reason = serializers.CharField(label=_("reason"), max_length=2000, required=False, default="")


class DepartmentOnCreateMixin:
    """``department``: named by the legal office when it creates a record, never by a clerk, and
    fixed once the record exists (the field is then refused as not accepted)."""

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        # Without a signed-in user (the OpenAPI schema) the field is shown as the legal office
        # sees it; a clerk's request always has the attribute, and it is False.
        may_name = self.instance is None and getattr(
            getattr(request, "user", None), "sees_all_departments", True
        )
        if may_name:
            fields["department"] = serializers.PrimaryKeyRelatedField(
                label=_("department"), queryset=Department.objects.all()
            )
        else:
            fields["department"] = serializers.PrimaryKeyRelatedField(read_only=True)
        return fields


class EnforcementEntitySerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    establishment_document = serializers.FileField(
        label=_("establishment document (三定方案)"), write_only=True, required=False
    )
    establishment_document_url = serializers.SerializerMethodField()

    class Meta:
        model = EnforcementEntity
        fields = [
            "id",
            "department",
            "name",
            "kind",
            "legal_basis",
            "status",
            "enforcement_areas",
            "establishment_document",
            "establishment_document_url",
            "rejection_reason",
            "revocation_reason",
            "published_on",
        ]
        read_only_fields = ["status", "rejection_reason", "revocation_reason", "published_on"]
        # The services check uniqueness with the department they decide on.
        validators = []

    def get_establishment_document_url(self, entity) -> str | None:
        if not entity.establishment_document:
            return None
        return reverse("entities:entity-document", args=[entity.pk])


class EntrustmentSerializer(StrictModelSerializer):
    agreement_file = serializers.FileField(
        label=_("agreement file"), write_only=True, required=False
    )
    agreement_file_url = serializers.SerializerMethodField()
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = Entrustment
        fields = [
            "id",
            "principal",
            "entrusted_organisation",
            "matters",
            "legal_basis",
            "starts_on",
            "ends_on",
            "agreement_file",
            "agreement_file_url",
            "status",
            "in_force",
            "filed_on",
            "published_on",
            "termination_reason",
        ]
        read_only_fields = ["status", "filed_on", "published_on", "termination_reason"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if self.instance is not None:
            fields["principal"] = serializers.PrimaryKeyRelatedField(read_only=True)
        elif request is not None:
            fields["principal"].queryset = EnforcementEntity.objects.for_user(request.user)
        return fields

    def get_agreement_file_url(self, entrustment) -> str | None:
        if not entrustment.agreement_file:
            return None
        return reverse("entities:entrustment-file", args=[entrustment.pk])

    def get_in_force(self, entrustment) -> bool:
        return entrustment.is_in_force(timezone.localdate())

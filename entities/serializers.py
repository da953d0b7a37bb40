from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from supervision.web.serializers import DepartmentOnCreateMixin, StrictModelSerializer

from .models import EnforcementEntity, Entrustment


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
            "entrusted_entity",
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
        if request is not None:
            fields["entrusted_entity"].queryset = EnforcementEntity.objects.for_user(
                request.user
            ).filter(kind=EnforcementEntity.Kind.ENTRUSTED)
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

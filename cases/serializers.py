from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from supervision.calendar import Deadline
from supervision.web.serializers import (
    DepartmentOnCreateMixin,
    StrictModelSerializer,
    StrictSerializer,
)

from .models import (
    CaseCatalogue,
    CatalogueItem,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
)
from .services import ITEM_FIELDS


def _explained(stored_deadline) -> dict | None:
    """A record's stored deadline and how it was counted, as the API shows it."""
    deadline = Deadline.from_json(stored_deadline)
    return deadline.as_dict() if deadline else None


class CategorySerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    class Meta:
        model = MajorDecisionCategory
        fields = ["id", "department", "title", "criteria", "is_active"]
        validators = []  # the service's full_clean names the field that is wrong


class AttachmentSerializer(StrictModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = DecisionAttachment
        fields = ["id", "kind", "name", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        return reverse("cases:attachment-download", args=[attachment.decision_id, attachment.pk])


class AttachmentUploadSerializer(StrictSerializer):
    kind = serializers.ChoiceField(
        label=_("document"),
        choices=DecisionAttachment.Kind.choices,
        default=DecisionAttachment.Kind.OTHER,
    )
    upload = serializers.FileField(label=_("file"))


class DecisionSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    filing_status = serializers.ChoiceField(
        label=_("filing status"), choices=MajorDecision.FilingStatus.choices, read_only=True
    )
    deadline = serializers.SerializerMethodField(label=_("filing deadline"))
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = MajorDecision
        fields = [
            "id",
            "department",
            "case_number",
            "title",
            "party",
            "category",
            "summary",
            "review_status",
            "review_opinion",
            "reviewed_on",
            "decision_date",
            "filing_due",
            "filing_due_provisional",
            "filed_on",
            "filing_status",
            "receipt",
            "received_on",
            "return_reason",
            "attachments",
            "deadline",
        ]
        read_only_fields = [
            "review_status",
            "review_opinion",
            "reviewed_on",
            "decision_date",
            "filing_due",
            "filing_due_provisional",
            "filed_on",
        ]
        validators = []  # the service's full_clean names the field that is wrong

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        categories = MajorDecisionCategory.objects.for_user(getattr(request, "user", None))
        if isinstance(self.instance, MajorDecision):
            categories = categories.filter(department_id=self.instance.department_id)
        fields["category"].queryset = categories
        return fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadline(self, decision):
        """How the stored filing deadline was counted (event day, period, raw last day, days
        skipped), as it was counted when the decision was made or its deadline last recounted."""
        return _explained(decision.filing_due_explanation)


class ReviewSerializer(StrictSerializer):
    result = serializers.ChoiceField(
        label=pgettext_lazy("legal review", "Result"),
        choices=[MajorDecision.ReviewStatus.PASSED, MajorDecision.ReviewStatus.FAILED],
    )
    opinion = serializers.CharField(label=_("review opinion"), allow_blank=True, default="")
    reviewed_on = serializers.DateField(
        label=_("reviewed on"),
        required=False,
        allow_null=True,
        help_text=_(
            "The day the review was held, for a review held on paper before it is entered;"
            " not in the future. Default: today."
        ),
    )


class DecideSerializer(StrictSerializer):
    decision_date = serializers.DateField(label=_("decision date"))


class FileSerializer(StrictSerializer):
    filed_on = serializers.DateField(label=_("filed on"), required=False, allow_null=True)


class CatalogueFileSerializer(FileSerializer):
    """Filing a catalogue carries the catalogue as signed and sealed (multipart)."""

    document = serializers.FileField(label=_("signed catalogue"))


class CatalogueItemSerializer(StrictModelSerializer):
    class Meta:
        model = CatalogueItem
        fields = ["id", "case_number", "title", "kind", "closing_date"]
        validators = []


class CatalogueSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    items = CatalogueItemSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(
        label=_("status"), choices=CaseCatalogue.Status.choices, read_only=True
    )
    deadline = serializers.SerializerMethodField(label=_("filing deadline"))
    document_url = serializers.SerializerMethodField(label=_("signed catalogue"))

    class Meta:
        model = CaseCatalogue
        fields = [
            "id",
            "department",
            "year",
            "items",
            "document_url",
            "document_name",
            "filed_on",
            "receipt",
            "received_on",
            "return_reason",
            "due",
            "due_provisional",
            "status",
            "deadline",
        ]
        read_only_fields = ["filed_on", "due", "due_provisional", "document_name"]
        validators = []

    def get_document_url(self, catalogue) -> str | None:
        """Where the signed catalogue the filing carried is downloaded, if it has one."""
        if not catalogue.document:
            return None
        return reverse("cases:catalogue-document", args=[catalogue.pk])

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadline(self, catalogue):
        """How the stored due date was counted."""
        return _explained(catalogue.due_explanation)


class CatalogueItemsSerializer(StrictSerializer):
    """Case files to add: the service checks each row and names the wrong ones ("第2行：…")."""

    items = serializers.ListField(
        label=_("Case files"),
        child=serializers.DictField(),
        allow_empty=False,
        max_length=5000,
    )
    replace = serializers.BooleanField(
        label=_("Replace the case files already entered"), default=False
    )

    def validate_items(self, rows):
        allowed = set(ITEM_FIELDS)
        for number, row in enumerate(rows, start=1):
            unknown = sorted(set(row) - allowed)
            if unknown:
                raise serializers.ValidationError(
                    _("Row %(row)d: these fields are not accepted: %(fields)s.")
                    % {"row": number, "fields": ", ".join(unknown)}
                )
        return rows


class CatalogueUploadSerializer(StrictSerializer):
    file = serializers.FileField(label=_("Sheet (.xlsx)"))
    replace = serializers.BooleanField(default=False)

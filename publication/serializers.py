from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from supervision.calendar import Deadline
from supervision.models import Department
from supervision.web.serializers import (
    DepartmentOnCreateMixin,
    StrictModelSerializer,
    StrictSerializer,
)

from .models import (
    MAX_GRADES,
    CatalogueFiling,
    DiscretionBenchmark,
    NormativeDocument,
    Objection,
    TaskDelivery,
    WorkTask,
)


class DocumentSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    filing_status = serializers.ChoiceField(
        label=_("filing status"),
        choices=NormativeDocument.FilingStatus.choices,
        read_only=True,
    )
    deadline = serializers.SerializerMethodField(label=_("filing deadline"))

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "department",
            "number",
            "title",
            "issued_on",
            "effective_on",
            "text",
            "status",
            "filing_due",
            "filing_due_provisional",
            "filed_on",
            "filing_status",
            "deadline",
            "review_opinion",
            "problem",
            "correction_required",
            "reviewed_at",
        ]
        read_only_fields = [
            "status",
            "filing_due",
            "filing_due_provisional",
            "filed_on",
            "review_opinion",
            "problem",
            "correction_required",
            "reviewed_at",
        ]
        validators = []  # the service's full_clean names the field that is wrong

    def get_fields(self):
        fields = super().get_fields()
        # The text is served only by the record's scoped page, never from a media address.
        fields["text"] = serializers.FileField(
            label=_("text (PDF)"),
            write_only=True,
            required=self.instance is None,
        )
        return fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadline(self, document):
        """How the stored filing deadline was counted (event day, period, raw last day, days
        skipped)."""
        deadline = Deadline.from_json(document.filing_due_explanation)
        return deadline.as_dict() if deadline else None


class DocumentFileSerializer(StrictSerializer):
    filed_on = serializers.DateField(label=_("filed on"), required=False, allow_null=True)


class DocumentReviewSerializer(StrictSerializer):
    result = serializers.ChoiceField(
        label=_("result"),
        choices=[NormativeDocument.Status.NO_PROBLEM, NormativeDocument.Status.PROBLEM_FOUND],
    )
    opinion = serializers.CharField(
        label=_("review opinion"), required=False, allow_blank=True, default="", max_length=4000
    )
    problem = serializers.CharField(
        label=_("problem found"), required=False, allow_blank=True, default="", max_length=4000
    )
    correction_required = serializers.CharField(
        label=_("correction required"),
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
    )


class GradeSerializer(StrictSerializer):
    circumstances = serializers.CharField(label=_("circumstances"), max_length=500)
    outcome = serializers.CharField(label=_("outcome"), max_length=500)


class BenchmarkSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    grades = GradeSerializer(
        label=_("graded circumstances and outcomes"),
        many=True,
        allow_empty=False,
        max_length=MAX_GRADES,
    )

    class Meta:
        model = DiscretionBenchmark
        fields = [
            "id",
            "department",
            "matter",
            "version",
            "previous",
            "legal_basis",
            "discretion",
            "grades",
            "higher_benchmark",
            "effective_from",
            "effective_until",
            "status",
            "review_opinion",
            "published_on",
        ]
        read_only_fields = [
            "version",
            "previous",
            "effective_until",
            "status",
            "review_opinion",
            "published_on",
        ]
        validators = []  # the service's full_clean names the field that is wrong

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["matter"].read_only = True  # a version keeps the matter it was opened for
        return fields


class BenchmarkReviewSerializer(StrictSerializer):
    result = serializers.ChoiceField(
        label=_("result"),
        choices=[DiscretionBenchmark.Status.APPROVED, DiscretionBenchmark.Status.RETURNED],
    )
    opinion = serializers.CharField(
        label=_("review opinion"), required=False, allow_blank=True, default="", max_length=4000
    )


class PublicBenchmarkSerializer(serializers.ModelSerializer):
    """What the public sees of a published benchmark: no reviewer, no opinion, nobody's name."""

    department = serializers.CharField(source="department.name", read_only=True)
    department_code = serializers.CharField(source="department.code", read_only=True)
    jurisdiction = serializers.CharField(source="department.jurisdiction.code", read_only=True)
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = DiscretionBenchmark
        fields = [
            "id",
            "department",
            "department_code",
            "jurisdiction",
            "matter",
            "version",
            "legal_basis",
            "discretion",
            "grades",
            "higher_benchmark",
            "effective_from",
            "effective_until",
            "in_force",
        ]
        read_only_fields = fields

    def get_in_force(self, benchmark) -> bool:
        return benchmark.status == DiscretionBenchmark.Status.PUBLISHED


class CatalogueFilingSerializer(DepartmentOnCreateMixin, StrictModelSerializer):
    flowchart = serializers.FileField(label=_("legal-review flowchart"), write_only=True)

    class Meta:
        model = CatalogueFiling
        fields = [
            "id",
            "department",
            "categories",
            "flowchart",
            "status",
            "review_opinion",
            "reviewed_at",
            "published_on",
            "created_at",
        ]
        read_only_fields = [
            "categories",
            "status",
            "review_opinion",
            "reviewed_at",
            "published_on",
            "created_at",
        ]


class CatalogueReviewSerializer(StrictSerializer):
    result = serializers.ChoiceField(
        label=_("result"),
        choices=[CatalogueFiling.Status.ACKNOWLEDGED, CatalogueFiling.Status.RETURNED],
    )
    opinion = serializers.CharField(
        label=_("review opinion"), required=False, allow_blank=True, default="", max_length=4000
    )


class PublicCatalogueSerializer(serializers.ModelSerializer):
    """A published catalogue of major decisions: the department, its categories and where the
    flowchart is; nobody's name."""

    department = serializers.CharField(source="department.name", read_only=True)
    department_code = serializers.CharField(source="department.code", read_only=True)
    jurisdiction = serializers.CharField(source="department.jurisdiction.code", read_only=True)
    flowchart_url = serializers.SerializerMethodField()

    class Meta:
        model = CatalogueFiling
        fields = [
            "id",
            "department",
            "department_code",
            "jurisdiction",
            "categories",
            "published_on",
            "flowchart_url",
        ]
        read_only_fields = fields

    def get_flowchart_url(self, filing) -> str:
        return reverse("publication_public:flowchart", args=[filing.pk])


class DeliverySerializer(StrictModelSerializer):
    deadline = serializers.SerializerMethodField(label=_("how the due date was counted"))
    evidence = serializers.FileField(label=_("evidence"), write_only=True, required=False)

    class Meta:
        model = TaskDelivery
        fields = [
            "id",
            "task",
            "description",
            "due",
            "due_provisional",
            "deadline",
            "status",
            "report",
            "evidence",
            "reported_on",
            "review_opinion",
            "reviewed_at",
        ]
        read_only_fields = [
            "task",
            "description",
            "due",
            "due_provisional",
            "status",
            "report",
            "reported_on",
            "review_opinion",
            "reviewed_at",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_deadline(self, delivery):
        deadline = Deadline.from_json(delivery.due_explanation)
        return deadline.as_dict() if deadline else None


class WorkTaskSerializer(StrictModelSerializer):
    deliveries = DeliverySerializer(many=True, read_only=True)

    class Meta:
        model = WorkTask
        fields = [
            "id",
            "year",
            "number",
            "title",
            "lead_department",
            "co_departments",
            "deliverable",
            "deliveries",
        ]
        validators = []  # the service's full_clean names the field that is wrong

    def get_fields(self):
        fields = super().get_fields()
        user = getattr(self.context.get("request"), "user", None)
        departments = Department.objects.handled_by(user)
        fields["lead_department"].queryset = departments
        fields["co_departments"].child_relation.queryset = departments
        return fields


class DeliveryAddSerializer(StrictSerializer):
    description = serializers.CharField(label=_("delivery"), max_length=200)
    due = serializers.DateField(label=_("due"))


class DeliveryReportSerializer(StrictSerializer):
    report = serializers.CharField(label=_("progress report"), max_length=4000)
    evidence = serializers.FileField(label=_("evidence"), required=False, allow_null=True)


class DeliveryReviewSerializer(StrictSerializer):
    result = serializers.ChoiceField(
        label=_("result"),
        choices=[TaskDelivery.Status.ACCEPTED, TaskDelivery.Status.RETURNED],
    )
    opinion = serializers.CharField(
        label=_("review opinion"), required=False, allow_blank=True, default="", max_length=4000
    )


class PublicDocumentSerializer(serializers.ModelSerializer):
    """A normative document filed and found without problem: its identity, dates and where its
    text is; nobody's name, nothing of the review."""

    department = serializers.CharField(source="department.name", read_only=True)
    jurisdiction = serializers.CharField(source="department.jurisdiction.code", read_only=True)
    text_url = serializers.SerializerMethodField()

    class Meta:
        model = NormativeDocument
        fields = [
            "id",
            "department",
            "jurisdiction",
            "number",
            "title",
            "issued_on",
            "effective_on",
            "text_url",
        ]
        read_only_fields = fields

    def get_text_url(self, document) -> str:
        return reverse("publication_public:document-text", args=[document.pk])


class PublicObjectionSerializer(serializers.ModelSerializer):
    """An objection as its author follows it: the document, the dates and the answer. The name
    and contact are written, never read back."""

    document = serializers.PrimaryKeyRelatedField(
        label=_("normative document"),
        queryset=NormativeDocument.objects.filter(
            status=NormativeDocument.Status.NO_PROBLEM, repealed_on__isnull=True
        ),
    )
    name = serializers.CharField(label=_("your name"), max_length=50, write_only=True)
    contact = serializers.CharField(label=_("phone or e-mail"), max_length=100, write_only=True)
    grounds = serializers.CharField(
        label=_("grounds of the objection"), max_length=4000, write_only=True
    )

    reference = serializers.CharField(read_only=True)
    tracking_code = serializers.SerializerMethodField(
        help_text=_("Only in the answer to the filing: shown this once, never again.")
    )

    class Meta:
        model = Objection
        fields = [
            "tracking_code",
            "reference",
            "document",
            "name",
            "contact",
            "grounds",
            "received_on",
            "due",
            "answered_on",
            "answer",
        ]
        read_only_fields = ["reference", "received_on", "due", "answered_on", "answer"]

    def get_tracking_code(self, objection) -> str | None:
        return getattr(objection, "tracking_code", None)

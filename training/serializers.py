from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from personnel.models import Officer
from supervision.models import Department
from supervision.web.serializers import (
    ScopedRelatedField,
    StrictModelSerializer,
    StrictSerializer,
)

from .models import SCORE_RANGE, Assessment, ContentArea, Course, TrainingPlan, TrainingRecord


def _request_user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class TrainingPlanSerializer(StrictModelSerializer):
    document = serializers.FileField(label=_("plan document"), write_only=True, required=False)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingPlan
        fields = [
            "id",
            "department",
            "year",
            "courses_planned",
            "hours_planned",
            "people",
            "budget",
            "content",
            "document",
            "document_url",
            "due",
            "due_provisional",
            "filed_on",
            "receipt",
            "received_on",
            "return_reason",
        ]
        read_only_fields = ["due", "due_provisional", "filed_on"]
        # One plan per department and year: the service says so on the field ``year``.
        validators = []

    def get_document_url(self, plan) -> str | None:
        return reverse("training:plan-document", args=[plan.pk]) if plan.document else None

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if self.instance is None and getattr(user, "supervises_departments", False):
            fields["department"] = serializers.PrimaryKeyRelatedField(
                label=_("department"),
                queryset=Department.objects.handled_by(user).filter(is_legal_office=False),
            )
        else:
            fields["department"] = serializers.PrimaryKeyRelatedField(read_only=True)
        if self.instance is not None:
            fields["year"].read_only = True
        return fields


class ContentAreasField(serializers.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ContentArea.choices, **kwargs)

    def to_internal_value(self, data):
        chosen = super().to_internal_value(data)
        return [area for area in ContentArea.values if area in chosen]

    def to_representation(self, value):
        return list(value or [])


class CourseSerializer(StrictModelSerializer):
    content_areas = ContentAreasField(
        label=_("content areas"),
        allow_empty=False,
        error_messages={"empty": _("Choose at least one content area.")},
    )
    open_to = serializers.PrimaryKeyRelatedField(
        label=_("open to departments"),
        many=True,
        queryset=Department.objects.all(),
        required=False,
    )
    counts_in_year = serializers.IntegerField(read_only=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "title",
            "kind",
            "organiser",
            "department",
            "open_to",
            "starts_on",
            "ends_on",
            "hours",
            "content_areas",
            "counts_in_year",
        ]

    def get_fields(self):
        fields = super().get_fields()
        user = _request_user(self)
        if self.instance is None and getattr(user, "supervises_departments", False):
            fields["department"] = serializers.PrimaryKeyRelatedField(
                label=_("organising department"),
                queryset=Department.objects.handled_by(user),
                required=False,
                allow_null=True,
            )
        else:
            fields["department"] = serializers.PrimaryKeyRelatedField(read_only=True)
        if self.instance is not None:
            fields["kind"].read_only = True
        return fields


class TrainingRecordSerializer(StrictModelSerializer):
    officer = ScopedRelatedField(Officer, label=_("officer"))
    course = ScopedRelatedField(Course, label=_("course"))
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)

    class Meta:
        model = TrainingRecord
        fields = ["id", "officer", "officer_name", "course", "course_title", "hours", "year"]
        read_only_fields = ["year"]
        validators = []


class AssessmentSerializer(StrictModelSerializer):
    officer = ScopedRelatedField(Officer, label=_("officer"))
    officer_name = serializers.CharField(source="officer.name", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "officer", "officer_name", "year", "score", "passed", "assessed_on", "note"]
        read_only_fields = ["passed"]
        extra_kwargs = {
            "assessed_on": {"required": False},
            "note": {"required": False},
            "score": {"error_messages": {"min_value": SCORE_RANGE, "max_value": SCORE_RANGE}},
        }


class StandingSerializer(StrictSerializer):
    year = serializers.IntegerField()
    hours = serializers.DecimalField(max_digits=7, decimal_places=1, coerce_to_string=False)
    required_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False
    )
    assessed = serializers.BooleanField()
    passed = serializers.BooleanField()
    compliant = serializers.BooleanField()


class YearQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(label=_("year"), min_value=2000, max_value=2100, required=False)


class SheetSerializer(StrictSerializer):
    file = serializers.FileField(label=_("sign-in sheet (.xlsx)"))


class ImportResultSerializer(StrictSerializer):
    imported = serializers.IntegerField()

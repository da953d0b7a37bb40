"""The dashboard's figures and the assessment's sheets in the API: the same ports, the same scope
(``dashboard.departments_for``) as the pages."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from . import assessment, dashboard
from .calendar import today


class CellSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=9, decimal_places=1, allow_null=True)
    url = serializers.CharField()
    title = serializers.CharField()


class DashboardRowSerializer(serializers.Serializer):
    department = serializers.IntegerField(source="department.pk")
    department_name = serializers.CharField(source="department.name")
    jurisdiction = serializers.CharField(source="department.jurisdiction.code")
    overdue = serializers.IntegerField()
    due_soon = serializers.IntegerField()
    figures = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DictField(child=CellSerializer()))
    def get_figures(self, row) -> dict[str, dict]:
        # Plain dicts: a serializer per cell costs seconds over a province's 3,000 cells.
        return {
            column.name: {
                "value": None if cell.value is None else f"{cell.value:.1f}",
                "url": cell.url,
                "title": str(cell.title),
            }
            for column, cell in row.entries
        }


class ColumnSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField()
    overdue = serializers.BooleanField()


class DashboardSerializer(serializers.Serializer):
    day = serializers.DateField()
    columns = serializers.SerializerMethodField()
    rows = DashboardRowSerializer(many=True)

    def get_columns(self, board) -> list[dict]:
        return [ColumnSerializer(column).data for _figure, column in board.columns]


class ItemSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()


class DeductionLineSerializer(serializers.Serializer):
    rule = serializers.CharField()
    label = serializers.CharField()
    max_points = serializers.DecimalField(max_digits=5, decimal_places=1)
    points = serializers.DecimalField(max_digits=5, decimal_places=1)
    note = serializers.CharField()
    items = ItemSerializer(many=True)


class AssessmentSheetSerializer(serializers.Serializer):
    department = serializers.IntegerField(source="department.pk")
    department_name = serializers.CharField(source="department.name")
    year = serializers.IntegerField()
    rank = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=1)
    deducted = serializers.DecimalField(max_digits=5, decimal_places=1)
    deductions = serializers.SerializerMethodField()

    def get_deductions(self, sheet) -> list[dict]:
        return [
            DeductionLineSerializer(
                {
                    "rule": rule.name,
                    "label": rule.label,
                    "max_points": rule.max_points,
                    "points": deduction.points if deduction else 0,
                    "note": deduction.note if deduction else "",
                    "items": deduction.items if deduction else [],
                }
            ).data
            for rule, deduction in sheet.lines
        ]


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        error_messages={"invalid": _("Enter a year, e.g. 2026.")},
    )

    def validate_year(self, year):
        if year > today().year + 1:
            raise serializers.ValidationError(_("Enter a year, e.g. 2026."))
        return year


def _departments(request):
    user = request.user
    if not (user.supervises_departments or user.is_clerk):
        raise Http404
    return dashboard.departments_for(user)


@extend_schema(responses=DashboardSerializer)
@api_view(["GET"])
def dashboard_view(request):
    """Today's figures of every department in the caller's scope (a clerk: their own)."""
    board = dashboard.board(_departments(request), today())
    return Response(DashboardSerializer(board).data)


@extend_schema(
    parameters=[OpenApiParameter("year", int, description="the assessment's year (default: this)")],
    responses=AssessmentSheetSerializer(many=True),
)
@api_view(["GET"])
def assessment_view(request):
    """The draft assessment sheets of the year, ranked, each deduction with its items."""
    query = YearSerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    year = query.validated_data.get("year") or today().year
    sheets = assessment.sheets(_departments(request), year)
    return Response(AssessmentSheetSerializer(sheets, many=True).data)

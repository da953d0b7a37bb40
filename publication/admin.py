"""The Django admin (system administrator only) for publication: read-only. Normative documents
and benchmarks change state only through ``publication.services`` (the pages and the API), so the
filing review and the benchmark review hold at this door too."""

from django.contrib import admin

from .models import (
    CatalogueFiling,
    CleanupCampaign,
    DiscretionBenchmark,
    NormativeDocument,
    Objection,
    WorkTask,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "title",
        "department",
        "issued_on",
        "filing_due",
        "filed_on",
        "status",
    ]
    list_filter = ["status", "department"]
    list_select_related = ["department"]
    search_fields = ["number", "title"]


@admin.register(DiscretionBenchmark)
class DiscretionBenchmarkAdmin(ReadOnlyAdmin):
    list_display = [
        "matter",
        "version",
        "department",
        "status",
        "effective_from",
        "effective_until",
    ]
    list_filter = ["status", "department"]
    list_select_related = ["department"]
    search_fields = ["matter"]


@admin.register(CatalogueFiling)
class CatalogueFilingAdmin(ReadOnlyAdmin):
    list_display = ["department", "status", "created_at", "published_on"]
    list_filter = ["status"]
    list_select_related = ["department"]


@admin.register(WorkTask)
class WorkTaskAdmin(ReadOnlyAdmin):
    list_display = ["year", "number", "title", "lead_department"]
    list_filter = ["year"]
    list_select_related = ["lead_department"]


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReadOnlyAdmin):
    list_display = ["title", "jurisdiction", "due", "published_on"]


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "document", "received_on", "due", "answered_on"]
    list_select_related = ["document"]

from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import Department, EnforcementEntity, Entrustment


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["code", "name", "region", "credit_code", "is_legal_office"]
    search_fields = ["code", "name", "credit_code"]


@admin.register(EnforcementEntity)
class EnforcementEntityAdmin(admin.ModelAdmin):
    """Read-only here: entities change through their workflow (the pages and the API)."""

    list_display = ["name", "department", "kind", "status", "published_on"]
    list_filter = ["status", "kind", "department"]
    list_select_related = ["department"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Entrustment)
class EntrustmentAdmin(EnforcementEntityAdmin):
    list_display = ["principal", "entrusted_organisation", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    list_select_related = ["principal__department"]
    search_fields = ["entrusted_organisation", "principal__name"]

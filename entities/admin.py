from django.contrib import admin

from .models import EnforcementEntity, Entrustment


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

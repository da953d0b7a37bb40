from django.contrib import admin

from supervision.admin import AuditedAdmin
from supervision.web.paging import CountingPaginator

from .models import ConductCategory, Officer


@admin.register(ConductCategory)
class ConductCategoryAdmin(AuditedAdmin):
    """The list of common bad-conduct situations clerks and the legal office choose from."""

    list_display = ["name", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    """The roster, to look at: officers change through personnel's pages and services (audited).

    A province has a million officers: the changelist counts them from PostgreSQL's estimate,
    never counts the whole table next to a filtered count, and pages no deeper than the lists."""

    list_display = ["name", "department", "entity", "post", "on_establishment", "created_at"]
    list_select_related = ["department", "entity"]
    list_filter = ["on_establishment"]
    search_fields = ["=name"]
    show_full_result_count = False
    paginator = CountingPaginator
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import ConductCategory


@admin.register(ConductCategory)
class ConductCategoryAdmin(AuditedAdmin):
    """The list of common bad-conduct situations clerks and the legal office choose from."""

    list_display = ["name", "is_active", "position"]
    list_editable = ["is_active", "position"]
    search_fields = ["name"]

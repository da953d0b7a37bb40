from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import ConductCategory


@admin.register(ConductCategory)
class ConductCategoryAdmin(AuditedAdmin):
    """The list of common bad-conduct situations clerks and the legal office choose from."""

    list_display = ["name", "name_en", "is_active", "position"]
    list_editable = ["name_en", "is_active", "position"]
    search_fields = ["name"]

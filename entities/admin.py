from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import Department


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["code", "name", "region", "credit_code", "is_legal_office"]
    search_fields = ["code", "name", "credit_code"]

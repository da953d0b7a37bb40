from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditEntry, Department, Jurisdiction, User

admin.site.site_header = _("Enforcement Supervision Portal")
admin.site.site_title = _("Enforcement Supervision Portal")


class AuditedAdmin(admin.ModelAdmin):
    """Admin changes land in the audit trail like any other door's (the admin view is atomic)."""

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        audit.record(
            obj,
            action="change" if change else "create",
            actor=request.user,
            before=before,
            after=audit.snapshot(obj),
        )

    def delete_model(self, request, obj):
        audit.record(obj, action="delete", actor=request.user, before=audit.snapshot(obj))
        super().delete_model(request, obj)


@admin.register(Jurisdiction)
class JurisdictionAdmin(AuditedAdmin):
    list_display = ["code", "name", "parent", "office_name", "number_prefix"]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]

    def get_readonly_fields(self, request, obj=None):
        # The tree is fixed once a jurisdiction exists: the paths below it depend on its place.
        return ["code", "parent"] if obj is not None else []


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["code", "name", "jurisdiction", "credit_code", "is_legal_office"]
    list_filter = ["jurisdiction"]
    list_select_related = ["jurisdiction"]
    search_fields = ["code", "name", "credit_code"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "department", "jurisdiction", "is_active"]
    list_filter = ["role", "jurisdiction", "is_active"]
    list_select_related = ["department", "jurisdiction"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Role"), {"fields": ("role", "department", "jurisdiction", "is_active")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "role",
                    "department",
                    "jurisdiction",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "object_repr", "action", "actor", "content_type"]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]
    search_fields = ["object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

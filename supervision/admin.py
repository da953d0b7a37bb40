from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import audit
from .forms import AdminPasswordChangeForm, AdminUserCreationForm
from .models import ApiToken, Department, Jurisdiction, User
from .security import lockout

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
    add_form = AdminUserCreationForm
    change_password_form = AdminPasswordChangeForm
    list_display = ["username", "get_full_name", "role", "department", "jurisdiction", "is_active"]
    list_filter = ["role", "jurisdiction", "is_active"]
    list_select_related = ["department", "jurisdiction"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Role"),
            {"fields": ("role", "department", "jurisdiction", "is_active", "must_change_password")},
        ),
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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """The administrator sees who holds which token (never the key) and revokes them."""

    list_display = ["hint", "user", "created_at", "expires_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "hint", "created_at", "expires_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            ApiToken.objects.filter(pk=token.pk).revoke()
            audit.record_event(audit.Action.TOKEN_REVOKE, user=token.user, actor=request.user)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    """Failed logins counted by django-axes; the unlock action lifts a lockout, audited."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    fields = ["attempt_time", "username", "ip_address", "path_info", "failures_since_start"]
    readonly_fields = fields
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the unlock action, which is audited, is the way to lift a lockout

    @admin.action(description=_("Unlock the selected accounts and addresses"))
    def unlock(self, request, queryset):
        pairs = list(queryset.values_list("username", "ip_address").distinct())
        for username, address in pairs:
            lockout.unlock(actor=request.user, username=username or "", address=address or "")
        self.message_user(request, _("Unlocked."), messages.SUCCESS)

"""The Django admin (system administrator only) for the cases app.

Decisions and catalogues change state only through ``cases.services``: their admin pages are
read-only, and the admin's actions call the same services as the browser and the API, so the
review gate holds at this door too.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from supervision import calendar
from supervision.admin import AuditedAdmin
from supervision.errors import TransitionNotAllowed

from . import services
from .models import (
    CaseCatalogue,
    CatalogueItem,
    DecisionAttachment,
    MajorDecision,
    MajorDecisionCategory,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MajorDecisionCategory)
class MajorDecisionCategoryAdmin(AuditedAdmin):
    list_display = ["title", "department", "is_active"]
    list_filter = ["is_active", "department"]
    list_select_related = ["department"]
    search_fields = ["title", "criteria"]

    def has_delete_permission(self, request, obj=None):
        return False


class DecisionAttachmentInline(admin.TabularInline):
    model = DecisionAttachment
    fields = ["name", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _run(modeladmin, request, queryset, service, success):
    done = 0
    for obj in queryset:
        try:
            service(obj)
        except (TransitionNotAllowed, ValidationError) as error:
            text = (
                error.message
                if isinstance(error, TransitionNotAllowed)
                else "；".join(error.messages)
            )
            modeladmin.message_user(request, f"{obj}：{text}", level=messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, success % {"count": done}, level=messages.SUCCESS)


@admin.register(MajorDecision)
class MajorDecisionAdmin(ReadOnlyAdmin):
    list_display = [
        "case_number",
        "title",
        "department",
        "review_status",
        "decision_date",
        "filing_due",
        "filed_on",
    ]
    list_filter = ["review_status", "department"]
    list_select_related = ["department", "category"]
    search_fields = ["case_number", "title", "party"]
    inlines = [DecisionAttachmentInline]
    actions = ["record_made_today", "record_filed_today"]

    @admin.action(description=_("Record the selected decisions as made today"))
    def record_made_today(self, request, queryset):
        today = calendar.today()
        _run(
            self,
            request,
            queryset,
            lambda d: services.decision_decide(decision=d, decision_date=today, actor=request.user),
            _("%(count)d decisions recorded as made."),
        )

    @admin.action(description=_("Record the selected decisions as filed today"))
    def record_filed_today(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda d: services.decision_file(decision=d, actor=request.user),
            _("%(count)d decisions recorded as filed."),
        )


class CatalogueItemInline(admin.TabularInline):
    model = CatalogueItem
    fields = ["case_number", "title", "kind", "closing_date"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseCatalogue)
class CaseCatalogueAdmin(ReadOnlyAdmin):
    list_display = ["department", "year", "due", "filed_on"]
    list_filter = ["year", "department"]
    list_select_related = ["department"]
    inlines = [CatalogueItemInline]

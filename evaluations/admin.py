"""The Django admin (system administrator only): the scoring sheets and their thresholds are kept
here; campaigns and their files change only through ``evaluations.services`` and are read-only."""

from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import Campaign, ScoringItem, ScoringTemplate


class ScoringItemInline(admin.TabularInline):
    model = ScoringItem
    extra = 0


@admin.register(ScoringTemplate)
class ScoringTemplateAdmin(AuditedAdmin):
    list_display = ["name", "excellent_from", "good_from", "pass_from"]
    inlines = [ScoringItemInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "office", "status", "self_check_due", "rectification_due"]
    list_filter = ["status", "year"]
    list_select_related = ["office"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

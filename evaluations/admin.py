"""The Django admin (system administrator only): the scoring sheets and their thresholds are kept
here. Campaigns are the legal office's records: not in the admin (separation of duties)."""

from django.contrib import admin

from supervision.admin import AuditedAdmin

from .models import ScoringItem, ScoringTemplate


class ScoringItemInline(admin.TabularInline):
    model = ScoringItem
    extra = 0


@admin.register(ScoringTemplate)
class ScoringTemplateAdmin(AuditedAdmin):
    list_display = ["name", "excellent_from", "good_from", "pass_from"]
    inlines = [ScoringItemInline]

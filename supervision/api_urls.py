from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api, dashboard_api, findings_api

router = DefaultRouter()
router.register("departments", api.DepartmentViewSet, basename="department")
router.register("audit-entries", api.AuditEntryViewSet, basename="auditentry")
router.register("notices", api.NoticeViewSet, basename="notice")
router.register("notice-drafts", api.DocumentDraftViewSet, basename="documentdraft")
router.register("findings", findings_api.FindingViewSet, basename="api-finding")

urlpatterns = [
    path("auth/token/", api.obtain_token, name="api-token"),
    path("me/", api.me, name="api-me"),
    path("dashboard/", dashboard_api.dashboard_view, name="api-dashboard"),
    path("assessment/", dashboard_api.assessment_view, name="api-assessment"),
    path("", include(router.urls)),
    path("", include("entities.api_urls")),
    path("", include("personnel.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("training.api_urls")),
    path("", include("complaints.api_urls")),
    path("", include("evaluations.api_urls")),
    path("", include("inspections.api_urls")),
    path("", include("accountability.api_urls")),
    path("", include("publication.api_urls")),
    path("", include("supervisors.api_urls")),
]

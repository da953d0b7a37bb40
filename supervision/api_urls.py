from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api_views

router = DefaultRouter()
router.register("departments", api_views.DepartmentViewSet, basename="department")
router.register("audit-entries", api_views.AuditEntryViewSet, basename="auditentry")
router.register("notices", api_views.NoticeViewSet, basename="notice")

urlpatterns = [
    path("auth/token/", api_views.obtain_token, name="api-token"),
    path("me/", api_views.me, name="api-me"),
    path("", include(router.urls)),
    path("", include("entities.api_urls")),
    path("", include("personnel.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("training.api_urls")),
    path("", include("complaints.api_urls")),
]

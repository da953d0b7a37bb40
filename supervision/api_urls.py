from django.urls import include, path
from rest_framework.routers import DefaultRouter

from entities.api import DepartmentViewSet

from . import api_views

router = DefaultRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("audit-entries", api_views.AuditEntryViewSet, basename="auditentry")

urlpatterns = [
    path("auth/token/", api_views.obtain_token, name="api-token"),
    path("me/", api_views.me, name="api-me"),
    path("", include(router.urls)),
]

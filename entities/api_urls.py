from rest_framework.routers import SimpleRouter

from .api import DepartmentViewSet, EnforcementEntityViewSet, EntrustmentViewSet

router = SimpleRouter()
router.register("departments", DepartmentViewSet, basename="department")
router.register("entities", EnforcementEntityViewSet, basename="enforcemententity")
router.register("entrustments", EntrustmentViewSet, basename="entrustment")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from .api import EnforcementEntityViewSet, EntrustmentViewSet

router = SimpleRouter()
router.register("entities", EnforcementEntityViewSet, basename="enforcemententity")
router.register("entrustments", EntrustmentViewSet, basename="entrustment")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from .api import ActionViewSet, InterferenceViewSet

router = SimpleRouter()
router.register("accountability-actions", ActionViewSet, basename="accountability-action")
router.register("interference-records", InterferenceViewSet, basename="interference-record")

urlpatterns = router.urls

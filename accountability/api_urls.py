from rest_framework.routers import SimpleRouter

from .api import ActionViewSet, DisputeViewSet, InterferenceViewSet, TransferViewSet

router = SimpleRouter()
router.register("accountability-actions", ActionViewSet, basename="accountability-action")
router.register("interference-records", InterferenceViewSet, basename="interference-record")

router.register("criminal-transfers", TransferViewSet, basename="criminal-transfer")

router.register("enforcement-disputes", DisputeViewSet, basename="enforcement-dispute")

urlpatterns = router.urls

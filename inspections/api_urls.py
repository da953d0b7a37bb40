from rest_framework.routers import SimpleRouter

from .api import InspectionViewSet

router = SimpleRouter()
router.register("inspections", InspectionViewSet, basename="inspection")

urlpatterns = router.urls

from rest_framework.routers import SimpleRouter

from .api import CampaignViewSet, ParticipantViewSet, SampleViewSet

router = SimpleRouter()
# The files and the departments first: their prefixes sit below the campaigns'.
router.register("evaluations/files", SampleViewSet, basename="evaluation-file")
router.register("evaluations/departments", ParticipantViewSet, basename="evaluation-department")
router.register("evaluations", CampaignViewSet, basename="evaluation")

urlpatterns = router.urls

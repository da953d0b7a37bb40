from rest_framework.routers import SimpleRouter

from .api import ActivityViewSet, ProblemViewSet, ReportViewSet

router = SimpleRouter()
router.register("supervisor-reports", ReportViewSet, basename="supervisor-report")
router.register("supervisor-problems", ProblemViewSet, basename="supervisor-problem")
router.register("supervisor-activities", ActivityViewSet, basename="supervisor-activity")

urlpatterns = router.urls

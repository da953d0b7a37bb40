from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("training/plans", api.TrainingPlanViewSet, basename="trainingplan")
router.register("training/courses", api.CourseViewSet, basename="course")
router.register("training/records", api.TrainingRecordViewSet, basename="trainingrecord")
router.register("training/assessments", api.AssessmentViewSet, basename="assessment")

urlpatterns = [
    # Its own path beside personnel's officer routes, so personnel's viewset stays untouched.
    path(
        "officers/<int:pk>/training/",
        api.OfficerTrainingView.as_view(),
        name="officer-training",
    ),
    *router.urls,
]

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("complaints", api.ComplaintViewSet, basename="complaint")

urlpatterns = [
    path("public/complaints/", api.PublicComplaintCreate.as_view(), name="public-complaint-create"),
    path(
        "public/complaints/track/",
        api.PublicComplaintTrack.as_view(),
        name="public-complaint-track",
    ),
    *router.urls,
]

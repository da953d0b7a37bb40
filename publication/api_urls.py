from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("normative-documents", api.DocumentViewSet, basename="normative-document")
router.register("benchmarks", api.BenchmarkViewSet, basename="benchmark")
router.register("work-plan/tasks", api.WorkTaskViewSet, basename="work-task")
router.register("work-plan/deliveries", api.DeliveryViewSet, basename="work-delivery")
router.register(
    "decision-catalogues", api.CatalogueFilingViewSet, basename="decision-catalogue-filing"
)

urlpatterns = [
    *router.urls,
    path("public/benchmarks/", api.PublicBenchmarkList.as_view(), name="public-benchmark-list"),
    path(
        "public/benchmarks/<int:pk>/",
        api.PublicBenchmarkDetail.as_view(),
        name="public-benchmark-detail",
    ),
    path(
        "public/decision-catalogues/",
        api.PublicCatalogueList.as_view(),
        name="public-decision-catalogue-list",
    ),
    path(
        "public/normative-documents/",
        api.PublicDocumentList.as_view(),
        name="public-normative-document-list",
    ),
    path("public/objections/", api.PublicObjectionCreate.as_view(), name="public-objection-create"),
    path(
        "public/objections/track/",
        api.PublicObjectionTrack.as_view(),
        name="public-objection-track",
    ),
]

from rest_framework.routers import SimpleRouter

from .api import CatalogueViewSet, CategoryViewSet, DecisionViewSet

router = SimpleRouter()
router.register("decision-categories", CategoryViewSet, basename="decision-category")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("catalogues", CatalogueViewSet, basename="catalogue")

urlpatterns = router.urls

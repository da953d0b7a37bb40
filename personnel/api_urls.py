from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("officers", api.OfficerViewSet, basename="officer")
router.register("auxiliary-staff", api.AuxiliaryStaffViewSet, basename="auxiliarystaff")
router.register("certificates", api.CertificateViewSet, basename="certificate")
router.register("annual-reviews", api.AnnualReviewViewSet, basename="annualreview")
router.register("conduct-categories", api.ConductCategoryViewSet, basename="conductcategory")
router.register("conduct-records", api.ConductRecordViewSet, basename="conductrecord")

urlpatterns = [
    path(
        "public/certificates/",
        api.PublicCertificateList.as_view(),
        name="public-certificate-list",
    ),
    path("public/entities/", api.PublicEntityList.as_view(), name="public-entity-list"),
    *router.urls,
]

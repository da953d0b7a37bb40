from django.urls import path

from .views import certificates, conduct, officers, roster

app_name = "personnel"

urlpatterns = [
    path("officers/", officers.officer_list, name="officer-list"),
    path("officers/new/", officers.officer_create, name="officer-create"),
    path("officers/year/", officers.officer_year, name="officer-year"),
    path("officers/import/", roster.roster_upload, name="roster-upload"),
    path("officers/import/template/", roster.roster_template, name="roster-template"),
    path("officers/import/<int:pk>/confirm/", roster.roster_confirm, name="roster-confirm"),
    path("officers/<int:pk>/", officers.officer_detail, name="officer-detail"),
    path("officers/<int:pk>/edit/", officers.officer_edit, name="officer-edit"),
    path(
        "officers/<int:pk>/citizen-id/",
        officers.officer_citizen_id,
        name="officer-citizen-id",
    ),
    path(
        "officers/<int:officer_pk>/certificates/new/",
        certificates.certificate_issue,
        name="certificate-issue",
    ),
    path("officers/<int:officer_pk>/conduct/new/", conduct.conduct_create, name="conduct-create"),
    path("auxiliary-staff/", officers.auxiliary_list, name="auxiliary-list"),
    path("auxiliary-staff/new/", officers.auxiliary_create, name="auxiliary-create"),
    path("auxiliary-staff/<int:pk>/", officers.auxiliary_edit, name="auxiliary-edit"),
    path("certificates/", certificates.certificate_list, name="certificate-list"),
    path("certificates/<int:pk>/", certificates.certificate_detail, name="certificate-detail"),
    path(
        "certificates/<int:pk>/review/", certificates.certificate_review, name="certificate-review"
    ),
    path(
        "certificates/<int:pk>/qr.<str:fmt>",
        certificates.certificate_qr,
        name="certificate-qr",
    ),
    path(
        "certificates/<int:pk>/<slug:action>/",
        certificates.certificate_action,
        name="certificate-action",
    ),
    path("reviews/", certificates.review_list, name="review-list"),
    path("reviews/record/", certificates.review_bulk, name="review-bulk"),
    path("conduct/", conduct.conduct_list, name="conduct-list"),
    path("conduct/<int:pk>/", conduct.conduct_detail, name="conduct-detail"),
    path("conduct/<int:pk>/evidence/", conduct.conduct_evidence, name="conduct-evidence"),
    path("conduct/<int:pk>/<slug:action>/", conduct.conduct_action, name="conduct-action"),
]

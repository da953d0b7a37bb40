from django.urls import path

from . import views

app_name = "personnel"

urlpatterns = [
    path("officers/", views.officer_list, name="officer-list"),
    path("officers/new/", views.officer_create, name="officer-create"),
    path("officers/import/", views.roster_upload, name="roster-upload"),
    path("officers/import/template/", views.roster_template, name="roster-template"),
    path("officers/import/<int:pk>/confirm/", views.roster_confirm, name="roster-confirm"),
    path("officers/<int:pk>/", views.officer_detail, name="officer-detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer-edit"),
    path(
        "officers/<int:officer_pk>/certificates/new/",
        views.certificate_issue,
        name="certificate-issue",
    ),
    path("officers/<int:officer_pk>/conduct/new/", views.conduct_create, name="conduct-create"),
    path("auxiliary-staff/", views.auxiliary_list, name="auxiliary-list"),
    path("auxiliary-staff/new/", views.auxiliary_create, name="auxiliary-create"),
    path("auxiliary-staff/<int:pk>/", views.auxiliary_edit, name="auxiliary-edit"),
    path("certificates/", views.certificate_list, name="certificate-list"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate-detail"),
    path("certificates/<int:pk>/review/", views.certificate_review, name="certificate-review"),
    path(
        "certificates/<int:pk>/qr.<str:fmt>",
        views.certificate_qr,
        name="certificate-qr",
    ),
    path(
        "certificates/<int:pk>/<slug:action>/",
        views.certificate_action,
        name="certificate-action",
    ),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/record/", views.review_bulk, name="review-bulk"),
    path("conduct/", views.conduct_list, name="conduct-list"),
    path("conduct/<int:pk>/", views.conduct_detail, name="conduct-detail"),
    path("conduct/<int:pk>/evidence/", views.conduct_evidence, name="conduct-evidence"),
    path("conduct/<int:pk>/<slug:action>/", views.conduct_action, name="conduct-action"),
]

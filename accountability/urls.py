from django.urls import path

from . import views

app_name = "accountability"

urlpatterns = [
    path("actions/", views.action_list, name="action-list"),
    path("actions/new/", views.action_create, name="action-create"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/answer/", views.action_answer, name="action-answer"),
    path("interference/", views.interference_list, name="interference-list"),
    path("interference/new/", views.interference_create, name="interference-create"),
    path("interference/<int:pk>/", views.interference_detail, name="interference-detail"),
    path("interference/<int:pk>/report/", views.interference_report, name="interference-report"),
    path("interference/<int:pk>/respond/", views.interference_respond, name="interference-respond"),
    path("interference/<int:pk>/pdf/", views.interference_pdf, name="interference-pdf"),
    path(
        "interference/<int:pk>/evidence/",
        views.interference_evidence,
        name="interference-evidence",
    ),
    path("transfers/", views.transfer_list, name="transfer-list"),
    path("transfers/new/", views.transfer_create, name="transfer-create"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer-detail"),
    path(
        "transfers/<int:pk>/documents/<slug:field>/",
        views.transfer_document,
        name="transfer-document",
    ),
    path("transfers/<int:pk>/<slug:action>/", views.transfer_action, name="transfer-action"),
    path("disputes/", views.dispute_list, name="dispute-list"),
    path("disputes/new/", views.dispute_create, name="dispute-create"),
    path("disputes/<int:pk>/", views.dispute_detail, name="dispute-detail"),
    path("disputes/<int:pk>/opinion.pdf", views.dispute_opinion_pdf, name="dispute-opinion-pdf"),
    path("disputes/<int:pk>/<slug:action>/", views.dispute_action, name="dispute-action"),
]

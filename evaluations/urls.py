from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("new/", views.campaign_create, name="campaign-create"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/scores.xlsx", views.campaign_scores, name="campaign-scores"),
    path("<int:pk>/report.pdf", views.campaign_report_pdf, name="campaign-report-pdf"),
    path(
        "<int:pk>/self-checks/<int:participant_pk>/file/",
        views.self_check_file,
        name="self-check-file",
    ),
    path("<int:pk>/<str:action>/", views.campaign_action, name="campaign-action"),
    path("files/<int:pk>/", views.sample_score, name="sample-score"),
    path("files/<int:pk>/<str:action>/", views.sample_action, name="sample-action"),
]

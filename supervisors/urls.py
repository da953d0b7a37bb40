from django.urls import path

from . import views

app_name = "supervisors"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("compile/", views.compile_quarter, name="compile"),
    path("appoint/", views.profile_create, name="profile-create"),
    path("mine/", views.my_quarter, name="my-quarter"),
    path("activities/new/", views.activity_create, name="activity-create"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path(
        "reports/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_file,
        name="attachment-file",
    ),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="report-action"),
    path("problems/<int:pk>/<str:action>/", views.problem_action, name="problem-action"),
    path("<int:user_pk>/", views.supervisor_detail, name="supervisor-detail"),
    path("<int:user_pk>/profile/", views.profile_edit, name="profile-edit"),
]

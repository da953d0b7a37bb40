from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("departments/<int:pk>/", views.department_standing, name="department"),
    path("officers/<int:pk>/", views.officer_training, name="officer"),
    path("courses/", views.course_list, name="course-list"),
    path("courses/new/", views.course_create, name="course-create"),
    path("courses/<int:pk>/", views.course_detail, name="course-detail"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course-edit"),
    path("courses/<int:pk>/sign-in-sheet/", views.sheet_template, name="sheet-template"),
    path("courses/<int:pk>/sign-in-sheet/import/", views.sheet_upload, name="sheet-upload"),
    path("records/<int:pk>/delete/", views.record_delete, name="record-delete"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/document/", views.plan_document, name="plan-document"),
    path("plans/<int:pk>/receive/", views.plan_action, {"action": "receive"}, name="plan-receive"),
    path("plans/<int:pk>/return/", views.plan_action, {"action": "return"}, name="plan-return"),
]

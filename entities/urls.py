from django.urls import path

from . import views

app_name = "entities"

urlpatterns = [
    path("", views.entity_list, name="entity-list"),
    path("new/", views.entity_create, name="entity-create"),
    path("<int:pk>/", views.entity_detail, name="entity-detail"),
    path("<int:pk>/edit/", views.entity_edit, name="entity-edit"),
    path("<int:pk>/document/", views.entity_document, name="entity-document"),
    path("<int:pk>/<slug:action>/", views.entity_action, name="entity-action"),
    path("entrustments/", views.entrustment_list, name="entrustment-list"),
    path("entrustments/new/", views.entrustment_create, name="entrustment-create"),
    path("entrustments/<int:pk>/", views.entrustment_detail, name="entrustment-detail"),
    path("entrustments/<int:pk>/edit/", views.entrustment_edit, name="entrustment-edit"),
    path("entrustments/<int:pk>/agreement/", views.entrustment_file, name="entrustment-file"),
    path(
        "entrustments/<int:pk>/<slug:action>/",
        views.entrustment_action,
        name="entrustment-action",
    ),
]

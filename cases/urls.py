from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("categories/", views.category_list, name="category-list"),
    path("categories/new/", views.category_form, name="category-create"),
    path("categories/<int:pk>/edit/", views.category_form, name="category-edit"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("decisions/export.xlsx", views.decision_export, name="decision-export"),
    path("decisions/new/", views.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision-edit"),
    path("decisions/<int:pk>/review/", views.decision_review, name="decision-review"),
    path("decisions/<int:pk>/decide/", views.decision_decide, name="decision-decide"),
    path("decisions/<int:pk>/file/", views.decision_file, name="decision-file"),
    path("decisions/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path(
        "decisions/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
    path(
        "decisions/<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.attachment_remove,
        name="attachment-remove",
    ),
    path("catalogues/", views.catalogue_list, name="catalogue-list"),
    path("catalogues/open/", views.catalogue_open, name="catalogue-open"),
    path("catalogues/template.xlsx", views.catalogue_template, name="catalogue-template"),
    path("catalogues/<int:pk>/", views.catalogue_detail, name="catalogue-detail"),
    path("catalogues/<int:pk>/export.xlsx", views.catalogue_export, name="catalogue-export"),
    path("catalogues/<int:pk>/items/", views.catalogue_item_add, name="catalogue-item-add"),
    path("catalogues/<int:pk>/upload/", views.catalogue_upload, name="catalogue-upload"),
    path(
        "catalogues/<int:pk>/items/<int:item_pk>/remove/",
        views.catalogue_item_remove,
        name="catalogue-item-remove",
    ),
    path("catalogues/<int:pk>/file/", views.catalogue_file, name="catalogue-file"),
]

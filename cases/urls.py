from django.urls import path

from .views import catalogues, decisions

app_name = "cases"

urlpatterns = [
    path("categories/", decisions.category_list, name="category-list"),
    path("categories/new/", decisions.category_form, name="category-create"),
    path("categories/<int:pk>/edit/", decisions.category_form, name="category-edit"),
    path("decisions/", decisions.decision_list, name="decision-list"),
    path("decisions/export.xlsx", decisions.decision_export, name="decision-export"),
    path("decisions/new/", decisions.decision_create, name="decision-create"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision-detail"),
    path("decisions/<int:pk>/edit/", decisions.decision_edit, name="decision-edit"),
    path(
        "decisions/<int:pk>/review/",
        decisions.decision_action,
        {"action": "review"},
        name="decision-review",
    ),
    path(
        "decisions/<int:pk>/decide/",
        decisions.decision_action,
        {"action": "decide"},
        name="decision-decide",
    ),
    path(
        "decisions/<int:pk>/file/",
        decisions.decision_action,
        {"action": "file"},
        name="decision-file",
    ),
    path(
        "decisions/<int:pk>/receive/",
        decisions.decision_action,
        {"action": "receive"},
        name="decision-receive",
    ),
    path(
        "decisions/<int:pk>/return/",
        decisions.decision_action,
        {"action": "return"},
        name="decision-return",
    ),
    path(
        "decisions/<int:pk>/attachments/",
        decisions.decision_action,
        {"action": "attach"},
        name="attachment-add",
    ),
    path(
        "decisions/<int:pk>/attachments/<int:attachment_pk>/",
        decisions.attachment_download,
        name="attachment-download",
    ),
    path(
        "decisions/<int:pk>/attachments/<int:attachment_pk>/remove/",
        decisions.attachment_remove,
        name="attachment-remove",
    ),
    path("catalogues/", catalogues.catalogue_list, name="catalogue-list"),
    path("catalogues/open/", catalogues.catalogue_open, name="catalogue-open"),
    path("catalogues/template.xlsx", catalogues.catalogue_template, name="catalogue-template"),
    path("catalogues/<int:pk>/", catalogues.catalogue_detail, name="catalogue-detail"),
    path("catalogues/<int:pk>/export.xlsx", catalogues.catalogue_export, name="catalogue-export"),
    path("catalogues/<int:pk>/document/", catalogues.catalogue_document, name="catalogue-document"),
    path(
        "catalogues/<int:pk>/items/",
        catalogues.catalogue_action,
        {"action": "items"},
        name="catalogue-item-add",
    ),
    path(
        "catalogues/<int:pk>/upload/",
        catalogues.catalogue_action,
        {"action": "upload"},
        name="catalogue-upload",
    ),
    path(
        "catalogues/<int:pk>/file/",
        catalogues.catalogue_action,
        {"action": "file"},
        name="catalogue-file",
    ),
    path(
        "catalogues/<int:pk>/receive/",
        catalogues.catalogue_action,
        {"action": "receive"},
        name="catalogue-receive",
    ),
    path(
        "catalogues/<int:pk>/return/",
        catalogues.catalogue_action,
        {"action": "return"},
        name="catalogue-return",
    ),
    path(
        "catalogues/<int:pk>/items/<int:item_pk>/remove/",
        catalogues.catalogue_item_remove,
        name="catalogue-item-remove",
    ),
]

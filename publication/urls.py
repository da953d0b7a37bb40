from django.urls import path

from . import views

app_name = "publication"

urlpatterns = [
    path("documents/", views.document_list, name="document-list"),
    path("documents/new/", views.document_create, name="document-create"),
    path("documents/<int:pk>/", views.document_detail, name="document-detail"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document-edit"),
    path("documents/<int:pk>/text/", views.document_text, name="document-text"),
    path(
        "documents/<int:pk>/file/",
        views.document_action,
        {"action": "file"},
        name="document-file",
    ),
    path(
        "documents/<int:pk>/review/",
        views.document_action,
        {"action": "review"},
        name="document-review",
    ),
    path("benchmarks/", views.benchmark_list, name="benchmark-list"),
    path("benchmarks/new/", views.benchmark_create, name="benchmark-create"),
    path("benchmarks/<int:pk>/", views.benchmark_detail, name="benchmark-detail"),
    path("benchmarks/<int:pk>/edit/", views.benchmark_edit, name="benchmark-edit"),
    path("benchmarks/<int:pk>/revise/", views.benchmark_revise, name="benchmark-revise"),
    *(
        path(
            f"benchmarks/<int:pk>/{action}/",
            views.benchmark_action,
            {"action": action},
            name=f"benchmark-{action}",
        )
        for action in views.BENCHMARK_ACTIONS
    ),
    path("catalogues/", views.catalogue_list, name="catalogue-list"),
    path("catalogues/send/", views.catalogue_send, name="catalogue-send"),
    path("catalogues/<int:pk>/", views.catalogue_detail, name="catalogue-detail"),
    path("catalogues/<int:pk>/flowchart/", views.catalogue_flowchart, name="catalogue-flowchart"),
    *(
        path(
            f"catalogues/<int:pk>/{action}/",
            views.catalogue_action,
            {"action": action},
            name=f"catalogue-{action}",
        )
        for action in views.CATALOGUE_ACTIONS
    ),
    path("tasks/", views.task_list, name="task-list"),
    path("tasks/new/", views.task_create, name="task-create"),
    path("tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("tasks/<int:pk>/deliveries/", views.delivery_add, name="delivery-add"),
    path(
        "tasks/<int:pk>/deliveries/<int:delivery_pk>/evidence/",
        views.delivery_evidence,
        name="delivery-evidence",
    ),
    *(
        path(
            f"tasks/<int:pk>/deliveries/<int:delivery_pk>/{action}/",
            views.delivery_action,
            {"action": action},
            name=f"delivery-{action}",
        )
        for action in views.DELIVERY_ACTIONS
    ),
    path("cleanups/", views.cleanup_list, name="cleanup-list"),
    path("cleanups/<int:pk>/", views.cleanup_detail, name="cleanup-detail"),
    path("cleanups/<int:pk>/publish/", views.cleanup_publish, name="cleanup-publish"),
    path(
        "cleanups/<int:pk>/items/<int:item_pk>/decide/",
        views.cleanup_decide,
        name="cleanup-decide",
    ),
    path("objections/", views.objection_list, name="objection-list"),
    path("objections/<int:pk>/", views.objection_detail, name="objection-detail"),
    path("objections/<int:pk>/answer/", views.objection_answer, name="objection-answer"),
]

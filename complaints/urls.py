from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_register, name="register"),
    path("statistics/", views.complaint_statistics, name="statistics"),
    path("<int:pk>/", views.complaint_detail, name="detail"),
    path("<int:pk>/reply.pdf", views.reply_pdf, name="reply-pdf"),
    *(
        path(f"<int:pk>/{action}/", views.complaint_action, {"action": action}, name=action)
        for action in views.ACTIONS
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment-download",
    ),
]

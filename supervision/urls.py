from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import bulletin_views, dashboard_views, findings_web, views
from .forms import LoginForm, OwnPasswordChangeForm
from .security import twofactor

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("assessment/", dashboard_views.assessment_list, name="assessment-ranking"),
    path(
        "assessment/<int:year>/publish/",
        dashboard_views.assessment_publish,
        name="assessment-publish",
    ),
    path(
        "assessment/<int:year>/finalise/",
        dashboard_views.assessment_finalise,
        name="assessment-finalise",
    ),
    path(
        "assessment/<int:pk>/<int:year>/contest/",
        dashboard_views.assessment_contest_new,
        name="assessment-contest",
    ),
    path(
        "assessment/contests/<int:pk>/decide/",
        dashboard_views.assessment_contest_decide,
        name="assessment-contest-decide",
    ),
    path("statistics/", dashboard_views.statistics_page, name="statistics"),
    path("statistics/<int:year>/pdf/", dashboard_views.statistics_pdf, name="statistics-pdf"),
    path(
        "assessment/indicators/",
        dashboard_views.assessment_indicators,
        name="assessment-indicators",
    ),
    path(
        "assessment/<int:pk>/<int:year>/",
        dashboard_views.assessment_sheet,
        name="assessment-sheet",
    ),
    path(
        "assessment/<int:pk>/<int:year>/items/new/",
        dashboard_views.assessment_item_add,
        name="assessment-item-add",
    ),
    path(
        "assessment/<int:pk>/<int:year>/pdf/",
        dashboard_views.assessment_sheet_pdf,
        name="assessment-sheet-pdf",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(
            template_name="security/password_change.html",
            form_class=OwnPasswordChangeForm,
            success_url=reverse_lazy("home"),
        ),
        name="password_change",
    ),
    path("accounts/two-factor/", twofactor.verify, name="two-factor"),
    path("accounts/two-factor/setup/", twofactor.setup, name="two-factor-setup"),
    path("audit/", views.audit_trail, name="audit-trail"),
    path("notices/", views.notice_list, name="inbox"),
    path("notices/bulletin/", bulletin_views.bulletin_new, name="bulletin-new"),
    path("notices/criticism/", bulletin_views.criticism_new, name="criticism-new"),
    path("notices/drafts/<int:pk>/", bulletin_views.draft_detail, name="document-draft"),
    path("notices/drafts/<int:pk>/pdf/", bulletin_views.draft_pdf, name="document-draft-pdf"),
    path("notices/<int:pk>/void/", bulletin_views.notice_void, name="notice-void"),
    path("notices/<int:pk>/", views.notice_detail, name="notice-page"),
    path("notices/<int:pk>/pdf/", views.notice_pdf, name="notice-page-pdf"),
    path(
        "notices/replies/<int:pk>/attachment/",
        views.notice_reply_attachment,
        name="notice-reply-attachment",
    ),
    path("calendar/", views.schedule_list, name="schedule-list"),
    path("findings/", findings_web.finding_list, name="finding-list"),
    path("findings/new/", findings_web.finding_create, name="finding-create"),
    path("findings/<int:pk>/", findings_web.finding_detail, name="finding-detail"),
    path("findings/<int:pk>/evidence/", findings_web.finding_evidence, name="finding-evidence"),
    path(
        "findings/<int:pk>/reports/<int:report_pk>/evidence/",
        findings_web.report_evidence,
        name="finding-report-evidence",
    ),
    path(
        "findings/<int:pk>/<str:action>/",
        findings_web.finding_action,
        name="finding-action",
    ),
    path("evaluations/", include("evaluations.urls")),
    path("inspections/", include("inspections.urls")),
    path("entities/", include("entities.urls")),
    path("personnel/", include("personnel.urls")),
    path("cases/", include("cases.urls")),
    path("training/", include("training.urls")),
    path("complaints/", include("complaints.urls")),
    path("accountability/", include("accountability.urls")),
    path("publication/", include("publication.urls")),
    path("supervisors/", include("supervisors.urls")),
    path("public/complaints/", include("complaints.public_urls")),
    path("public/", include("personnel.public_urls")),
    path("public/", include("publication.public_urls")),
    path("healthz/", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without the <link rel="icon"> (the API's docs).
    # The address is looked up on request: with DEBUG off it names the hashed file of the manifest.
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("supervision.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

handler403 = "supervision.views.permission_denied"
handler404 = "supervision.views.page_not_found"
handler500 = "supervision.views.server_error"

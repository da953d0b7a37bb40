"""The portal's one settings module, read from the environment.

With nothing set it runs on the embedded default: DEBUG on, an SQLite file in the project folder,
Celery tasks executed in-process and e-mail printed to the console. ``DATABASE_URL`` selects
PostgreSQL and ``CELERY_BROKER_URL`` selects Redis. With DEBUG off, a missing ``SECRET_KEY`` or
``ALLOWED_HOSTS`` stops the start with a message that names the variable.
"""

import re
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A boolean variable; a value that is neither true nor false stops the start."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_required(name: str) -> str:
    value = env.str(name, default="").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the {name} environment variable: it is required when DEBUG is off."
        )
    return value


DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-only-for-debug-runs")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in env_required("ALLOWED_HOSTS").split(",") if h.strip()]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "supervision",
    "entities",
    "personnel",
    "cases",
    "training",
    "complaints",
    "evaluations",
    "accountability",
    "publication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "supervision.middleware.PortalLocaleMiddleware",
    "supervision.middleware.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Served by gunicorn in production; runserver serves static files itself with DEBUG on.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "supervision.urls"
WSGI_APPLICATION = "supervision.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "supervision.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["supervision.backends.PortalBackend"]
AUTH_USER_MODEL = "supervision.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The upload policy (supervision/uploads.py): the largest file accepted, in MB; the .xlsx imports
# (rosters, sign-in sheets, catalogues) have their own.
UPLOAD_MAX_MB = env.int("UPLOAD_MAX_MB", default=10)
UPLOAD_SHEET_MAX_MB = env.int("UPLOAD_SHEET_MAX_MB", default=5)
for _name in ("UPLOAD_MAX_MB", "UPLOAD_SHEET_MAX_MB"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be a whole number of megabytes, at least 1.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The cache holds the public lookup's rate-limit counters: point it at Redis when several web
# processes run, so that they count together (a database other than the broker's).
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL={CACHE_URL!r}: only redis:// URLs are supported.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="执法监督平台 <noreply@localhost>")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "supervision.backends.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "supervision.web.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "supervision.web.api.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "执法监督平台 API",
    "DESCRIPTION": "Enforcement Supervision Portal, API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Celery: without a broker, tasks run in-process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "deadline-checks-daily": {
        "task": "supervision.tasks.run_deadline_checks_task",
        "schedule": crontab(hour=7, minute=30),
    },
}

# The office's own settings. The top jurisdiction (the city) and its legal office are created from
# these when the database is first migrated; afterwards each jurisdiction's office is a record.
PORTAL_JURISDICTION_CODE = env.str("PORTAL_JURISDICTION_CODE", default="341300")
PORTAL_JURISDICTION_NAME = env.str("PORTAL_JURISDICTION_NAME", default="宿州市")
PORTAL_OFFICE_NAME = env.str("PORTAL_OFFICE_NAME", default="宿州市人民政府法制办公室")
NOTICE_NUMBER_PREFIX = env.str("NOTICE_NUMBER_PREFIX", default="宿法监通")
REMINDER_WINDOW_WORKING_DAYS = env.int("REMINDER_WINDOW_WORKING_DAYS", default=3)

# --- accountability (issue 13) ---------------------------------------------------------------------
# Days a department has to answer a recommendation to remove an officer from the enforcement post.
ACCOUNTABILITY_ANSWER_DAYS = env.int("ACCOUNTABILITY_ANSWER_DAYS", default=30)
# Working days the other department has to answer an enforcement dispute (clause 4).
DISPUTE_ANSWER_WORKING_DAYS = env.int("DISPUTE_ANSWER_WORKING_DAYS", default=10)
# The mark between the office's prefix and the year in an interference report's number.
INTERFERENCE_REPORT_MARK = env.str("INTERFERENCE_REPORT_MARK", default="干预")

# --- personnel and the public lookup (issue 4) -------------------------------------------------
# The annual review (年审注册) of a year must have passed by this day of the year ("MM-DD").
ANNUAL_REVIEW_GRACE_DATE = env.str("ANNUAL_REVIEW_GRACE_DATE", default="03-31")
try:
    _month, _day = (int(part) for part in ANNUAL_REVIEW_GRACE_DATE.split("-"))
    import datetime as _datetime

    _datetime.date(2001, _month, _day)  # 29 February is refused: not every year has one
except ValueError as _error:
    raise ImproperlyConfigured(
        f"ANNUAL_REVIEW_GRACE_DATE={ANNUAL_REVIEW_GRACE_DATE!r} is not a day of the year: "
        "use MM-DD, e.g. 03-31."
    ) from _error
# The public lookup (no login): requests per client address, for the API and for the pages.
PUBLIC_API_RATE = env.str("PUBLIC_API_RATE", default="30/min")
PUBLIC_PAGE_RATE = env.str("PUBLIC_PAGE_RATE", default="60/min")
# How many reverse proxies in front of the portal append to X-Forwarded-For (0: use REMOTE_ADDR).
PUBLIC_TRUSTED_PROXIES = env.int("PUBLIC_TRUSTED_PROXIES", default=0)
# The address printed in certificate QR codes, e.g. https://zfjd.example.gov.cn (empty: this site).
PUBLIC_SITE_URL = env.str("PUBLIC_SITE_URL", default="").rstrip("/")
# Names for the registries' choice sets in the OpenAPI schema (several models have a kind/status).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "EntityKindEnum": "entities.models.EnforcementEntity.Kind",
    "EntityStatusEnum": "entities.models.EnforcementEntity.Status",
    "EntrustmentStatusEnum": "entities.models.Entrustment.Status",
    "CertificateKindEnum": "personnel.models.Certificate.Kind",
    "CertificateStatusEnum": "personnel.models.Certificate.Status",
    "ConductRecordStatusEnum": "personnel.models.ConductRecord.Status",
    "ConductRecordSourceEnum": "personnel.models.ConductRecord.Source",
    "AnnualReviewResultEnum": "personnel.models.AnnualReview.Result",
}
# --- end of personnel and the public lookup ---------------------------------------------------

# Findings and rectification (整改): the follow-up's states and what a check may record.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],
    "FindingFollowUpEnum": "supervision.models_rectification.FOLLOW_UP_RESULTS",
}

# --- training (issue 5) -------------------------------------------------------------------------
# Every officer needs this many training hours per calendar year and a passed assessment.
TRAINING_REQUIRED_HOURS = env.int("TRAINING_REQUIRED_HOURS", default=40)
# An assessment (考核) with at least this score (of 100) is passed.
TRAINING_PASS_SCORE = env.int("TRAINING_PASS_SCORE", default=60)
# The first calendar year whose training the portal judges: earlier years were kept on paper, so
# their shortfalls stop no one (no certificate withheld, issuance and reviews not refused for them).
TRAINING_FIRST_JUDGED_YEAR = env.int("TRAINING_FIRST_JUDGED_YEAR", default=2026)
# --- end of training -----------------------------------------------------------------------------

# --- publication (issue 14) ---------------------------------------------------------------------
# 规范性文件备案: a department files each normative document with the legal office within this many
# days of issuing it (15 in the city's policy; provinces set their own period).
NORMATIVE_DOCUMENT_FILING_DAYS = env.int("NORMATIVE_DOCUMENT_FILING_DAYS", default=15)
if NORMATIVE_DOCUMENT_FILING_DAYS < 1:
    raise ImproperlyConfigured(
        f"NORMATIVE_DOCUMENT_FILING_DAYS={NORMATIVE_DOCUMENT_FILING_DAYS} must be at least 1."
    )
# 异议审查: the legal office answers an objection to a normative document within this many days.
NORMATIVE_DOCUMENT_OBJECTION_DAYS = env.int("NORMATIVE_DOCUMENT_OBJECTION_DAYS", default=30)
if NORMATIVE_DOCUMENT_OBJECTION_DAYS < 1:
    raise ImproperlyConfigured(
        f"NORMATIVE_DOCUMENT_OBJECTION_DAYS={NORMATIVE_DOCUMENT_OBJECTION_DAYS} must be at least 1."
    )
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"].update(
    {
        "NormativeDocumentStatusEnum": "publication.models.NormativeDocument.Status",
        "BenchmarkStatusEnum": "publication.models.DiscretionBenchmark.Status",
    }
)
# --- end of publication --------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "celery": {"level": "WARNING"},
        "kombu": {"level": "WARNING"},
    },
}

# List filters: a choice left empty reads "全部" (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")

# --- complaints (issue 10) ---------------------------------------------------------------------
# Periods a city sets by its own rules: decide on acceptance within N working days of receipt,
# conclude within N days of acceptance, one extension of at most N days.
COMPLAINT_ACCEPT_WORKING_DAYS = env.int("COMPLAINT_ACCEPT_WORKING_DAYS", default=5)
COMPLAINT_CONCLUDE_DAYS = env.int("COMPLAINT_CONCLUDE_DAYS", default=30)
COMPLAINT_EXTENSION_MAX_DAYS = env.int("COMPLAINT_EXTENSION_MAX_DAYS", default=30)
# A complaint registered as a petition (信访) follows the 信访工作条例 (arts. 32, 35): 15 days to
# decide on acceptance, 60 days to conclude, one extension of at most 30 days.
COMPLAINT_PETITION_ACCEPT_DAYS = env.int("COMPLAINT_PETITION_ACCEPT_DAYS", default=15)
COMPLAINT_PETITION_CONCLUDE_DAYS = env.int("COMPLAINT_PETITION_CONCLUDE_DAYS", default=60)
COMPLAINT_PETITION_EXTENSION_MAX_DAYS = env.int("COMPLAINT_PETITION_EXTENSION_MAX_DAYS", default=30)
# The public complaint form and tracking-code look-ups, per client address (then 429): stricter
# than the lookup's pages, so that nobody can guess codes or flood the legal office.
COMPLAINT_SUBMIT_RATE = env.str("COMPLAINT_SUBMIT_RATE", default="10/h")
COMPLAINT_TRACK_RATE = env.str("COMPLAINT_TRACK_RATE", default="30/h")
# The complaints' choice sets in the OpenAPI schema (other apps have a status and a kind too).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"],
    "ComplaintStatusEnum": "complaints.models.Complaint.Status",
    "ComplaintChannelEnum": "complaints.models.Complaint.Channel",
    "ComplaintOutcomeEnum": "complaints.models.Complaint.Outcome",
}
for _name in (
    "COMPLAINT_SUBMIT_RATE",
    "COMPLAINT_TRACK_RATE",
    "PUBLIC_API_RATE",
    "PUBLIC_PAGE_RATE",
):
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", globals()[_name]):
        raise ImproperlyConfigured(f"{_name}={globals()[_name]!r} is not a rate: use e.g. 10/h.")

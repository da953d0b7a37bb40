"""The portal's one settings module, read from the environment.

With nothing set it runs on the embedded default: DEBUG on, an SQLite file in the project folder,
Celery tasks executed in-process and e-mail printed to the console. ``DATABASE_URL`` selects
PostgreSQL and ``CELERY_BROKER_URL`` selects Redis. With DEBUG off, a missing ``SECRET_KEY`` or
``ALLOWED_HOSTS`` stops the start with a message that names the variable.
"""

import datetime
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
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "supervision",
    "entities",
    "personnel",
    "cases",
    "training",
    "complaints",
    "evaluations",
    "inspections",
    "accountability",
    "publication",
    "supervisors",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "supervision.middleware.PortalLocaleMiddleware",
    "supervision.middleware.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "supervision.security.middleware.BadInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "supervision.security.middleware.SessionLifetimeMiddleware",
    "supervision.security.middleware.PasswordChangeRequiredMiddleware",
    "supervision.security.middleware.TwoFactorRequiredMiddleware",
    "supervision.security.middleware.NoStoreMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Served by gunicorn in production; runserver serves static files itself with DEBUG on.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "supervision.urls"
WSGI_APPLICATION = "supervision.wsgi.application"

# Django's form templates, but a <select> written in Python (identical markup; much faster).
FORM_RENDERER = "supervision.web.renderers.PortalFormRenderer"

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
# Persistent connections: a new connection per request costs about half the throughput on
# PostgreSQL. The health check reconnects a worker whose connection the server dropped.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "supervision.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# 等保2.0 level 3 (GB/T 22239-2019 8.1.4.1 a): passwords of some complexity, changed periodically.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "supervision.security.passwords.CharacterClassValidator"},
    {"NAME": "supervision.security.passwords.HistoryValidator"},
]
# django-axes first: it refuses a locked-out account or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "supervision.security.lockout.LockoutBackend",
    "supervision.backends.PortalBackend",
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One format of dates and date-times per language on pages (supervision/formats/).
FORMAT_MODULE_PATH = ["supervision.formats"]
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
# An .xlsx import is refused unread if it would unpack to more than this, or holds more parts.
UPLOAD_SHEET_MAX_UNPACKED_MB = env.int("UPLOAD_SHEET_MAX_UNPACKED_MB", default=100)
UPLOAD_SHEET_MAX_PARTS = env.int("UPLOAD_SHEET_MAX_PARTS", default=500)
for _name in ("UPLOAD_MAX_MB", "UPLOAD_SHEET_MAX_MB", "UPLOAD_SHEET_MAX_UNPACKED_MB"):
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
    # HTTPS only. Behind a proxy that terminates TLS and redirects plain HTTP itself, set
    # SECURE_SSL_REDIRECT=off; the proxy must then set X-Forwarded-Proto. The health check of
    # docker-compose.yml speaks plain HTTP inside the container, so it is exempt.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "supervision.security.tokens.ExpiringTokenAuthentication",
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
    # The schema and its docs describe every door of the API: for signed-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
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
    "purge-unconfirmed-rosters-hourly": {
        "task": "personnel.tasks.purge_unconfirmed_rosters",
        "schedule": crontab(minute=15),
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
# Official documents (GB/T 9704-2012): the body face (仿宋) and the title face (小标宋), as
# installed on the server (comma-separated family names, e.g. "仿宋_GB2312,FangSong_GB2312" and
# "方正小标宋简体,FZXiaoBiaoSong-B05S"); Noto Serif CJK SC is always the fallback.
DOCUMENT_BODY_FONT = env.str("DOCUMENT_BODY_FONT", default="")
DOCUMENT_TITLE_FONT = env.str("DOCUMENT_TITLE_FONT", default="")
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
    # A filing's receipt by the legal office (supervision.filing); a decision's document kinds.
    "FilingReceiptEnum": "supervision.filing.Receipt",
    "DecisionAttachmentKindEnum": "cases.models.DecisionAttachment.Kind",
}
# Special inspections (issue 12). The first quarter judged by rule inspection_quarterly
# (YYYY-Q): quarters before the portal held the inspections were kept on paper, never "missed".
INSPECTION_FIRST_JUDGED_QUARTER = env.str("INSPECTION_FIRST_JUDGED_QUARTER", default="2026-2")
if not re.fullmatch(r"\d{4}-[1-4]", INSPECTION_FIRST_JUDGED_QUARTER):
    raise ImproperlyConfigured(
        f"INSPECTION_FIRST_JUDGED_QUARTER={INSPECTION_FIRST_JUDGED_QUARTER!r} is not a quarter:"
        " write the year and the quarter, e.g. 2026-2."
    )
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["InspectionStatusEnum"] = (
    "inspections.models.Inspection.Status"
)
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["FindingStatusEnum"] = (
    "supervision.models_rectification.Finding.Status"
)

# --- training (issue 5) -------------------------------------------------------------------------
# Every officer needs this many training hours per calendar year and a passed assessment.
TRAINING_REQUIRED_HOURS = env.int("TRAINING_REQUIRED_HOURS", default=40)
# An assessment (考核) with at least this score (of 100) is passed.
TRAINING_PASS_SCORE = env.int("TRAINING_PASS_SCORE", default=60)
# The first calendar year whose training the portal judges: earlier years were kept on paper, so
# their shortfalls stop no one (no certificate withheld, issuance and reviews not refused for them).
TRAINING_FIRST_JUDGED_YEAR = env.int("TRAINING_FIRST_JUDGED_YEAR", default=2026)
# --- end of training -----------------------------------------------------------------------------

# --- security (issue 18: 等保2.0 level 3) ------------------------------------------------------
# Login failures (django-axes): after AXES_FAILURE_LIMIT failures for one username, or from one
# client address, that account or address is refused for LOGIN_LOCKOUT_MINUTES. A failure counts
# while the one before it is younger than the lockout, so 5 failures within 15 minutes always
# lock. The address is read as the public lookup's rate limit reads it (trusted proxies only).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=30)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "supervision.security.network.client_address"
AXES_LOCKOUT_CALLABLE = "supervision.security.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A lockout lasts its 30 minutes from the attempt that reached the limit; attempts during it are
# refused and audited but do not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ADMIN = False  # the portal's own admin registers the attempts, with an audited unlock
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "password", "new_password1", "new_password2", "token"]

# Passwords: changed at least every PASSWORD_MAX_AGE_DAYS days (0: never), not one of the last
# PASSWORD_HISTORY passwords; one set by the administrator is changed at the first login.
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
PASSWORD_HISTORY = env.int("PASSWORD_HISTORY", default=5)

# Two-factor login (TOTP) for these roles (comma-separated role names; empty: nobody). By default
# the legal office and the administrator in production; add "clerk" to ask clerks too. With
# DEBUG on (the demo) nobody, unless set.
TWO_FACTOR_ROLES = env.list("TWO_FACTOR_ROLES", default=[] if DEBUG else ["legal_office", "admin"])
OTP_TOTP_ISSUER = "执法监督平台"

# Sessions end after SESSION_IDLE_MINUTES without a request, and SESSION_ABSOLUTE_HOURS after the
# login whatever happens; logout and a password change end every session of the user.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_ABSOLUTE_HOURS = env.int("SESSION_ABSOLUTE_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# API tokens: stored as a hash, valid for API_TOKEN_DAYS days, revoked on a password change.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)

for _name in ("AXES_FAILURE_LIMIT", "LOGIN_LOCKOUT_MINUTES", "SESSION_IDLE_MINUTES"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
for _name in ("SESSION_ABSOLUTE_HOURS", "API_TOKEN_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")

# Searches by a whole citizen ID number per user and hour (each one is audited).
CITIZEN_ID_SEARCH_LIMIT = env.int("CITIZEN_ID_SEARCH_LIMIT", default=30)

# An uploaded roster never confirmed is deleted this many hours after its upload (it holds ID
# numbers of people who were never registered).
ROSTER_UPLOAD_KEEP_HOURS = env.int("ROSTER_UPLOAD_KEEP_HOURS", default=24)

# A bulletin or a notice reply submitted again with the same content within this many seconds is
# the one already recorded (a double click, a client retrying), not a second one.
REPEAT_SUBMISSION_SECONDS = env.int("REPEAT_SUBMISSION_SECONDS", default=600)

# The key of the audit trail's hash chain (supervision/security/chain.py), from the environment,
# never in the database or its backups: whoever holds it could rewrite the trail with its hashes.
# Unset, it is derived from SECRET_KEY; set it apart so that SECRET_KEY can be rotated without
# re-sealing the trail.
AUDIT_CHAIN_KEY = env.str("AUDIT_CHAIN_KEY", default="").strip()
if not AUDIT_CHAIN_KEY:
    import hashlib as _hashlib

    AUDIT_CHAIN_KEY = _hashlib.sha256(f"audit-chain:{SECRET_KEY}".encode()).hexdigest()
# Audit entries are kept at least this many days (等保: six months) before archive_audit may
# export and remove them; PostgreSQL's trigger refuses to delete younger ones.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=184)
if AUDIT_RETENTION_DAYS < 184:
    raise ImproperlyConfigured("AUDIT_RETENTION_DAYS must be at least 184 (six months).")

# Content-Security-Policy (django-csp): every script, style and image from this site, no inline
# script or style, no frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# --- end of security ---------------------------------------------------------------------------
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
        # django-axes names the username and address of every failure: the audit trail has them.
        "axes": {"level": "ERROR"},
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

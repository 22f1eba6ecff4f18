"""ClusterDev settings, driven by the environment with safe defaults.

Embedded default (no env): SQLite, Celery tasks run eagerly in process.
Services: DATABASE_URL selects PostgreSQL, REDIS_URL selects the Redis broker
(and turns eager mode off). Production hardening lives in config.production.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "guardian",
    "auditlog",
    "django_countries",
    "governance",
    "clusters",
    "diagnostics",
    "actionplans",
    "monitoring",
    "config",  # the composition root: the whole-project demo loader
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy header on every response (see the CSP block below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "governance.accounts.middleware.LoginRequiredMiddleware",
    # Login protection: keeps a signed-in session alive while it is used (idle expiry),
    # and axes (last, as its docs ask) turns a lockout into the "locked out" page.
    "governance.accounts.login_protection.SessionIdleMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # A new PostgreSQL connection per request costs more than many pages' queries;
        # keep them a minute, and check them before reuse after a restart.
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default (`make run`): concurrent writers wait for the lock
    # (BEGIN IMMEDIATE + a busy timeout) instead of failing with "database is
    # locked"; WAL lets readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Guardian: no database "anonymous" user; anonymous requests never reach object checks.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# One date format per language, never month-first (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
# Third-party front-end assets come from npm (package.json + lock file); only the
# folders we use are exposed to staticfiles, never a CDN.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_URL = "/media/"  # never served directly: downloads go through permission checks
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Map tiles: empty means offline (country outlines from a local file only).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# E-mail (invitations): printed in the terminal by default (`make run`); set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the EMAIL_HOST* values
# to send for real. The tests use Django's in-memory backend whatever is set here.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ClusterDev <noreply@localhost>")


# --- Content-Security-Policy (django-csp 4) -------------------------------------
# User text never reaches the page as HTML, and this header is the second wall: no
# inline script, no inline event handler (onerror=, onload=), no inline <style> or
# style="" attribute, no plugin, no <base>, no framing, forms post only to us.
# Everything the pages need is a static file served by us (vendor assets come from
# npm, never a CDN). JavaScript may still set element.style (Leaflet does): CSP
# allows styles set through the CSSOM. htmx's injected indicator <style> is turned
# off in templates/base.html (<meta name="htmx-config">); the API docs use
# drf-spectacular's split Swagger view (its init script is a separate file).
# tests/security/test_csp.py checks the header; tests/security/test_xss_sweep.py
# fails on any violation in Chromium.
def _tile_img_source(url: str) -> list[str]:
    """The CSP source for the map tiles: {s}.tile.example.org -> *.tile.example.org."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return []
    labels = ["*" if "{" in label else label for label in parts.netloc.split(".")]
    if "*" in labels[1:]:  # a wildcard is only allowed as the left-most label
        return []
    return [f"{parts.scheme}://{'.'.join(labels)}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_img_source(MAP_TILE_URL)],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# --- end of Content-Security-Policy ----------------------------------------------

REST_FRAMEWORK = {
    # Token first, so an anonymous API call gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's token authentication, plus idle expiry (API_TOKEN_IDLE_DAYS).
        "governance.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Throttling (login protection block below): generous for normal work, strict on
    # the token endpoint (scope "auth-token"). Counts live in the shared cache.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("API_THROTTLE_USER", "1200/min"),
        "auth-token": os.environ.get("API_THROTTLE_AUTH_TOKEN", "10/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["governance.drf.PolicyPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "governance.drf.PolicyScopeFilter",
        # django-filter with every related-object filter scoped by the access policy.
        "governance.drf.PolicyFilterBackend",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "governance.api_schema.ErrorDocumentingAutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ClusterDev API",
    "DESCRIPTION": "Cluster development projects following UNIDO's six-phase approach.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Several models have a "status" field with different choices; name each enum
    # after its model so API clients get stable, readable names.
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "monitoring.models.ReportStatus",
        "MeetingDecisionStatusEnum": "governance.models.DecisionStatus",
        "ClusterStatusEnum": "clusters.models.ClusterStatus",
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"

# --- Login protection ----------------------------------------------------------------
# django-axes on every login (page, admin, API token): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one address, that pair is locked for the cool-off.
# An administrator unlocks it by deleting the attempt in the admin (Axes > Access
# attempts) or with `manage.py axes_reset_username <username>`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the failure that locked: the page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "governance.accounts.login_protection.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# API tokens expire after this many days without use; last use is written at most
# once per API_TOKEN_USE_WRITE_SECONDS. Their owner revokes one with
# DELETE /api/auth/token/.
API_TOKEN_IDLE_DAYS = int(os.environ.get("API_TOKEN_IDLE_DAYS", "30"))
API_TOKEN_USE_WRITE_SECONDS = int(os.environ.get("API_TOKEN_USE_WRITE_SECONDS", "3600"))
# Sessions end after SESSION_COOKIE_AGE seconds without a request (8 hours). Rather
# than SESSION_SAVE_EVERY_REQUEST (a write per request), SessionIdleMiddleware renews
# the expiry at most once per SESSION_IDLE_TOUCH_SECONDS.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_IDLE_TOUCH_SECONDS = int(os.environ.get("SESSION_IDLE_TOUCH_SECONDS", "300"))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = False
# A cache shared by all gunicorn workers (throttle counts): Redis when configured
# (CACHE_URL, else REDIS_URL), memory of the one process otherwise (`make run`).
CACHE_URL = os.environ.get("CACHE_URL", REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "clusterdev",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# --- end of Login protection ---------------------------------------------------------
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a job must not hang on an unreachable broker: give up quickly
# (the job row stays queued and the sweep sends it later).
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# IATI 2.03 export: the publisher. XM-CLUSTERDEV is a placeholder; set the organisation's
# registered identifier before publishing. IATI_ACTIVITY_IDENTIFIERS maps a project's
# pk to its registered activity identifier (default: <org ref>-<pk>).
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XM-CLUSTERDEV")
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "40")
IATI_REPORTING_ORG_NAME = os.environ.get("IATI_REPORTING_ORG_NAME", "ClusterDev")
IATI_ACTIVITY_IDENTIFIERS: dict[int, str] = {}

# Absolute links in e-mails (reminders, digests, report notices, invitations).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

CELERY_BEAT_SCHEDULE = {
    "send-daily-reminders": {
        "task": "monitoring.reminders.tasks.reminders_send_daily",
        "schedule": crontab(minute=0, hour=6),
    },
    "send-weekly-digest": {
        "task": "monitoring.reminders.tasks.digest_send_weekly",
        "schedule": crontab(minute=30, hour=6, day_of_week="mon"),
    },
    "requeue-stuck-report-jobs": {
        "task": "monitoring.tasks.requeue_stuck_report_jobs",
        "schedule": 60.0,
    },
    "rebuild-indicator-rollups": {
        "task": "monitoring.tasks.rollup_rebuild_all_task",
        "schedule": crontab(minute=30, hour=1),
    },
    "rebuild-activity-rollups": {
        "task": "monitoring.rollups.activity_tasks.activity_rollups_rebuild_all_task",
        "schedule": crontab(minute=45, hour=1),
    },
    "file-quarterly-progress-reports": {
        "task": "monitoring.reports.tasks.report_schedules_run",
        "schedule": crontab(minute=45, hour=5),
    },
    "lock-ended-periods": {
        "task": "monitoring.tasks.period_locks_apply_system",
        "schedule": crontab(minute=15, hour=0),
    },
    "purge-idempotency-keys": {
        "task": "governance.tasks.purge_idempotency_keys",
        "schedule": crontab(minute=20, hour=3),
    },
    "sync-role-permissions": {
        "task": "governance.tasks.sync_role_permissions",
        "schedule": crontab(minute=5, hour=0),
    },
}
# A rendering worker holds its job for this long and renews it while it works; a job
# whose worker died is taken over once the hold lapses.
REPORT_JOB_LEASE_SECONDS = int(os.environ.get("REPORT_JOB_LEASE_SECONDS", "30"))
# A queued job whose message may have been lost (a broker restart) is sent again after
# this, then at doubling intervals.
REPORT_JOB_RESEND_MINUTES = int(os.environ.get("REPORT_JOB_RESEND_MINUTES", "2"))

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

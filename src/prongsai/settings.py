"""Django settings for Prongsai.

One settings module, driven by the environment:

- ``DATABASE_URL`` — any URL dj-database-url understands (``sqlite:///…``, ``postgres://…``);
  unset, the embedded SQLite file ``<PRONGSAI_DATA_DIR>/prongsai.sqlite3`` is used.
- ``PRONGSAI_DATA_DIR`` — where the SQLite file and uploads live (default ``./data``).
- ``PRONGSAI_CONN_MAX_AGE`` — seconds a worker keeps its database connection (default 60).
- ``PRONGSAI_SECRET_KEY``, ``PRONGSAI_DEBUG``, ``PRONGSAI_ALLOWED_HOSTS``.
- ``PRONGSAI_EMAIL_HOST`` / ``_PORT`` / ``_USER`` / ``_PASSWORD`` / ``_FROM`` / ``_TLS`` — the
  SMTP server notifications and password resets go through (unset: printed on the console);
  ``PRONGSAI_BASE_URL`` — the address links in e-mails start with.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PRONGSAI_DATA_DIR", Path.cwd() / "data")).resolve()

# PRONGSAI_ENV=production: secrets and hosts from the environment, HTTPS-only cookies, HSTS;
# it refuses to start without them (docs/security.md says what to set).
PRODUCTION = os.environ.get("PRONGSAI_ENV", "development") == "production"


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"PRONGSAI_ENV=production ต้องกำหนด {name} (ดู docs/security.md) / {name} must be set"
        )
    return value


if PRODUCTION:
    SECRET_KEY = _required("PRONGSAI_SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "PRONGSAI_SECRET_KEY สั้นหรือเดาง่ายเกินไป (อย่างน้อย 50 ตัวอักษรแบบสุ่ม) / "
            "PRONGSAI_SECRET_KEY must be at least 50 random characters"
        )
    DEBUG = False
    ALLOWED_HOSTS = [h.strip() for h in _required("PRONGSAI_ALLOWED_HOSTS").split(",") if h.strip()]
else:
    SECRET_KEY = os.environ.get(
        "PRONGSAI_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789"
    )
    DEBUG = os.environ.get("PRONGSAI_DEBUG", "1") == "1"
    ALLOWED_HOSTS = os.environ.get(
        "PRONGSAI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver"
    ).split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "prongsai.core",
    "prongsai.access",
    "prongsai.api",
    "ninja",  # serves the API docs' assets from our static files (no CDN)
    "prongsai.criteria",
    "prongsai.agencies",
    "prongsai.assessments",
    "prongsai.analysis",
    "prongsai.measures",
    "prongsai.ingest",
    "prongsai.demo",
    "prongsai.dashboards",
    "prongsai.suggestions",
    "prongsai.documents",
    "prongsai.work",  # above every stage: home, agency and year pages, my work, notifications
    "prongsai.oit",
    "prongsai.bulk",  # bulk documents on the task queue (prongsai/queue.py)
    "django_celery_beat",
    "simple_history",
    "prongsai.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # static files from the app server itself (compressed, hashed names in production), so a
    # deployment needs no separate static server (docs/deploy.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "prongsai.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # default deny: every page needs a login unless its view is marked login_not_required
    # (the public pages of published documents, the login page)
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # the input boundary: control characters cleaned, bad field names and over-long values
    # refused with a Thai 400 (core/boundary.py), before any view, form or API operation
    "prongsai.core.boundary.CleanInputMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "prongsai.work.context.next_step",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db)}
if not os.environ.get("DATABASE_URL"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; a busy timeout instead of "locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Keep each worker's database connection between requests (a new PostgreSQL connection per
# request costs a server process; a new SQLite one re-runs the pragmas), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("PRONGSAI_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["prongsai.audit.throttle.ThrottledModelBackend"]
PRONGSAI_LOGIN_FAILURES = int(os.environ.get("PRONGSAI_LOGIN_FAILURES", "5"))
PRONGSAI_LOGIN_FAILURES_PER_IP = int(os.environ.get("PRONGSAI_LOGIN_FAILURES_PER_IP", "50"))
PRONGSAI_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("PRONGSAI_LOGIN_LOCKOUT_MINUTES", "15"))

# Security headers (every environment); HTTPS-only ones in production.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # a request body without files
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # the results grid posts a few hundred fields
# the longest text one form field or API string may bring (core/boundary.py refuses longer)
PRONGSAI_MAX_FIELD_CHARS = int(os.environ.get("PRONGSAI_MAX_FIELD_CHARS", "20000"))
# behind a reverse proxy: the client's address is the last X-Forwarded-For entry (login throttle)
PRONGSAI_BEHIND_PROXY = os.environ.get("PRONGSAI_BEHIND_PROXY") == "1"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("PRONGSAI_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PRONGSAI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("PRONGSAI_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("PRONGSAI_HSTS_PRELOAD", "1") == "1"
    if PRONGSAI_BEHIND_PROXY:  # a reverse proxy that terminates TLS
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [
        o.strip()
        for o in os.environ.get("PRONGSAI_CSRF_TRUSTED_ORIGINS", "").split(",")
        if o.strip()
    ]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English second. LocaleMiddleware picks the language from the switcher's cookie
# (django_language, set by /i18n/setlang/), else the browser's Accept-Language; a browser that
# asks for neither language, or for nothing, gets Thai. The English catalogue is
# locale/en/LC_MESSAGES/django.po (see docs/README.md, "Translations").
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
# Static files: WhiteNoise serves them. In production `prongsai collectstatic` writes them to
# STATIC_ROOT with hashed names and .gz/.br copies (cached for a year by browsers); elsewhere
# they are served from the app's folders as they are (no collectstatic needed).
# Uploaded files go through Django's storage API only: PRONGSAI_STORAGE_BACKEND (e.g.
# "storages.backends.s3.S3Storage" of django-storages) with its OPTIONS as JSON in
# PRONGSAI_STORAGE_OPTIONS puts them on object storage, shared by every server.
_static_backend = (
    "prongsai.core.static.StaticStorage"
    if PRODUCTION or os.environ.get("PRONGSAI_STATIC_MANIFEST") == "1"
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "PRONGSAI_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("PRONGSAI_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {"BACKEND": _static_backend},
}
WHITENOISE_USE_FINDERS = _static_backend.startswith("django.")
WHITENOISE_AUTOREFRESH = DEBUG and WHITENOISE_USE_FINDERS

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"

# E-mail (notifications, reminders, password reset) through Django's mail framework: SMTP when
# PRONGSAI_EMAIL_HOST is set, else printed on the console (development).
EMAIL_HOST = os.environ.get("PRONGSAI_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("PRONGSAI_EMAIL_PORT", "587" if EMAIL_HOST else "25"))
EMAIL_HOST_USER = os.environ.get("PRONGSAI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PRONGSAI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("PRONGSAI_EMAIL_TLS", "1" if EMAIL_PORT == 587 else "0") == "1"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("PRONGSAI_EMAIL_FROM", "โปร่งใส <prongsai@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# PRONGSAI_ADMINS="Name <a@example.go.th>, b@example.go.th": who gets the e-mail of a server
# error (500) in production
ADMINS = [
    (a.split("<")[0].strip() or a.strip(), a.split("<")[-1].rstrip(">").strip())
    for a in os.environ.get("PRONGSAI_ADMINS", "").split(",")
    if a.strip()
]
PRONGSAI_BASE_URL = os.environ.get("PRONGSAI_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD_RESET_TIMEOUT = 24 * 3600  # a reset link works for one day

# The task queue (prongsai/queue.py): Celery with Redis as the broker. Tasks are acknowledged
# after they ran and re-run when their worker is lost; a task not acknowledged within the
# visibility timeout (its worker died) is handed to another worker.
PRONGSAI_REDIS_URL = os.environ.get("PRONGSAI_REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = os.environ.get("PRONGSAI_BROKER_URL", PRONGSAI_REDIS_URL)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("PRONGSAI_QUEUE_VISIBILITY_TIMEOUT", "3600")),
    # how often an idle worker looks for such tasks (seconds; kombu's default sweep is ~100 s)
    "unacked_restore_interval": int(os.environ.get("PRONGSAI_QUEUE_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True  # progress is kept in the database (bulk.BulkJob), not results
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# eager: tasks run in the caller, for unit tests of task bodies only (the task tests run a real
# worker, tests/queue)
CELERY_TASK_ALWAYS_EAGER = os.environ.get("PRONGSAI_QUEUE_EAGER") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
PRONGSAI_BACKUP_DIR = os.environ.get("PRONGSAI_BACKUP_DIR", "")  # default <data dir>/backups

# The cache (the dashboards' roll-ups, the login throttle): Redis when PRONGSAI_REDIS_URL is set,
# so every app server sees the same dashboards version; else each process's own memory.
if os.environ.get("PRONGSAI_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("PRONGSAI_CACHE_URL", PRONGSAI_REDIS_URL),
            "KEY_PREFIX": "prongsai",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# the dashboards' roll-ups and pages: keyed by the summaries' version, so each process may keep
# what it read from the shared cache in its own memory too (prongsai.core.nearcache)
CACHES["dashboards"] = {
    "BACKEND": "prongsai.core.nearcache.NearCache",
    "OPTIONS": {"shared": "default", "max_entries": 1000, "near_timeout": 300},
}

# Logs: one JSON object per line on stdout (PRONGSAI_LOG_FORMAT=json, the default in
# production) for the journal or a log collector; plain lines otherwise.
LOG_FORMAT = os.environ.get("PRONGSAI_LOG_FORMAT", "json" if PRODUCTION else "plain")
LOG_LEVEL = os.environ.get("PRONGSAI_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "json_ensure_ascii": False,
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

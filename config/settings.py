"""Horizont settings: everything that differs between machines comes from the
environment (see `.env.example`); production differs only by its variables."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django_prose_editor import config as prose_config

from config.redis import FailFastConnection

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the site, for links in e-mails and feeds written
# outside a request (management commands).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# The editor's Link without automatic links (static/admin_horizont/prose_link.js);
# sanitising stays django-prose-editor's own.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("admin_horizont/prose_link.js")],
        "extensions": {"Link": prose_config.process_link},
    }
]

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    # The stock admin with Horizont's dashboard as its home page (config/admin.py).
    "config.apps.HorizontAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Old addresses (a changed slug, the former CMS) redirect to new ones.
    "django.contrib.sites",
    "django.contrib.redirects",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "simple_history",
    "csp",
    "axes",
    "django_prose_editor",
    "adminsortable2",
    "import_export",
    "post_office",
    "contacts",
    "delegations",
    "events",
]

MIDDLEWARE = [
    # First: a cached page for an anonymous reader needs none of the others;
    # it was stored with the headers they gave it (config/page_cache.py).
    "config.page_cache.PageCacheMiddleware",
    "config.logging.RequestLogMiddleware",
    "config.middleware.PublicURLsMiddleware",
    # ETag on every page; a reader's repeat visit gets 304 without the body.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "config.middleware.RequestSanityMiddleware",
    "config.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Only for a 404 that is left once LocaleMiddleware has added a missing
    # language prefix: an entered or slug-change redirect answers with a 301.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.AdminInGermanMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.AdminMessageMiddleware",  # messages in the admin only
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
SITE_ID = 1
# Anonymous readers get public pages from the shared cache for this long;
# staff edits in the admin make every cached page stale at once.
HORIZONT_PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=60)

ROOT_URLCONF = "config.urls"

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
                "config.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# Persistent connections with a health check: opening a connection per request
# halves PostgreSQL throughput, and the check survives a database restart. On
# PostgreSQL the check looks at the connection's socket instead of sending a
# query (config/postgresql/base.py).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "config.postgresql"
    # psycopg prepares a statement once a connection has run it this often, on
    # cursors that bind on the server: config.prepared's only (the report
    # page's lookup). Off behind PgBouncer in transaction mode before 1.21.
    if env.bool("DJANGO_DB_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
            "prepare_threshold", 5
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache (django-redis). A Redis that is down or frozen costs a
# request at most one short timeout: errors count as misses (IGNORE_EXCEPTIONS),
# redis-py does not retry, and config.redis stops asking for a few seconds.
REDIS_URL = env.str("REDIS_URL", default="")
REDIS_TIMEOUT = env.float("DJANGO_REDIS_TIMEOUT", default=0.25)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_KWARGS": {"connection_class": FailFastConnection},
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Several sites (or test runs) on one Redis keep their keys apart.
CACHES["default"]["KEY_PREFIX"] = env.str("DJANGO_CACHE_KEY_PREFIX", default="")
# config.redis logs an outage once, not every ignored error with a traceback.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# Admin logins are throttled: after AXES_FAILURE_LIMIT wrong passwords one
# account is locked for an hour from that address only; the address as a whole
# after HORIZONT_LOGIN_ADDRESS_FAILURE_LIMIT (config/lockout.py). Attempts are
# counted in the database, so every app server sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_HANDLER = "config.lockout.AddressAndAccountHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "config.client_ip.client_network"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
# English dates in British style (config/formats/en/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Photos and renditions: on a volume under MEDIA_ROOT, or, with DJANGO_S3_BUCKET,
# in S3-compatible object storage (django-storages), shared by every app server.
S3_BUCKET = env.str("DJANGO_S3_BUCKET", default="")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "config.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("DJANGO_S3_ENDPOINT", default=None),
            "region_name": env.str("DJANGO_S3_REGION", default=None),
            "access_key": env.str("DJANGO_S3_ACCESS_KEY", default=None),
            "secret_key": env.str("DJANGO_S3_SECRET_KEY", default=None),
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "max-age=2592000"},
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_MAX_AGE = 3600

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Horizont <international@example.org>"
)

# Uploaded photos and logos: refused above these limits before Pillow decodes
# them. At most 16 MP are stored; PNG and WebP get less, a larger JPEG (up to
# 4x) is decoded and stored at half size (contacts/images.py). One image at the
# cap keeps a worker below about 150 MB while it is re-encoded and its
# renditions are made.
IMAGE_MAX_PIXELS = env.int("DJANGO_IMAGE_MAX_PIXELS", default=16_000_000)
IMAGE_MAX_BYTES = env.int("DJANGO_IMAGE_MAX_BYTES", default=15 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Widths of the WebP renditions made once when a photo is saved (srcset).
PHOTO_RENDITION_WIDTHS = (480, 800, 1200)

# Production hardening; on by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy of the public site: nothing from other hosts, no
# inline script or style. The admin has its own policy (config/middleware.py).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
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
    },
}

# Spreadsheets in the admin (django-import-export, config/spreadsheets.py): CSV
# and XLSX only, set on each admin. Export needs the view permission, so
# interest registrations stay with the Management group; import needs add and
# change (ImportExportAdminMixin.has_import_permission).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
# Each imported row is its own change in the admin log, as if saved by hand.
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Errors: mailed to ADMINS ("Name <address>,…"), and sent to Sentry when a
# DSN is set. Every log line of a request names its method and path
# (config.logging), so a failed request can be found in the log.
ADMINS = [
    tuple(part.strip(" >") for part in admin.split("<"))
    if "<" in admin
    else (admin, admin)
    for admin in env.list("DJANGO_ADMINS", default=[])
]
SERVER_EMAIL = env.str("DJANGO_SERVER_EMAIL", default="horizont@example.org")
SENTRY_DSN = env.str("SENTRY_DSN", default="")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "config.logging.RequestFilter"}},
    "formatters": {
        "request": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_line)s] "
            "%(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "request",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
        },
    },
    "root": {
        "handlers": ["console"],
        "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
    },
    "loggers": {
        # Lockouts are warnings; axes' routine bookkeeping is not worth a line.
        "axes": {"level": "WARNING"},
        # Failed requests: to the console (root) and by mail to ADMINS.
        "django.request": {"handlers": ["mail_admins"]},
    },
}
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default=None),
        send_default_pii=False,  # registrants' data stays here
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# Interest registrations (contacts)
# Confirmed registrations are announced to this address.
HORIZONT_TEAM_EMAIL = env.str("DJANGO_TEAM_EMAIL", default="international@example.org")
# Personal data of a registration is anonymised after this many months.
HORIZONT_RETENTION_MONTHS = env.int("DJANGO_RETENTION_MONTHS", default=24)
# Accepted submissions per client address (django-ratelimit counts in the
# shared cache); forms sent back with mistakes do not count.
HORIZONT_INTEREST_RATE = env.str("DJANGO_INTEREST_RATE", default="5/h")
# Forms sent back faster than a person can fill them in are refused as spam.
HORIZONT_INTEREST_MIN_FILL_SECONDS = env.int(
    "DJANGO_INTEREST_MIN_FILL_SECONDS", default=3
)
# Proxies in front of the app that append to X-Forwarded-For (load balancer: 1).
HORIZONT_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# A cache outage must not block registrations; the form logs it instead.
RATELIMIT_FAIL_OPEN = True
# django-post-office is the outbox: mails are stored with the registration,
# then sent after commit by contacts.tasks.send_mail (on the worker), retried
# with back-off; what is still unsent is picked up by the outbox job on beat.
POST_OFFICE = {"MAX_RETRIES": 8, "LOG_LEVEL": 1}
# Mail is sent on the worker (or after commit without a broker): a hanging
# mail server holds a worker thread this long, never a request's response.
EMAIL_TIMEOUT = EMAIL_CONFIG.get("EMAIL_TIMEOUT", 10)
# First retry after this many seconds, then twice as long each time (at most
# an hour), HORIZONT_MAIL_RETRIES times; after that the outbox job takes over.
HORIZONT_MAIL_RETRY_SECONDS = env.int("DJANGO_MAIL_RETRY_SECONDS", default=60)
HORIZONT_MAIL_RETRIES = env.int("DJANGO_MAIL_RETRIES", default=8)

# Background work (config/celery.py): with a broker, on the Celery worker and
# beat (`make worker`); without one, in the process that queues it, after
# commit, and the scheduled jobs only when run by hand.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when done: a worker killed mid-task leaves it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a mail must not wait long for a frozen broker: one
# short try; the mail stays in the outbox for the next outbox run.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("DJANGO_BROKER_TIMEOUT", default=0.5)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "retry_on_timeout": False,
    "max_retries": 0,
}
CELERY_TIMEZONE = TIME_ZONE
# Beat runs the outbox job this often (seconds); the daily jobs and their
# times are in config/celery.py, which only the worker loads.
HORIZONT_OUTBOX_INTERVAL = env.int("DJANGO_OUTBOX_INTERVAL", default=300)

# Operations (docs/deployment.md)
# The load balancer's probe speaks plain HTTP to each app server.
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Security and privacy, second round (issue 16)
# The confirmation link is valid this long and only confirms by its button;
# unconfirmed registrations are deleted once it has expired.
HORIZONT_CONFIRMATION_HOURS = 48
# At most one confirmation mail per e-mail address in this many hours, whoever
# sends the form (counted in the shared cache).
HORIZONT_CONFIRMATION_MAIL_INTERVAL_HOURS = 24
# The form's session cookie (it holds only the one-time fill-time tokens)
# lasts this long for visitors who are not logged in.
HORIZONT_INTEREST_SESSION_HOURS = 24
# Wrong admin passwords from one address, over all accounts, before the whole
# address is locked for AXES_COOLOFF_TIME (config/lockout.py).
HORIZONT_LOGIN_ADDRESS_FAILURE_LIMIT = env.int(
    "DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", default=20
)

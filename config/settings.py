"""Settings for Advisory Atlas: one module, configured from the environment.

Unset, it runs a development site on a local SQLite file. Production sets at least
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (see .env.example).
"""

import os
from datetime import timedelta
from functools import partial
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.client_ip import forwarded_client_ip

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a fixed key keeps sessions valid across restarts of `make run`.
    SECRET_KEY = "development-only-key-not-for-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served as this site's static files
    "corsheaders",
    "django_tasks",
    "django_tasks_db",  # the task queue's table, and its db_worker command
    "publishing",
    "advisories",
    "articles",
    "front",
    "api",
    "alerts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that answers on its own; it acts on CORS_URLS_REGEX (the API) only.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Every version simple_history keeps names the staff member whose request saved it.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: it turns a login its backend refused into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "advisories.context_processors.levels",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that is down or hung costs a request seconds, not minutes, and the visitor gets a
# 503 (front.views.server_error): connecting gives up after DATABASE_CONNECT_TIMEOUT seconds,
# and a statement after DATABASE_STATEMENT_TIMEOUT seconds where that is set (config/gunicorn.py
# sets it for the web server; migrations and imports may run as long as they need).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 3)
    # No JIT: it compiles a page's query for longer (100 ms and more) than the query then runs;
    # it pays off on long reports, which a site serving pages never runs.
    session_settings = ["-c jit=off"]
    if statement_timeout := env_int("DATABASE_STATEMENT_TIMEOUT", 0):
        session_settings.append(f"-c statement_timeout={statement_timeout}s")
    database_options["options"] = " ".join(session_settings)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# First, so a locked-out login is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles")

# Hashed, compressed, far-future-cached files need `collectstatic` to have run with this on
# (the Docker image does it at build time). Off, whitenoise serves the files where they lie,
# uncollected, which is what `make run` and the test suite want.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST")
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# HTTPS_ONLY=1 declares that the site is served over TLS: redirect plain HTTP, mark cookies
# secure, send HSTS. It is off by default so the test client and `make run` speak plain HTTP;
# `manage.py check --deploy` warns until production turns it on.
HTTPS_ONLY = env_bool("HTTPS_ONLY")
SECURE_SSL_REDIRECT = HTTPS_ONLY
# The load balancer probes over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS_ONLY else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS_ONLY)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS_ONLY)
# Trust X-Forwarded-Proto only when a proxy in front sets it and strips it from clients.
if env_bool("TRUST_X_FORWARDED_PROTO"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Django's defaults, stated because production relies on them.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


# An alert without an expiry is listed as active for this many days, then as past.
ALERT_ACTIVE_DAYS = env_int("ALERT_ACTIVE_DAYS", 30)

# Imports publish on the source's authority; 0 holds every imported change as a draft for a
# publisher to review.
IMPORTS_PUBLISH = env_bool("IMPORTS_PUBLISH", True)

# Whose travel advisory sets a country's headline level: the first of these sources that has a
# current one (Advisory.Source values; advisories/issuers.py names them), never import order.
HEADLINE_ISSUERS = ["staff", "state-dept", "govuk", "canada", "smartraveller"]

# The site's address, for the links in email (alerts), which have no request to take it from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Email: SMTP from the environment. In development (DEBUG) mail is printed on the console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Seconds before a silent mail server counts as down (Django's default waits for ever).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Advisory Atlas <alerts@localhost>")

# Background work (sending alerts) waits in a database queue that `manage.py db_worker` works
# through; in development (DEBUG) it runs at once, in the process that asks for it.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[
            os.environ.get("TASK_BACKEND", "immediate" if DEBUG else "database")
        ]
    }
}

# Versions are restored as drafts by the site's own view (publishing.admin), never in place.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Login throttling (django-axes, counted in the database): after LOGIN_FAILURE_LIMIT failed
# sign-ins for one username, or from one address, both are refused for LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 60))
# Per username stops guessing one account from many addresses; per address stops spraying names.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Tries during a lockout do not extend it, so the lockout page can say when it ends.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A success keeps the count: else logging in to any account would reset an address's failures.
AXES_RESET_ON_SUCCESS = False
# Too Many Requests, not Forbidden: the client is not denied the page, only asked to wait.
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Failures stay listed in the admin after a lockout ends or is lifted.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# No start-up banner on every manage.py command; failures and lockouts are still logged.
AXES_VERBOSE = False
# Behind the TLS proxy every request comes from the proxy: count the address it forwards, but
# only when told how many proxies append to X-Forwarded-For; 0 counts REMOTE_ADDR.
TRUST_X_FORWARDED_FOR = env_int("TRUST_X_FORWARDED_FOR", 0)
if TRUST_X_FORWARDED_FOR:
    AXES_CLIENT_IP_CALLABLE = partial(forwarded_client_ip, proxies=TRUST_X_FORWARDED_FOR)

# No inline script or style anywhere, the admin included; images may be data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The JSON API (api/): public and read-only, so no sessions and no CSRF; JSON only (its
# documentation page is Swagger UI, at /api/v1/docs/).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Advisory Atlas API",
    "DESCRIPTION": "Read-only: the travel advisories, alerts, articles, people and places the "
    "site publishes, and every country's current level. No key, no sign-in; any site's scripts "
    "may read it (CORS).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar's files: no request to another site (see the CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Advisories and places both have a `kind`, of different choices: one enum each.
    "ENUM_NAME_OVERRIDES": {
        "AdvisoryKindEnum": "advisories.models.Advisory.Kind",
        "PlaceKindEnum": "advisories.models.Location.Kind",
        "LevelEnum": "advisories.models.Advisory.Level",
    },
}
# Any site's scripts may read the API (and only the API): GET, HEAD and OPTIONS, no cookies.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# One line per event on stdout, where the container runtime collects it.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {
            "()": "config.logformat.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
        "null": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console and mail_admins handlers give way to the root handler.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Scanners probing with foreign Host headers: the access log's 400 line is enough.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

"""Base settings, read from the environment with safe production defaults.

DEBUG is off unless DJANGO_DEBUG says otherwise, and without DEBUG the app refuses
to start unless DJANGO_SECRET_KEY is set. SQLite is the zero-set-up default;
DATABASE_URL (e.g. postgres://user@host:5432/db) switches to PostgreSQL.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see README, 'Settings')."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "improvement",
    "actions",
    "risks",
    "finance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns locked-out logins into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "improvement.sign_in.LocalPasswordBackend",
    "improvement.sign_in.ProviderSignIn",
]
# Single sign-on with NHSmail / Microsoft Entra ID, or any OpenID Connect provider
# (improvement/sign_in.py; README, "Signing in with NHSmail"). On when a client id is set.
# For Entra ID the tenant alone gives every endpoint; another provider names them.
OIDC_RP_CLIENT_ID = env_str("DJANGO_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("DJANGO_OIDC_CLIENT_SECRET", "")
SINGLE_SIGN_ON = bool(OIDC_RP_CLIENT_ID)
_ENTRA = "https://login.microsoftonline.com/" + env_str("DJANGO_OIDC_ENTRA_TENANT", "common")
OIDC_OP_ISSUER = env_str("DJANGO_OIDC_ISSUER", f"{_ENTRA}/v2.0")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str(
    "DJANGO_OIDC_AUTHORIZATION_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/authorize"
)
OIDC_OP_TOKEN_ENDPOINT = env_str("DJANGO_OIDC_TOKEN_ENDPOINT", f"{_ENTRA}/oauth2/v2.0/token")
OIDC_OP_JWKS_ENDPOINT = env_str("DJANGO_OIDC_JWKS_ENDPOINT", f"{_ENTRA}/discovery/v2.0/keys")
OIDC_OP_USER_ENDPOINT = ""  # unused: the ID token's claims are read (sign_in.py)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
SIGN_IN_PROVIDER_NAME = env_str("DJANGO_OIDC_PROVIDER_NAME", "NHSmail")
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sign_in=failed"
# DJANGO_LOCAL_PASSWORDS=0: only the identity provider signs people in; the login form goes.
LOCAL_PASSWORDS = env_bool("DJANGO_LOCAL_PASSWORDS", True)
# Login throttling: 5 failures for a username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# ...and, across usernames, failures from one address (password spraying): a separate,
# higher limit, since NHS sites often share one outgoing address (improvement.login_throttle).
AXES_HANDLER = "improvement.login_throttle.ThrottlingHandler"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50)
LOGIN_ADDRESS_WINDOW = timedelta(hours=1)

# History pages are records to read: restoring a whole row from the past would bypass the
# services that keep deadline revisions, evidence rules and cycles.
SIMPLE_HISTORY_REVERT_DISABLED = True

# No inline script or style anywhere: pages, admin and previews load their own files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

ROOT_URLCONF = "improvement.urls"

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
                "improvement.context_processors.navigation",
            ],
        },
    },
    # Rows of the busiest pages only (improvement/rows.py): pages and everything else stay
    # in Django's templates above.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "rows",
        "DIRS": [BASE_DIR / "templates" / "rows"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "improvement.rows.environment"},
    },
]

WSGI_APPLICATION = "improvement.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection is checked before reuse, so a database restart costs
        # the requests in flight, not every request until the connection ages out.
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "d/m/Y"

# Uploaded evidence: outside the static tree and never served by URL; a view checks who
# may read each file before streaming it.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
EVIDENCE_MAX_UPLOAD_MB = env_int("EVIDENCE_MAX_UPLOAD_MB", 20)

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "improvement-tracker@localhost")
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000")

# Django's cache holds what is costly to draw and cheap to key: the QIPP charts, keyed by
# their figures (finance.charts). A file cache by default, shared by every worker of one
# machine with no service to run; Redis when REDIS_URL is set (several app servers).
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache" / "django")),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Background work (the Governing Body pack): Django's task framework through the
# django-tasks package, queued in the database so one machine needs no other service
# (`python manage.py db_worker` runs the queue; `make run` starts it). A queue such as RQ
# can take over with another backend when there are several app servers.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The read API (improvement/api): personal tokens or the browser's session, every list
# paged and filtered; query parameters it does not know are refused, not ignored.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "improvement.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "improvement.api.paging.Paging",
    "DEFAULT_FILTER_BACKENDS": [
        "improvement.api.filtering.StrictFilterBackend",
        "improvement.api.filtering.StrictOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Improvement plan tracker API",
    "DESCRIPTION": "Read-only: plans, areas, recommendations, actions, risks, QIPP schemes "
    "and reporting cycles, each scoped to the organisations the caller belongs to. "
    "Authenticate with a personal token (`Authorization: Bearer <token>`, made on the API "
    "tokens page) or a signed-in browser session.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the three QIPP ratings' shared choices (milestones, benefits, risk).
    "ENUM_NAME_OVERRIDES": {"DimensionRagEnum": "finance.rating.DimensionRag"},
}

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Development and tests serve static files straight from static/; production serves the
# hashed, compressed copies that `collectstatic` writes to STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Cookies and headers: secure by default, relaxed only for local development.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

DJANGO_TABLES2_TEMPLATE = "django_tables2/nhsuk_table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

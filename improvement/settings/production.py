"""Production settings: everything from the environment, refusing to start without the
essentials. `python manage.py check --deploy` passes under these settings.

Required: DJANGO_SECRET_KEY, DATABASE_URL, DJANGO_ALLOWED_HOSTS.
Optional: DJANGO_MEDIA_ROOT (shared storage for evidence and packs when several app
servers run), or DJANGO_S3_BUCKET (+ AWS_* variables, `pip install django-storages[s3]`),
DJANGO_EMAIL_* for SMTP, DJANGO_SECURE_SSL_REDIRECT=0 behind a proxy that already
redirects.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if os.environ.get("DJANGO_DEBUG", "").strip().lower() in {"1", "true", "yes", "on"}:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
for required in ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set for production (see README).")

from .base import *  # noqa: E402, F403
from .env import env_bool, env_int, env_str  # noqa: E402

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Behind a TLS-terminating proxy the app learns the request was HTTPS from the proxy's
# X-Forwarded-Proto. Safe only when the proxy overwrites that header on every request
# (README, "Behind a proxy"); set DJANGO_TRUST_X_FORWARDED_PROTO=0 when clients reach the
# app directly.
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 8 * 60 * 60)

if env_str("DJANGO_S3_BUCKET"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": env_str("DJANGO_S3_BUCKET"), "default_acl": "private"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}

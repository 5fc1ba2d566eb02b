"""Test settings: the base settings with a fast hasher and a fixed key.

The database still comes from DATABASE_URL, so the same suite runs on SQLite
(default) and on PostgreSQL (CI's second pass).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from .base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client logs in without a request, which django-axes needs; the lockout
# test switches it back on.
AXES_ENABLED = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tasks run where they are enqueued; a test that needs the queue left alone switches to
# the dummy backend (tests/improvement/test_pack_builds.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

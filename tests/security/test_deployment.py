"""Production settings, security headers, login throttling and the health check."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "improvement.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DATABASE_URL": "sqlite:////tmp/production-check.sqlite3",
    "DJANGO_ALLOWED_HOSTS": "tracker.example.nhs.uk",
    "PATH": os.environ["PATH"],
}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_its_essentials(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set for production" in result.stderr


def shell_setting(name, env):
    result = manage(
        "shell", "-c", f"from django.conf import settings; print(settings.{name})", env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_trusts_the_proxys_scheme_header_by_default():
    assert shell_setting("SECURE_PROXY_SSL_HEADER", PRODUCTION_ENV) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_production_without_a_proxy_does_not_trust_a_clients_scheme_header():
    env = {**PRODUCTION_ENV, "DJANGO_TRUST_X_FORWARDED_PROTO": "0"}
    assert shell_setting("SECURE_PROXY_SSL_HEADER", env) == "None"


def test_production_refuses_debug():
    result = manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "1"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off in production" in result.stderr


def test_pages_carry_a_content_security_policy_without_inline_code(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_scripts_or_styles(client, pmo, plan):
    client.force_login(pmo)
    for url in [reverse("plan-summary", args=[plan.pk]), reverse("action-list", args=[plan.pk])]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and '<script type="module">' not in html
        assert " style=" not in html and "<style" not in html


def test_logins_are_locked_after_five_failures(client, settings, pmo):
    settings.AXES_ENABLED = True
    for _ in range(5):
        client.post(reverse("login"), {"username": "pmo", "password": "wrong-password"})
    response = client.post(
        reverse("login"), {"username": "pmo", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429
    assert "Too many attempts to log in" in response.content.decode()


def test_health_reports_the_database(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_health_reports_a_database_failure(client, monkeypatch):
    from improvement import views

    class Broken:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_password_rules_refuse_short_and_common_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)

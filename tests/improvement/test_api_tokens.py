"""Personal API tokens: made and revoked by their user on the API tokens page, shown once,
kept only as a hash; a refused token gets a 401 saying why, and the log never holds it."""

import logging
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from improvement.models import ApiToken
from improvement.models.api_tokens import hash_secret

TOKEN = re.compile(r"ipt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


@pytest.fixture
def issued(lead):
    return ApiToken.issue(user=lead, name="Power BI", days=90)


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_a_token_made_on_the_page_is_shown_once_and_kept_only_as_a_hash(client, lead):
    client.force_login(lead)
    response = client.post(reverse("api-tokens"), {"name": "Power BI", "days": "30"})
    assert response.status_code == 200
    secret = TOKEN.search(response.content.decode()).group()
    token = ApiToken.objects.get()
    assert token.secret_hash == hash_secret(secret) != secret
    assert (token.user, token.name) == (lead, "Power BI")
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    again = client.get(reverse("api-tokens")).content.decode()
    assert secret not in again and f"ipt_{token.prefix}_" in again
    assert "no-store" in response["Cache-Control"]


def test_a_token_reads_the_api_as_its_user(client, issued, plan, lead_action):
    token, secret = issued
    response = client.get(reverse("api-action-list"), **bearer(secret))
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [lead_action.pk]
    token.refresh_from_db()
    assert token.last_used_on == timezone.localdate()


def test_a_token_without_a_name_is_refused_with_the_reason(client, lead):
    client.force_login(lead)
    response = client.post(reverse("api-tokens"), {"name": "", "days": "30"})
    assert response.status_code == 400
    assert "Enter what the token is for." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_unoffered_lifetime_is_refused(client, lead):
    client.force_login(lead)
    response = client.post(reverse("api-tokens"), {"name": "Forever", "days": "36500"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_at_once(client, issued, lead):
    token, secret = issued
    client.force_login(lead)
    assert client.post(reverse("api-token-revoke", args=[token.pk])).status_code == 302
    client.logout()
    response = client.get(reverse("api-plan-list"), **bearer(secret))
    assert response.status_code == 401
    assert response.json()["detail"] == "The token has been revoked."


def test_another_user_cannot_revoke_my_token(client, issued, other_lead):
    token, _ = issued
    client.force_login(other_lead)
    assert client.post(reverse("api-token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_expired_token_is_refused_as_expired(client, issued):
    token, secret = issued
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("api-plan-list"), **bearer(secret))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Bearer", "Send the header as 'Bearer <token>'."),
        ("Bearer a b", "Send the header as 'Bearer <token>'."),
        ("Bearer not-one-of-ours", "The token is not one this site issued."),
        ("Bearer ipt_0000_abc_def", "The token is not one this site issued."),
        ("Bearer ipt_00000000_" + "x" * 43, "The token is not recognised."),
    ],
)
def test_a_malformed_or_unknown_token_is_a_401_saying_why(db, client, header, detail):
    response = client.get(reverse("api-plan-list"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"] == detail


def test_a_refused_token_is_logged_without_the_token(client, issued, caplog):
    token, secret = issued
    token.revoke()
    with caplog.at_level(logging.WARNING, logger="improvement.api"):
        client.get(reverse("api-plan-list"), **bearer(secret))
    assert f"prefix {token.prefix}" in caplog.text
    assert secret not in caplog.text and secret.split("_", 2)[2] not in caplog.text


def test_a_token_of_a_deactivated_user_is_refused(client, issued, lead):
    _, secret = issued
    lead.is_active = False
    lead.save()
    assert client.get(reverse("api-plan-list"), **bearer(secret)).status_code == 401

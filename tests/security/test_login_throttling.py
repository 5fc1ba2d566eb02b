"""Login throttling per username and address (django-axes), and across usernames per
address against password spraying, without locking out a shared NHS address for a few
people's typos."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

SPRAYER, COLLEAGUES = "10.20.30.40", "10.20.30.41"
LOCKED = "Too many attempts to log in"


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.LOGIN_FAILURES_PER_ADDRESS = 50


def log_in(client, username, password, address):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def spray(client, times, address):
    for n in range(times):
        log_in(client, f"someone{n}", "Winter2019!", address)


def test_past_the_address_limit_a_correct_login_from_that_address_is_refused(client, pmo):
    spray(client, 50, SPRAYER)
    response = log_in(client, "pmo", "correct-horse-battery", SPRAYER)
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body
    assert "from your network" in body


def test_another_address_is_unaffected_by_a_sprayer(client, pmo):
    spray(client, 50, SPRAYER)
    response = log_in(client, "pmo", "correct-horse-battery", COLLEAGUES)
    assert response.status_code == 302


def test_colleagues_typos_at_one_address_do_not_lock_out_others(client, pmo, db):
    for n in range(12):
        user = UserFactory(username=f"colleague{n}")
        for _ in range(3):  # three typos each: 36 failures, below the address limit
            log_in(client, user.username, "typo", SPRAYER)
    response = log_in(client, "pmo", "correct-horse-battery", SPRAYER)
    assert response.status_code == 302


def test_one_username_is_still_locked_after_five_failures_from_an_address(client, pmo):
    for _ in range(5):
        log_in(client, "pmo", "wrong-password", SPRAYER)
    response = log_in(client, "pmo", "correct-horse-battery", SPRAYER)
    assert response.status_code == 429
    assert "This account is locked for 30 minutes" in response.content.decode()

"""Single sign-on (issue 18, item 1) against a fake OpenID provider: ID tokens signed here
with a test RSA key, its public half served as the provider's JWKS. Never a real tenant."""

import logging
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.urls import reverse

from improvement.models import ClaimKind, Membership, Role, SignInMapping
from improvement.roles import PMO_GROUP
from tests.factories import OrganisationFactory, PlanFactory

ISSUER = "https://idp.test/tenant-a/v2.0"
CLIENT_ID = "tracker-test-client"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PMO_GROUP_ID = "7f3a-pmo-southend"


def jwks() -> dict:
    public = jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
    return {"keys": [{**public, "kid": "test-key", "alg": "RS256", "use": "sig"}]}


class FakeResponse:
    def __init__(self, body, status=200):
        self.body, self.status_code, self.url, self.text = body, status, "https://idp.test", ""
        self.headers = {"content-type": "application/json"}

    def json(self):
        return self.body

    def raise_for_status(self):
        pass


class FakeProvider:
    """The provider's token and JWKS endpoints; `claims` and `key` shape the next token."""

    def __init__(self):
        self.claims, self.key, self.nonce = {}, KEY, None

    def id_token(self) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "subject-0001",
            "iat": now,
            "exp": now + 600,
            "nonce": self.nonce,
            "email": "jo.bloggs@nhs.net",
            "given_name": "Jo",
            "family_name": "Bloggs",
            **self.claims,
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "test-key"})

    def post(self, url, data=None, **kwargs):
        assert url == "https://idp.test/token" and data["code"] == "the-code"
        return FakeResponse({"id_token": self.id_token(), "access_token": "opaque"})

    def get(self, url, **kwargs):
        assert url == "https://idp.test/keys"
        return FakeResponse(jwks())


@pytest.fixture
def provider(db, settings, monkeypatch):
    settings.SINGLE_SIGN_ON = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "test-secret"
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.test/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.test/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.test/keys"
    fake = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", fake.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", fake.get)
    return fake


def sign_in(client, provider, **claims):
    """The browser's round trip: to the provider and back with a code."""
    start = client.get(reverse("sign-in-start"))
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID] and "code_challenge" in query
    provider.nonce = query["nonce"][0]
    provider.claims = claims
    return client.get(
        reverse("oidc_authentication_callback"), {"code": "the-code", "state": query["state"][0]}
    )


def signed_in_user(client):
    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


@pytest.fixture
def southend(db):
    organisation = OrganisationFactory(name="NHS Southend CCG")
    PlanFactory(organisation=organisation)
    return organisation


def test_a_group_mapped_to_pmo_signs_in_as_that_organisations_pmo(client, provider, southend):
    SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=southend, role=Role.PMO
    )
    response = sign_in(client, provider, groups=["other-group", PMO_GROUP_ID])
    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = signed_in_user(client)
    assert Membership.objects.get(user=user).organisation == southend
    assert Membership.objects.get(user=user).role == Role.PMO
    assert user.groups.filter(name=PMO_GROUP).exists() and user.is_staff
    assert (user.first_name, user.email, user.has_usable_password()) == (
        "Jo",
        "jo.bloggs@nhs.net",
        False,
    )
    assert client.get(reverse("plan-list")).context["plans"].get().organisation == southend


def test_a_group_mapped_to_a_system_body_gives_its_pmo(client, provider):
    body = OrganisationFactory(name="LLR Commissioning Collaborative Board", is_system_body=True)
    SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=body, role=Role.PMO
    )
    sign_in(client, provider, groups=[PMO_GROUP_ID])
    assert Membership.objects.get(user=signed_in_user(client)).organisation == body


def test_an_email_domain_mapping_gives_its_role(client, provider, southend):
    SignInMapping.objects.create(
        kind=ClaimKind.EMAIL_DOMAIN,
        value="@NHS.net",
        organisation=southend,
        role=Role.GOVERNING_BODY,
    )
    sign_in(client, provider)
    assert Membership.objects.get(user=signed_in_user(client)).role == Role.GOVERNING_BODY


def test_an_unmapped_user_is_created_and_sees_nothing(client, provider, southend):
    SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=southend, role=Role.PMO
    )
    response = sign_in(client, provider, groups=["finance-team"])
    assert response.status_code == 302
    user = signed_in_user(client)
    assert not Membership.objects.filter(user=user).exists() and not user.is_staff
    assert list(client.get(reverse("plan-list")).context["plans"]) == []


def test_the_same_subject_signs_in_as_the_same_user_and_follows_the_mapping(
    client, provider, southend
):
    SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=southend, role=Role.PMO
    )
    sign_in(client, provider, groups=[PMO_GROUP_ID])
    first = signed_in_user(client)
    client.logout()
    sign_in(client, provider, groups=[])  # removed from the group at the provider
    assert signed_in_user(client) == first
    assert not Membership.objects.filter(user=first).exists()
    first.refresh_from_db()
    assert not first.is_staff and not first.groups.filter(name=PMO_GROUP).exists()


def test_a_pmo_mapped_down_to_lead_leaves_the_admin(client, provider, southend):
    mapping = SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=southend, role=Role.PMO
    )
    sign_in(client, provider, groups=[PMO_GROUP_ID])
    user = signed_in_user(client)
    assert user.is_staff
    mapping.role = Role.PROGRAMME_LEAD
    mapping.save()
    client.logout()
    sign_in(client, provider, groups=[PMO_GROUP_ID])
    user.refresh_from_db()
    assert Membership.objects.get(user=user).role == Role.PROGRAMME_LEAD
    assert not user.is_staff and not user.groups.filter(name=PMO_GROUP).exists()


def test_a_local_account_with_the_same_email_is_not_taken_over(client, provider, pmo):
    pmo.email = "jo.bloggs@nhs.net"
    pmo.save()
    sign_in(client, provider)
    assert signed_in_user(client) != pmo


def test_the_strongest_of_two_mapped_roles_wins(client, provider, southend):
    SignInMapping.objects.create(
        kind=ClaimKind.EMAIL_DOMAIN, value="nhs.net", organisation=southend, role=Role.NHSE_VIEWER
    )
    SignInMapping.objects.create(
        kind=ClaimKind.GROUP, value=PMO_GROUP_ID, organisation=southend, role=Role.PMO
    )
    sign_in(client, provider, groups=[PMO_GROUP_ID])
    assert Membership.objects.get(user=signed_in_user(client)).role == Role.PMO


# --- refused tokens -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "key", "reason"),
    [
        ({"iss": "https://evil.test/v2.0"}, KEY, "Invalid issuer"),
        ({}, OTHER_KEY, "Signature verification failed"),
        ({"aud": "another-app"}, KEY, "Audience doesn't match"),
        ({"exp": int(time.time()) - 3600}, KEY, "Signature has expired"),
    ],
    ids=["wrong issuer", "bad signature", "wrong audience", "expired"],
)
def test_a_bad_token_is_refused_and_logged_without_the_token(
    client, provider, caplog, claims, key, reason
):
    provider.key = key
    with caplog.at_level(logging.WARNING, logger="improvement.sign_in"):
        response = sign_in(client, provider, **claims)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?sign_in=failed"
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()
    assert reason in caplog.text and "eyJ" not in caplog.text  # no JWT in the log
    page = client.get(response["Location"])
    assert "Signing in with NHSmail did not complete" in page.content.decode()


def test_a_replayed_nonce_is_refused(client, provider):
    start = client.get(reverse("sign-in-start"))
    state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    provider.nonce = "a-nonce-from-another-sign-in"
    response = client.get(
        reverse("oidc_authentication_callback"), {"code": "the-code", "state": state}
    )
    assert response["Location"] == "/accounts/login/?sign_in=failed"


def test_a_callback_with_an_unknown_state_is_a_400(client, provider):
    client.get(reverse("sign-in-start"))
    response = client.get(
        reverse("oidc_authentication_callback"), {"code": "the-code", "state": "forged"}
    )
    assert response.status_code == 400


# --- the login page ---------------------------------------------------------------------------


def test_the_login_page_offers_single_sign_on_beside_the_form(client, provider):
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with NHSmail" in page and 'name="password"' in page


def test_local_passwords_off_removes_the_login_form(client, provider, settings, pmo):
    settings.LOCAL_PASSWORDS = False
    pmo.set_password("a-good-password")
    pmo.save()
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with NHSmail" in page and 'name="password"' not in page
    posted = client.post(reverse("login"), {"username": "pmo", "password": "a-good-password"})
    assert posted.status_code == 405 and "_auth_user_id" not in client.session
    assert not client.login(username="pmo", password="a-good-password")
    assert client.get("/admin/login/")["Location"].startswith(reverse("login"))


def test_without_a_provider_there_is_no_single_sign_on(client, db):
    assert "Sign in with" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("sign-in-start")).status_code == 404

"""Signing in with NHSmail / Microsoft Entra ID, or any OpenID Connect provider, through
mozilla-django-oidc (chosen over django-allauth: this product needs one provider's code
flow and nothing of allauth's account pages, e-mail confirmation or social-account tables).

What this module adds to the library:
- the ID token is verified in full: signature (the provider's published keys), issuer,
  audience, expiry and nonce; the library checks neither issuer nor audience;
- users are matched on the provider's (issuer, subject), never on an e-mail address;
- roles come from `SignInMapping` (groups or e-mail domains to organisation and role),
  applied at every sign-in; someone no mapping matches is created with no access;
- a refused sign-in is logged with its reason, never with the token, and the person is
  sent back to the login page with a message.
"""

import logging
import re

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import ClaimKind, Membership, Organisation, Role, SignInIdentity, SignInMapping
from .roles import drop_admin_unless_pmo, grant_membership, revoke_membership

logger = logging.getLogger("improvement.sign_in")

# When two mappings give one organisation different roles, the one that may do more wins.
ROLE_STRENGTH = [Role.NHSE_VIEWER, Role.GOVERNING_BODY, Role.PROGRAMME_LEAD, Role.PMO]


class LocalPasswordBackend(ModelBackend):
    """Usernames and passwords, unless the installation has switched them off
    (DJANGO_LOCAL_PASSWORDS=0) to sign everyone in through the identity provider."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not settings.LOCAL_PASSWORDS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def email_of(claims: dict) -> str:
    return (claims.get("email") or claims.get("preferred_username") or "").strip().lower()


def roles_from_claims(claims: dict) -> dict[int, str]:
    """{organisation id: role} that the mappings give these claims."""
    groups = [str(group) for group in claims.get("groups") or []]
    _, at, domain = email_of(claims).rpartition("@")
    matches = Q(kind=ClaimKind.GROUP, value__in=groups)
    if at and domain:
        matches |= Q(kind=ClaimKind.EMAIL_DOMAIN, value=domain)
    roles: dict[int, str] = {}
    for organisation_id, role in SignInMapping.objects.filter(matches).values_list(
        "organisation_id", "role"
    ):
        held = roles.get(organisation_id)
        if held is None or ROLE_STRENGTH.index(role) > ROLE_STRENGTH.index(held):
            roles[organisation_id] = role
    return roles


def apply_mappings(user, claims: dict) -> None:
    """In every organisation that has mappings, the user's role is what they give now
    (added, changed or taken away); organisations without mappings keep the memberships
    their administrator gave by hand."""
    wanted = roles_from_claims(claims)
    mapped = set(SignInMapping.objects.values_list("organisation_id", flat=True))
    held = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    for organisation_id in (mapped & set(held)) - set(wanted):
        revoke_membership(user=user, organisation_id=organisation_id)
    organisations = Organisation.objects.in_bulk(wanted)
    for organisation_id, role in wanted.items():
        if held.get(organisation_id) != role:
            grant_membership(user=user, organisation=organisations[organisation_id], role=role)
    drop_admin_unless_pmo(user)  # a PMO mapped down to another role leaves the admin


def _unique_username(claims: dict) -> str:
    base = re.sub(r"[^\w.@+-]", "", email_of(claims) or f"user-{claims['sub']}")[:140]
    User = get_user_model()
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


class ProviderSignIn(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.SINGLE_SIGN_ON:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, KeyError) as error:
            # The reasons PyJWT and the library give name the check, never the token.
            logger.warning("Single sign-on refused: %s", error)
            return None

    def _verify_jws(self, payload, key):
        try:
            algorithm = jwt.get_unverified_header(payload).get("alg")
            if algorithm != self.OIDC_RP_SIGN_ALGO:
                raise SuspiciousOperation(f"ID token signed with {algorithm!r}")
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
                leeway=60,
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from None

    def get_userinfo(self, access_token, id_token, payload):
        # The verified ID token's claims: Entra ID puts the groups there, and no second
        # call to the provider is needed.
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(
            sign_in_identities__issuer=claims["iss"], sign_in_identities__subject=claims["sub"]
        )

    @transaction.atomic
    def create_user(self, claims):
        user = get_user_model().objects.create_user(
            username=_unique_username(claims), email=email_of(claims)
        )
        user.set_unusable_password()
        self._copy_names(user, claims)
        SignInIdentity.objects.create(user=user, issuer=claims["iss"], subject=claims["sub"])
        apply_mappings(user, claims)
        logger.info("Single sign-on created user %s", user.username)
        return user

    @transaction.atomic
    def update_user(self, user, claims):
        self._copy_names(user, claims)
        SignInIdentity.objects.filter(
            user=user, issuer=claims["iss"], subject=claims["sub"]
        ).update(last_signed_in_at=timezone.now())
        apply_mappings(user, claims)
        return user

    @staticmethod
    def _copy_names(user, claims: dict) -> None:
        user.first_name = (claims.get("given_name") or "")[:150]
        user.last_name = (claims.get("family_name") or "")[:150]
        if not (user.first_name or user.last_name) and claims.get("name"):
            user.first_name = claims["name"][:150]
        user.email = email_of(claims) or user.email
        user.save()

"""Personal tokens in `Authorization: Bearer <token>`. A refusal says which of malformed,
unknown, revoked or expired it was, and is logged by the token's public prefix only."""

import logging
import re

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from ..models import ApiToken
from ..models.api_tokens import TOKEN_PREFIX, hash_secret

logger = logging.getLogger("improvement.api")


# ipt_<8 hex: the public prefix>_<43 URL-safe characters, which may include "_">
TOKEN_SHAPE = re.compile(rf"{TOKEN_PREFIX}_(?P<prefix>[0-9a-f]{{8}})_[A-Za-z0-9_-]{{43}}")


def _public_prefix(secret: str) -> str:
    shape = TOKEN_SHAPE.fullmatch(secret)
    return shape["prefix"] if shape else "?"


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() != self.keyword.lower():
            return None  # no token given: the session may still sign the caller in
        if len(header) != 2:
            self._refuse("malformed", "?", "Send the header as 'Bearer <token>'.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            self._refuse("malformed", "?", "The token is not one this site issued.")
        if _public_prefix(secret) == "?":
            self._refuse("malformed", "?", "The token is not one this site issued.")
        token = (
            ApiToken.objects.select_related("user").filter(secret_hash=hash_secret(secret)).first()
        )
        prefix = _public_prefix(secret)
        if token is None:
            self._refuse("unknown", prefix, "The token is not recognised.")
        if token.is_revoked:
            self._refuse("revoked", prefix, "The token has been revoked.")
        if token.is_expired:
            self._refuse("expired", prefix, "The token has expired; make a new one.")
        if not token.user.is_active:
            self._refuse("inactive user", prefix, "The token's user is no longer active.")
        today = timezone.localdate()
        if token.last_used_on != today:  # one write a day, not one a request
            ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword

    @staticmethod
    def _refuse(reason: str, prefix: str, message: str):
        # Never the token itself: only its public prefix reaches the log.
        logger.warning("API token refused (%s), prefix %s", reason, prefix)
        raise exceptions.AuthenticationFailed(message)


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema describes the token (drf-spectacular cannot guess it)."""

    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made on the API tokens page.",
        }

"""Single sign-on (OpenID Connect: NHSmail / Microsoft Entra ID): who someone is at the
identity provider, and which organisation and role its groups or e-mail domains give."""

from django.conf import settings
from django.db import models

from .organisations import Organisation, Role


class ClaimKind(models.TextChoices):
    GROUP = "group", "Identity provider group (its object id)"
    EMAIL_DOMAIN = "email_domain", "E-mail domain"


class SignInMapping(models.Model):
    """Kept by the installation's administrator: everyone signing in with this group, or an
    e-mail address at this domain, is given this role in this organisation (or system
    body). A user no mapping matches is created with no access."""

    kind = models.CharField(max_length=20, choices=ClaimKind.choices)
    value = models.CharField(
        max_length=200,
        help_text='A group\'s object id, or a domain such as "nhs.net" (no "@").',
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sign_in_mappings"
    )
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        ordering = ["organisation", "kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value", "organisation"],
                name="one_mapping_per_claim_and_organisation",
                violation_error_message="This group or domain is already mapped for the "
                "organisation; change that mapping's role instead.",
            )
        ]

    def __str__(self) -> str:
        role = self.get_role_display()
        return f"{self.get_kind_display()} {self.value} → {role}, {self.organisation}"

    def save(self, *args, **kwargs):
        value = self.value.strip()
        self.value = value.lower().lstrip("@") if self.kind == ClaimKind.EMAIL_DOMAIN else value
        super().save(*args, **kwargs)


class SignInIdentity(models.Model):
    """The provider's subject for a user: sign-ins match on it, never on an e-mail address
    (which could otherwise take over a local account with the same address)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_identities"
    )
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    last_signed_in_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_identity")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"

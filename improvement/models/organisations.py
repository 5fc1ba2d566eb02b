"""Organisations, their members and their directory of responsible officers."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    """What a user may do within one organisation."""

    PMO = "pmo", "PMO"
    PROGRAMME_LEAD = "lead", "Programme lead"
    GOVERNING_BODY = "gb", "Governing Body member"
    NHSE_VIEWER = "nhse", "NHS England viewer"


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The organisations whose plans this user may read."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user).distinct()

    def administered_by(self, user):
        """The organisations whose plans this user may change (as their PMO)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(memberships__user=user, memberships__role=Role.PMO).distinct()


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation; a user may belong to several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"


class Officer(models.Model):
    """An entry in the directory of responsible officers ("AO (CG)": Accountable Officer,
    Cathy Gritzner). Vacant posts keep their title with no person."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="officers"
    )
    abbreviation = models.CharField(max_length=30, help_text='Role abbreviation, e.g. "AO".')
    title = models.CharField(max_length=120, help_text='e.g. "Accountable Officer".')
    name = models.CharField(max_length=120, blank=True, help_text="Blank while the post is vacant.")
    initials = models.CharField(max_length=8, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer_posts",
        help_text="The login of the person in post, so they can update their actions.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Order in the directory.")

    class Meta:
        ordering = ["organisation", "position", "abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "initials"],
                condition=~Q(initials=""),
                name="unique_officer_initials_per_organisation",
                violation_error_message="Another officer in this organisation has these initials.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} – {self.name}" if self.name else f"{self.label} – vacant"

    @property
    def label(self) -> str:
        """How the plan writes this officer: "AO (CG)"."""
        return f"{self.abbreviation} ({self.initials})" if self.initials else self.abbreviation

    @property
    def is_vacant(self) -> bool:
        return not self.name

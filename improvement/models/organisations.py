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
        """The organisations whose plans, meetings and logs this user may read: those they
        belong to, and the system bodies whose member organisations they are PMO of."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(memberships__user=user)
            | Q(
                is_system_body=True,
                members__memberships__user=user,
                members__memberships__role=Role.PMO,
            )
        ).distinct()

    def readable_members_of(self, body, user):
        """A system body's members whose own pages `user` may read: the roll-up of the
        members' risks, QIPP and recovery plans shows only these."""
        return self.for_user(user).filter(system_bodies=body)

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
    is_system_body = models.BooleanField(
        "system body",
        default=False,
        help_text="An STP/ICS board or a joint committee (such as a commissioning "
        "collaborative board) whose members are organisations.",
    )
    members = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="system_bodies",
        limit_choices_to={"is_system_body": False},
        help_text="For a system body: its member organisations. Their PMOs read the "
        "body's plans, meetings and action logs.",
    )

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


class OfficerQuerySet(models.QuerySet):
    def current(self):
        """Officers still in post: the only ones offered for new responsibilities."""
        return self.filter(left_on__isnull=True)


class Officer(models.Model):
    """An entry in the directory of responsible officers ("AO (CG)": Accountable Officer,
    Cathy Gritzner). Vacant posts keep their title with no person. Someone who leaves is
    marked as having left, never deleted while they hold or held a role: past actions,
    cycles and history still name them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="officers"
    )
    abbreviation = models.CharField(max_length=30, help_text='Role abbreviation, e.g. "AO".')
    title = models.CharField(max_length=120, help_text='e.g. "Accountable Officer".')
    name = models.CharField(
        max_length=120,
        blank=True,
        help_text="Blank while the post is vacant, or when the source names no holder.",
    )
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
    left_on = models.DateField(
        "left on",
        null=True,
        blank=True,
        help_text="When the person left. They stay on the actions, risks and schemes they "
        "held, and in history, but are no longer offered for new ones.",
    )

    objects = OfficerQuerySet.as_manager()

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
        return f"{self.label} – {self.name}" if self.name else f"{self.label} – no name recorded"

    @property
    def label(self) -> str:
        """How the plan writes this officer: "AO (CG)"."""
        return self.label_of(self.abbreviation, self.title, self.initials)

    LABEL_FIELDS = ("abbreviation", "title", "initials")

    @staticmethod
    def label_of(abbreviation: str, title: str, initials: str) -> str:
        """`label` from the fields alone (LABEL_FIELDS), for lists read as values."""
        short = abbreviation or title  # a post a register names by title only
        if not short:
            return initials  # someone a plan knows by initials only ("KC")
        return f"{short} ({initials})" if initials else short

    @property
    def is_vacant(self) -> bool:
        return not self.name

    @property
    def has_left(self) -> bool:
        return self.left_on is not None

    def holds_action_roles(self) -> bool:
        """SRO or operational lead on any action, open or not. (Risks, schemes and meeting
        items hold their officer with PROTECT; action roles are many-to-many links, which
        a delete would silently remove.)"""
        return self.sro_for.exists() or self.lead_for.exists()

    def delete(self, *args, **kwargs):
        if self.holds_action_roles():
            raise models.ProtectedError(
                f"{self.label} is SRO or lead on actions: mark them as having left instead.",
                set(),
            )
        return super().delete(*args, **kwargs)

"""Organisations, their people, and the improvement plans they answer reviews with."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


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


class ImprovementPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(organisation__in=Organisation.objects.for_user(user))


class ImprovementPlan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=20, blank=True, help_text='e.g. "v3.16".')
    as_at = models.DateField("as at", help_text="The date the plan's figures are reported at.")
    gb_approved_on = models.DateField("approved by the Governing Body on", null=True, blank=True)
    nhse_approved_on = models.DateField("approved by NHS England on", null=True, blank=True)

    objects = ImprovementPlanQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"], name="unique_plan_title_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    @property
    def is_approved(self) -> bool:
        """Approved means signed off by both the Governing Body and NHS England."""
        return self.gb_approved_on is not None and self.nhse_approved_on is not None


class ProjectRole(models.Model):
    """The governance table of who does what for the plan (SRO, project delivery, ...)."""

    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.CASCADE, related_name="project_roles"
    )
    role = models.CharField(max_length=100)
    who = models.CharField(max_length=120)
    task = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.role}: {self.who}"


class ImprovementArea(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_area_number_per_plan"),
            models.CheckConstraint(condition=Q(number__gte=1), name="area_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class RecommendationSource(models.TextChoices):
    CAPABILITY_REVIEW = "capability_review", "Capability review"
    NHSE_DIRECTIONS = "nhse_directions", "NHS England directions"
    EXTERNAL_AUDIT = "external_audit", "External audit"
    ANNUAL_ASSESSMENT = "annual_assessment", "Annual assessment"
    OTHER = "other", "Other"


class Recommendation(models.Model):
    area = models.ForeignKey(
        ImprovementArea, on_delete=models.CASCADE, related_name="recommendations"
    )
    source = models.CharField(max_length=30, choices=RecommendationSource.choices)
    reference = models.CharField(max_length=40, blank=True, help_text='e.g. "PwC 14a".')
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["area", "position", "id"]

    def __str__(self) -> str:
        summary = self.text if len(self.text) <= 60 else f"{self.text[:57]}..."
        return f"{self.reference}: {summary}" if self.reference else summary

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": "Enter the recommendation's text."})


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReportingCycleQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CycleStatus.OPEN)

    def closed(self):
        return self.filter(status=CycleStatus.CLOSED)

    def latest_closed(self) -> "ReportingCycle | None":
        return self.closed().order_by("-as_at", "-closed_at").first()


class ReportingCycle(models.Model):
    """One round of updates (fortnightly or monthly). Leads' updates count toward the open
    cycle; closing it freezes a snapshot of every action, which the next report compares
    against ("Last report (01/02/19): Red 7, Amber 9, Green 11, Blue 70")."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="cycles")
    as_at = models.DateField("report as at")
    update_deadline = models.DateField("updates due by")
    status = models.CharField(max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ReportingCycleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-as_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="open"),
                name="one_open_cycle_per_plan",
                violation_error_message="This plan already has an open reporting cycle.",
            ),
            models.UniqueConstraint(
                fields=["plan", "as_at"],
                name="one_cycle_per_plan_and_date",
                violation_error_message="This plan already has a reporting cycle at this date.",
            ),
            models.CheckConstraint(
                condition=(Q(status="open") & Q(closed_at__isnull=True) & Q(closed_by__isnull=True))
                | (Q(status="closed") & Q(closed_at__isnull=False) & Q(closed_by__isnull=False)),
                name="cycle_closed_fields_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"Report as at {self.as_at:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.status == CycleStatus.OPEN

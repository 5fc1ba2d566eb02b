"""The system financial recovery plan (seed 004, Paper E Appendix 1): the financial position
before the FRP, its schemes by type, and the position after.

Its figures keep the FRP's own sign, unlike QIPP: savings are positive, a deficit negative
("Position before FRP -28,181", "Grand Total 20,619", "after FRP -13,262").
"""

from decimal import Decimal

from django.db import models

from improvement.models import Organisation

from .. import periods
from .fields import money_field, month_check, month_field
from .programmes import QippProgramme


class RecoveryPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(programme__in=QippProgramme.objects.for_user(user))


class RecoveryPlan(models.Model):
    programme = models.ForeignKey(
        QippProgramme, on_delete=models.CASCADE, related_name="recovery_plans"
    )
    title = models.CharField(max_length=200, default="System Financial Recovery Plan")
    as_at = models.DateField("as at")
    forecast_month = month_field(
        "forecast month", help_text='The month its revised forecast is at ("Month 4").'
    )

    objects = RecoveryPlanQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-as_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "as_at"], name="one_frp_per_date"),
            month_check("recovery_plan", "forecast_month"),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.as_at:%-d %B %Y}"

    @property
    def forecast_label(self) -> str:
        return f"Month {periods.check_month(self.forecast_month)}"


class RecoverySchemeType(models.TextChoices):
    BUDGETARY_REVIEW = "budgetary_review", "Budgetary Review"
    COST_CONTROL = "cost_control", "Cost Control"
    ELECTIVE_CARE = "elective_care", "Elective Care"
    NON_ELECTIVE_CARE = "non_elective_care", "Non Elective Care"
    CONTRACT_TRIANGULATION = "contract_triangulation", "Contract Triangulation Outcome"


class RecoveryRag(models.TextChoices):
    GREEN = "green", "Green"
    ORANGE = "orange", "Orange"
    RED = "red", "Red"


class RecoveryScheme(models.Model):
    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="schemes")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for a system-wide scheme.",
    )
    scheme_type = models.CharField("type", max_length=30, choices=RecoverySchemeType.choices)
    name = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    submission = money_field(
        "FRP submission (£000)", null=True, blank=True, help_text="Blank if added since."
    )
    revised_forecast = money_field("revised forecast (£000)", default=Decimal("0.00"))
    in_month_delivery = money_field("in-month delivery (£000)", default=Decimal("0.00"))
    rag = models.CharField("RAG", max_length=10, choices=RecoveryRag.choices, blank=True)

    class Meta:
        ordering = ["plan", "scheme_type", "position", "id"]
        verbose_name = "FRP scheme"

    def __str__(self) -> str:
        return self.name

    @property
    def submitted(self) -> Decimal:
        return self.submission or Decimal("0.00")

    @property
    def forecast_movement(self) -> Decimal:
        """c = b - a."""
        return self.revised_forecast - self.submitted

    @property
    def balance_remaining(self) -> Decimal:
        """e = b - d: what is still to be delivered."""
        return self.revised_forecast - self.in_month_delivery

    @property
    def in_month_movement(self) -> Decimal:
        """f = e - a."""
        return self.balance_remaining - self.submitted


class PositionKind(models.TextChoices):
    BEFORE_FRP = "before_frp", "Position before FRP"
    NOT_IN_FRP = "not_in_frp", "Other items not forecast in FRP"


class RecoveryPosition(models.Model):
    """A line of the financial position outside the FRP's schemes: the net risk and contract
    triangulation before it, and the items not forecast in it."""

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for the system as a whole.",
    )
    kind = models.CharField(max_length=20, choices=PositionKind.choices)
    name = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    submission = money_field("at FRP submission (£000)", null=True, blank=True)
    forecast = money_field("forecast (£000)")

    class Meta:
        ordering = ["plan", "kind", "position", "id"]

    def __str__(self) -> str:
        return self.name


class RecoveryShare(models.Model):
    """How the final position falls across the system's organisations, providers included
    ("University Hospitals of Leicester (£0.676m)", "Leicester City CCG £6.737m surplus")."""

    plan = models.ForeignKey(RecoveryPlan, on_delete=models.CASCADE, related_name="shares")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = money_field("share of the position (£000)")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.name

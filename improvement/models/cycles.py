"""Reporting cycles: the rhythm of updates and frozen reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .plans import ImprovementPlan


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

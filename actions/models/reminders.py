"""A record of each update reminder sent, so the PMO can see who was chased and when."""

from django.conf import settings
from django.db import models


class ReminderSent(models.Model):
    plan = models.ForeignKey(
        "improvement.ImprovementPlan", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    cycle = models.ForeignKey(
        "improvement.ReportingCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders_sent",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_received"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the scheduled reminder sent it.",
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    actions = models.CharField(max_length=2000, help_text="The action numbers it listed.")

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Reminder to {self.recipient} on {self.sent_at:%d/%m/%Y}"

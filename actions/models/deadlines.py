"""Deadline revisions: a moved deadline is recorded, never overwritten."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from improvement import text as limits
from improvement.text import PlainTextField


class DeadlineRevision(models.Model):
    """The Action Concern Report shows "30/11/18 (01/09/18)": the revised deadline with the
    original. Each revision keeps the date it replaced, so the first one holds the original."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="deadline_revisions"
    )
    previous_due_date = models.DateField(null=True, blank=True)
    new_due_date = models.DateField()
    reason = PlainTextField(max_length=limits.SHORT)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(auto_now_add=True)
    cycle = models.ForeignKey(
        "improvement.ReportingCycle",
        on_delete=models.PROTECT,
        related_name="deadline_revisions",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "revised_at", "id"]

    def __str__(self) -> str:
        previous = f"{self.previous_due_date:%d/%m/%Y}" if self.previous_due_date else "none"
        return f"{self.action.number}: {previous} → {self.new_due_date:%d/%m/%Y}"

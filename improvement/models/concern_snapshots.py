"""A concern as a closed reporting cycle reported it: copied when the cycle closes, so the
cycle's pack and workbook read as they did whatever is done to the concern afterwards."""

from django.db import models

from .. import text as limits
from ..text import PlainTextField
from .cycles import ReportingCycle
from .meetings import ConcernType, ItemStatus, MeetingItem


class ConcernSnapshot(models.Model):
    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="concern_snapshots"
    )
    item = models.ForeignKey(MeetingItem, on_delete=models.CASCADE, related_name="snapshots")
    number = models.CharField(max_length=40)
    text = PlainTextField(max_length=limits.LONG)
    due_date = models.DateField(null=True, blank=True)
    original_due_date = models.DateField(null=True, blank=True)
    concern_type = models.CharField(max_length=12, choices=ConcernType.choices)
    rag = models.CharField(max_length=1, blank=True)
    evidence_status = models.CharField(max_length=20)
    raised_body = models.CharField(max_length=60)
    raised_on = models.DateField()
    action_required = PlainTextField(blank=True, max_length=limits.LONG)
    action_taken = PlainTextField(blank=True, max_length=limits.LONG)
    seen_log = models.CharField(max_length=2000, blank=True)
    comments = PlainTextField(blank=True, max_length=limits.LONG)
    status = models.CharField(max_length=10, choices=ItemStatus.choices)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = PlainTextField(blank=True, max_length=limits.SHORT)
    sort_key = models.CharField(max_length=120)

    class Meta:
        ordering = ["cycle", "-status", "sort_key", "raised_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "item"], name="one_concern_snapshot_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.get_concern_type_display()} at {self.cycle}"

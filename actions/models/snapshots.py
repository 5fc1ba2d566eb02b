"""What each action looked like when a reporting cycle closed. Snapshots never change."""

from django.core.exceptions import ValidationError
from django.db import models

from improvement import text as limits
from improvement.text import PlainTextField

from .rag import EvidenceStatus, Rag, rag_count_annotations


class ActionSnapshotQuerySet(models.QuerySet):
    def in_scope(self):
        return self.filter(in_scope=True)

    def rag_counts_by_area(self):
        return self.values("area_id").annotate(**rag_count_annotations()).order_by("area_id")


class ActionSnapshot(models.Model):
    cycle = models.ForeignKey(
        "improvement.ReportingCycle", on_delete=models.PROTECT, related_name="action_snapshots"
    )
    action = models.ForeignKey("actions.Action", on_delete=models.CASCADE, related_name="snapshots")
    area = models.ForeignKey(
        "improvement.ImprovementArea", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(max_length=40)
    rag = models.CharField(max_length=1, choices=Rag.choices, blank=True)
    # The plan's own words at the report ("On-Track", "Open"); empty in snapshots taken
    # before these were recorded, which did not keep them.
    rag_as_written = models.CharField(max_length=100, blank=True, default="")
    status = models.CharField(max_length=40, blank=True, default="")
    due_date = models.DateField(null=True, blank=True)
    evidence_status = models.CharField(max_length=20, choices=EvidenceStatus.choices)
    in_scope = models.BooleanField()
    latest_progress = PlainTextField(blank=True, max_length=limits.PROGRESS)
    latest_progress_on = models.DateField(null=True, blank=True)

    objects = ActionSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "action__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "action"], name="one_snapshot_per_action_per_cycle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} at {self.cycle}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Snapshots of a closed cycle are never changed.")
        super().save(*args, **kwargs)

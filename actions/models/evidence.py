"""Evidence that an action is done: a file, or a described reference ("evidence in folder")."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from improvement import text as limits
from improvement.text import PlainTextField


class EvidenceReview(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


def evidence_upload_path(evidence: "Evidence", filename: str) -> str:
    # A random name: the stored path never carries user text; the original name is kept
    # in `original_name` for the download.
    return f"evidence/{evidence.action.plan_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Evidence(models.Model):
    action = models.ForeignKey("actions.Action", on_delete=models.CASCADE, related_name="evidence")
    description = PlainTextField(
        help_text='What the evidence is and where it is, e.g. "GB minutes approving the plan".',
        max_length=limits.SHORT,
    )
    file = models.FileField(upload_to=evidence_upload_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=EvidenceReview.choices, default=EvidenceReview.SUBMITTED
    )
    rejection_reason = PlainTextField(blank=True, max_length=limits.SHORT)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-submitted_at", "-id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="evidence_rejection_has_reason",
                violation_error_message="Give the reason the evidence is rejected.",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name or self.description[:60]

    @property
    def has_file(self) -> bool:
        return bool(self.file)

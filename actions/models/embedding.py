"""Embedding reviews: seed 002's Blue is "subject to 3 month embedding review". When an
action is reported Blue, its review falls due three months after its deadline; the lead
(or the PMO) records whether the change has embedded."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from improvement import text as limits
from improvement.text import PlainTextField


class EmbeddingOutcome(models.TextChoices):
    EMBEDDED = "embedded", "Embedded"
    NOT_EMBEDDED = "not_embedded", "Not embedded"


class EmbeddingReview(models.Model):
    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="embedding_reviews"
    )
    due_on = models.DateField(help_text="The review date this answers.")
    outcome = models.CharField(max_length=20, choices=EmbeddingOutcome.choices)
    note = PlainTextField(blank=True, max_length=limits.LONG)
    reviewed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "-reviewed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "due_on"],
                name="one_embedding_review_per_due_date",
                violation_error_message="This review has already been recorded.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action.number}: {self.get_outcome_display()} ({self.reviewed_on:%d/%m/%Y})"

    def clean(self) -> None:
        if self.outcome == EmbeddingOutcome.NOT_EMBEDDED and not (self.note or "").strip():
            raise ValidationError({"note": "Say what has not embedded and what happens next."})

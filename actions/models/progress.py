"""The progress log of an action."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from improvement import text as limits
from improvement.text import PlainTextField


class ProgressUpdate(models.Model):
    """One dated, attributed entry in an action's progress log. Entries are never edited:
    a correction is a new entry, so what was reported when stays on record."""

    LATEST_FIRST = ("-reported_on", "-created_at", "-id")

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="progress_updates"
    )
    cycle = models.ForeignKey(
        "improvement.ReportingCycle",
        on_delete=models.PROTECT,
        related_name="progress_updates",
        null=True,
        blank=True,
        editable=False,
        help_text="The reporting cycle that was open when the update was given.",
    )
    text = PlainTextField(
        "progress update",
        max_length=limits.PROGRESS,
        error_messages={"blank": "Enter the progress update."},
    )
    reported_on = models.DateField(help_text="The date the update describes the position at.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    author_name = models.CharField(
        max_length=150, help_text="Who gave the update, kept even if the login is removed."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-reported_on", "-created_at", "-id"]
        get_latest_by = ["reported_on", "created_at", "id"]
        # An action's latest update (the lists' "Updated" column) from the index alone.
        indexes = [models.Index(fields=["action", "reported_on"], name="progress_action_reported")]

    def __str__(self) -> str:
        return f"{self.action.number} – {self.reported_on:%d/%m/%Y}"

    def clean(self) -> None:
        # Empty text is the field's own error (blank=False); here only text that is all
        # spaces, which the field would let through.
        if self.text and not self.text.strip():
            raise ValidationError({"text": "Enter the progress update."})

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Progress updates are never changed; add a new update instead.")
        super().save(*args, **kwargs)

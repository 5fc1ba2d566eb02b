"""Writes to actions that other code calls; each keeps its history rows itself."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from .models import Action, ProgressUpdate


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


@transaction.atomic
def record_progress(
    *, action: Action, text: str, by, reported_on: date | None = None
) -> ProgressUpdate:
    """Append a progress update; it becomes the action's current progress."""
    update = ProgressUpdate(
        action=action,
        text=text.strip(),
        reported_on=reported_on or timezone.localdate(),
        author=by,
        author_name=display_name(by),
    )
    update.full_clean()
    update.save()
    return update

"""Writes to actions. Each is atomic, validated, attributed to `by`, and keeps its own
history rows (progress updates, deadline revisions, evidence reviews)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from improvement import clock
from improvement.models import ReportingCycle

from .models import (
    Action,
    DeadlineRevision,
    EmbeddingReview,
    Evidence,
    EvidenceReview,
    EvidenceStatus,
    ProgressUpdate,
    Rag,
)
from .notifications import tell_owners_of_review

AWAITING_ASSURANCE_MESSAGE = (
    "Recorded as Blue (completed). It shows as awaiting assurance until the PMO accepts its "
    "evidence, so add the evidence below if you have not yet."
)
TURNED_BACK = "Turned back to Green from Blue until evidence is forthcoming: {reason}"


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


OPEN_CYCLE = object()  # record_progress's default: the plan's open cycle, looked up


class StaleEdit(Exception):
    """Someone else saved the action after this edit started from it."""

    def __init__(self, changes: list[tuple[str, str, str]], by: str, new_updates: list):
        super().__init__("The action was changed by someone else.")
        self.changes = changes
        self.by = by
        self.new_updates = new_updates


@dataclass
class UpdateOutcome:
    action: Action
    update: ProgressUpdate
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def record_progress(
    *,
    action: Action,
    text: str,
    by,
    reported_on: date | None = None,
    author_name: str | None = None,
    cycle=OPEN_CYCLE,
) -> ProgressUpdate:
    """Append a progress update; it becomes the action's current progress and counts
    toward the plan's open reporting cycle (or the `cycle` given, None for none)."""
    if cycle is OPEN_CYCLE:
        cycle = ReportingCycle.objects.open().filter(plan_id=action.plan_id).first()
    update = new_progress(
        action=action,
        text=text,
        by=by,
        reported_on=reported_on or clock.today(action.plan),
        author_name=author_name,
        cycle=cycle,
    )
    update.save()
    return update


def new_progress(
    *, action: Action, text: str, by, reported_on: date, cycle, author_name: str | None = None
) -> ProgressUpdate:
    """A validated update, not yet saved: what every path (a browser update, an import's
    bulk load) writes. Given an author name ("Imported from tracker.xlsx"), it is the
    source's, entered by `by` (who the history names), not `by`'s own."""
    update = ProgressUpdate(
        action=action,
        cycle=cycle,
        text=text.strip(),
        reported_on=reported_on,
        author=None if author_name else by,
        author_name=author_name or display_name(by),
    )
    # The action and cycle are the caller's own objects, not input: checking that they
    # exist would cost a query an update (an import writes thousands).
    update.full_clean(exclude=["action", "cycle"])
    update._history_user = by
    return update


@transaction.atomic
def update_action(
    *,
    action: Action,
    expected_version: int,
    by,
    progress: str,
    rag: str,
    new_due_date: date | None = None,
    revision_reason: str = "",
) -> UpdateOutcome:
    """A lead's or the PMO's fortnightly update: progress, RAG and, with a reason, a new
    deadline. Refused with StaleEdit if the action changed since `expected_version`."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.version != expected_version:
        raise _stale_edit(locked, expected_version)
    notes = []
    if new_due_date is not None and new_due_date != locked.due_date:
        _revise_deadline(locked, new_due_date, revision_reason, by)
    locked.rag = rag
    locked.full_clean()
    locked._history_user = by
    locked.save()
    update = record_progress(action=locked, text=progress, by=by)
    if locked.awaits_assurance:
        notes.append(AWAITING_ASSURANCE_MESSAGE)
    return UpdateOutcome(action=locked, update=update, notes=notes)


@transaction.atomic
def turn_back_to_green(*, action: Action, reason: str, by) -> Action:
    """The PMO's explicit decision that a reported Blue goes back to Green until evidence is
    forthcoming (seed 002, action 6.15): recorded with its reason in the progress log and
    the history, never made automatically."""
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the action goes back to Green."})
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.rag != Rag.BLUE:
        raise ValidationError("Only a Blue action can be turned back to Green.")
    locked.rag = Rag.GREEN
    locked.full_clean()
    locked._history_user = by
    # simple-history keeps 100 characters of a change reason; the progress log keeps it all.
    locked._change_reason = TURNED_BACK.format(reason=reason.strip())[:100]
    locked.save()
    record_progress(action=locked, text=TURNED_BACK.format(reason=reason.strip()), by=by)
    return locked


@transaction.atomic
def confirm_held_evidence(*, action: Action, by) -> Action:
    """The PMO confirms evidence a source tracker reported as held ("evidence in folder")."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.evidence_status != EvidenceStatus.HELD:
        raise ValidationError("Only evidence reported as held by a source can be confirmed.")
    locked._change_reason = "Evidence held, as the source reported: confirmed by the PMO"
    _set_evidence_status(locked, EvidenceStatus.ACCEPTED, by)
    return locked


def _revise_deadline(action: Action, new_due_date: date, reason: str, by) -> None:
    _record_revision(action, action.due_date, new_due_date, reason, by, "revision_reason")
    action.due_date = new_due_date
    if action.start_date and action.start_date > new_due_date:
        action.start_date = None


def _record_revision(action, previous: date | None, new: date, reason: str, by, field: str):
    """The original deadline is the first revision's `previous_due_date`: a deadline never
    moves without one, or the slippage the concern report shows is lost."""
    if not reason.strip():
        raise ValidationError({field: "Give the reason the deadline is moving."})
    revision = DeadlineRevision(
        action=action,
        previous_due_date=previous,
        new_due_date=new,
        reason=reason.strip(),
        revised_by=by,
        cycle=ReportingCycle.objects.open().filter(plan_id=action.plan_id).first(),
    )
    revision.full_clean()
    revision._history_user = by
    revision.save()


@transaction.atomic
def save_action(*, action: Action, by, deadline_reason: str = "") -> Action:
    """The PMO's entry or correction of an action's plan fields ("Data entry"). Follows the
    same rules as every other write: validated, attributed, and a moved deadline recorded
    as a revision with its reason."""
    if action.pk is not None:
        stored = Action.objects.select_for_update().get(pk=action.pk)
        action.full_clean()
        moved = stored.due_date is not None and action.due_date != stored.due_date
        if moved and action.due_date is None:
            raise ValidationError(
                {"due_date": "A deadline cannot be removed once set; revise it instead."}
            )
        if moved:
            _record_revision(
                action, stored.due_date, action.due_date, deadline_reason, by, "deadline_reason"
            )
    else:
        action.full_clean()
    action._history_user = by
    action.save()
    return action


def _stale_edit(current: Action, expected_version: int) -> StaleEdit:
    started_from = current.history.filter(version=expected_version).order_by("-history_id").first()
    latest = current.history.order_by("-history_id").first()
    changes = []
    if started_from is not None and latest is not None:
        delta = latest.diff_against(started_from, excluded_fields=["version"])
        for change in delta.changes:
            label = Action._meta.get_field(change.field).verbose_name
            changes.append(
                (str(label), _shown(change.field, change.old), _shown(change.field, change.new))
            )
    since = started_from.history_date if started_from else current.modified_at
    new_updates = list(current.progress_updates.filter(created_at__gt=since))
    by = display_name(latest.history_user) if latest and latest.history_user else "someone"
    return StaleEdit(changes=changes, by=by, new_updates=new_updates)


def _shown(field_name: str, value) -> str:
    if field_name == "rag":
        return Rag(value).label if value else "Not rated"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)


# --- evidence ------------------------------------------------------------------------


@transaction.atomic
def submit_evidence(*, action: Action, by, description: str, upload=None) -> Evidence:
    """Attach evidence (a file, or a described reference such as "evidence in folder")
    for the PMO to assure."""
    evidence = Evidence(action=action, description=description.strip(), submitted_by=by)
    if upload is not None:
        evidence.file = upload
        evidence.original_name = upload.name[:255]
        evidence.size = upload.size
    evidence._history_user = by
    evidence.save()
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.evidence_status not in (EvidenceStatus.ACCEPTED, EvidenceStatus.NOT_REQUIRED):
        _set_evidence_status(locked, EvidenceStatus.SUBMITTED, by)
    return evidence


@transaction.atomic
def accept_evidence(*, evidence: Evidence, by) -> Evidence:
    """The PMO's assurance: with accepted evidence the action may be Blue."""
    _review(evidence, EvidenceReview.ACCEPTED, by)
    locked = Action.objects.select_for_update().get(pk=evidence.action_id)
    _set_evidence_status(locked, EvidenceStatus.ACCEPTED, by)
    transaction.on_commit(lambda: tell_owners_of_review(evidence))
    return evidence


@transaction.atomic
def reject_evidence(*, evidence: Evidence, by, reason: str) -> Evidence:
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the evidence is rejected."})
    evidence.rejection_reason = reason.strip()
    _review(evidence, EvidenceReview.REJECTED, by)
    locked = Action.objects.select_for_update().get(pk=evidence.action_id)
    # Assurance only: the RAG stays what the owner reported.
    still_accepted = locked.evidence.filter(status=EvidenceReview.ACCEPTED).exists()
    if not still_accepted and locked.evidence_status != EvidenceStatus.NOT_REQUIRED:
        _set_evidence_status(locked, EvidenceStatus.REJECTED, by)
    transaction.on_commit(lambda: tell_owners_of_review(evidence))
    return evidence


def _review(evidence: Evidence, status: str, by) -> None:
    current = Evidence.objects.select_for_update().get(pk=evidence.pk)
    if current.status != EvidenceReview.SUBMITTED:
        raise ValidationError(
            f"This evidence was already {current.get_status_display().lower()}; "
            "ask for new evidence instead of reviewing it again."
        )
    evidence.status = status
    evidence.reviewed_by = by
    evidence.reviewed_at = timezone.now()
    evidence.full_clean()
    evidence._history_user = by
    evidence.save()


def _set_evidence_status(action: Action, status: str, by) -> None:
    action.evidence_status = status
    action._history_user = by
    action.save()


# --- embedding reviews --------------------------------------------------------------


@transaction.atomic
def record_embedding_review(
    *, action: Action, outcome: str, note: str, by, reviewed_on: date | None = None
) -> EmbeddingReview:
    """The lead's (or the PMO's) answer to the review a Blue action falls due for three
    months after its deadline. The RAG is left as it is: if the change has not embedded,
    the owner or the PMO updates the action as they would any other."""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if locked.rag != Rag.BLUE or locked.embedding_review_due is None:
        raise ValidationError("Only a Blue action has an embedding review to record.")
    review = EmbeddingReview(
        action=locked,
        due_on=locked.embedding_review_due,
        outcome=outcome,
        note=note.strip(),
        reviewed_on=reviewed_on or clock.today(locked.plan),
        recorded_by=by,
    )
    review.full_clean()
    review.save()
    return review

"""A programme lead's work list: their actions, what needs doing first at the top."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch

from improvement import clock

from .models import Action, Evidence, EvidenceReview, EvidenceStatus, Rag

DUE_SOON_DAYS = 30


@dataclass
class WorkItem:
    action: Action
    overdue: bool
    due_soon: bool
    awaiting_update: bool
    rejected_because: str = ""  # the PMO's reason, when the latest evidence was rejected
    evidence_needed: bool = False  # reported Blue, no evidence given yet
    embedding_review_due: bool = False  # Blue, and its 3-month review has come

    @property
    def priority(self) -> int:
        """Overdue first, then due in the next 30 days, then evidence the PMO is waiting
        for, then awaiting this cycle's update."""
        if self.overdue:
            return 0
        if self.due_soon:
            return 1
        if self.rejected_because or self.evidence_needed or self.embedding_review_due:
            return 2
        if self.awaiting_update:
            return 3
        return 4


def _rejected_because(action: Action) -> str:
    if action.evidence_status != EvidenceStatus.REJECTED or not action.rejections:
        return ""
    return action.rejections[0].rejection_reason


def _item(action: Action, today: date) -> WorkItem:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    return WorkItem(
        action=action,
        overdue=action.is_overdue(today),
        due_soon=bool(
            action.due_date and today <= action.due_date <= soon and action.rag != Rag.BLUE
        ),
        awaiting_update=action.awaits_update,
        rejected_because=_rejected_because(action),
        evidence_needed=action.awaits_assurance
        and action.evidence_status == EvidenceStatus.REQUIRED,
        embedding_review_due=action.embedding_review_outstanding(today),
    )


def worklist_for(user, today: date | None = None) -> list[WorkItem]:
    """The user's open actions, first things first; each plan's actions are read as at that
    plan's reporting date (`improvement.clock`) unless `today` is given."""
    actions = (
        Action.objects.for_user(user)
        .owned_by(user)
        .filter(is_closed=False)
        .select_related("area", "plan")
        .prefetch_related(
            "deadline_revisions",
            "embedding_reviews",
            Prefetch(
                "evidence",
                queryset=Evidence.objects.filter(status=EvidenceReview.REJECTED).order_by(
                    "-reviewed_at", "-id"
                ),
                to_attr="rejections",
            ),
        )
        .with_cycle_status()
        .with_last_update()
        .order_by("plan_id", "sort_key")
    )
    items = [_item(action, today or clock.today(action.plan)) for action in actions]
    return sorted(items, key=lambda item: item.priority)

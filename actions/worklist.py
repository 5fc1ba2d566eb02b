"""A programme lead's work list: their actions, what needs doing first at the top."""

from dataclasses import dataclass
from datetime import date, timedelta

from .models import Action, Rag

DUE_SOON_DAYS = 30


@dataclass
class WorkItem:
    action: Action
    overdue: bool
    due_soon: bool
    awaiting_update: bool

    @property
    def priority(self) -> int:
        """Overdue first, then due in the next 30 days, then awaiting this cycle's update."""
        if self.overdue:
            return 0
        if self.due_soon:
            return 1
        if self.awaiting_update:
            return 2
        return 3


def worklist_for(user, today: date) -> list[WorkItem]:
    soon = today + timedelta(days=DUE_SOON_DAYS)
    actions = (
        Action.objects.for_user(user)
        .owned_by(user)
        .filter(is_closed=False)
        .select_related("area", "plan")
        .prefetch_related("deadline_revisions")
        .with_cycle_status()
        .with_last_update()
        .order_by("plan_id", "sort_key")
    )
    items = [
        WorkItem(
            action=action,
            overdue=action.is_overdue(today),
            due_soon=bool(
                action.due_date and today <= action.due_date <= soon and action.rag != Rag.BLUE
            ),
            awaiting_update=action.awaits_update,
        )
        for action in actions
    ]
    return sorted(items, key=lambda item: item.priority)

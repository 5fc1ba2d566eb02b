"""Opening and closing reporting cycles."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from actions.snapshots import snapshot_actions
from risks.services import snapshot_risks

from . import clock
from .frozen_finance import freeze_finance
from .models import CycleStatus, ImprovementPlan, ReportingCycle
from .reported_concerns import freeze_concerns


@transaction.atomic
def open_cycle(*, plan: ImprovementPlan, as_at: date, update_deadline: date, by) -> ReportingCycle:
    locked_plan = ImprovementPlan.objects.select_for_update().get(pk=plan.pk)
    if locked_plan.cycles.open().exists():
        raise ValidationError("Close the open reporting cycle before opening the next one.")
    last = locked_plan.cycles.latest_closed()
    if last is not None and as_at <= last.as_at:
        raise ValidationError(
            {"as_at": f"The new report must be after the last one ({last.as_at:%d/%m/%Y})."}
        )
    if update_deadline > as_at:
        raise ValidationError(
            {"update_deadline": "Updates must be due on or before the report's as-at date."}
        )
    cycle = ReportingCycle(plan=plan, as_at=as_at, update_deadline=update_deadline, opened_by=by)
    cycle.full_clean()
    cycle._history_user = by
    cycle.save()
    return cycle


@dataclass
class ClosingCheck:
    """What closing would leave behind, for the PMO to confirm."""

    cycle: ReportingCycle
    not_updated: int  # open, not Blue, and no update in this cycle
    awaiting_assurance: int  # Blue with evidence not yet assured
    early: bool  # before the report's as-at date

    @property
    def clean(self) -> bool:
        return not (self.not_updated or self.awaiting_assurance or self.early)


def closing_check(cycle: ReportingCycle, today: date) -> ClosingCheck:
    actions = Action.objects.filter(plan_id=cycle.plan_id)
    return ClosingCheck(
        cycle=cycle,
        not_updated=actions.cycle_progress()["due"],
        awaiting_assurance=actions.awaiting_assurance().count(),
        early=today < cycle.as_at,
    )


@transaction.atomic
def close_cycle(*, cycle: ReportingCycle, by, early: bool = False) -> int:
    """Freeze a snapshot of every action and close the cycle, all or nothing. A cycle
    closes once: the row lock makes a second, concurrent close wait and then refuse.
    Before the report's as-at date it closes only when the PMO says so (`early`)."""
    locked = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status != CycleStatus.OPEN:
        raise ValidationError("This reporting cycle is already closed.")
    if clock.today(locked.plan) < locked.as_at and not early:
        raise ValidationError(
            f"The report is as at {locked.as_at:%d/%m/%Y}, which has not come yet: confirm "
            "that you mean to close it early."
        )
    count = snapshot_actions(locked)
    snapshot_risks(locked)
    freeze_concerns(locked)
    freeze_finance(locked)
    locked.status = CycleStatus.CLOSED
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked._history_user = by
    locked.save()
    cycle.refresh_from_db()
    return count

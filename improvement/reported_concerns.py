"""What the Action Concern Report states: live for a draft, frozen for a closed cycle.
Both come out as the same rows, so the pack and the workbook show them one way."""

from dataclasses import dataclass
from datetime import date, datetime

from .models import ConcernSnapshot, ConcernType, ItemStatus, MeetingItem


@dataclass
class ReportedConcern:
    number: str
    text: str
    due_date: date | None
    original_due_date: date | None  # only where the deadline moved
    concern_type: str
    rag: str
    evidence_status: str
    raised_body: str
    raised_on: date
    action_required: str
    action_taken: str
    seen_log: str
    comments: str
    status: str
    closed_at: datetime | None
    closed_reason: str

    @property
    def is_open(self) -> bool:
        return self.status == ItemStatus.OPEN

    @property
    def concern_label(self) -> str:
        return ConcernType(self.concern_type).label

    @property
    def deadline_label(self) -> str:
        """ "30/11/2018 (01/09/2018)", as Action.deadline_label writes it."""
        if self.due_date is None:
            return "No date"
        if self.original_due_date:
            return f"{self.due_date:%d/%m/%Y} ({self.original_due_date:%d/%m/%Y})"
        return f"{self.due_date:%d/%m/%Y}"

    @property
    def status_label(self) -> str:
        return ItemStatus(self.status).label


def _from_item(item: MeetingItem) -> ReportedConcern:
    action = item.action
    original = action.original_due_date if action.is_deadline_revised else None
    return ReportedConcern(
        number=action.number,
        text=action.text,
        due_date=action.due_date,
        original_due_date=original if original != action.due_date else None,
        concern_type=item.concern_type,
        rag=action.rag,
        evidence_status=action.evidence_status,
        raised_body=item.raised_at.get_body_display(),
        raised_on=item.raised_at.date,
        action_required=item.action_required,
        action_taken=item.action_taken,
        seen_log=item.seen_log,
        comments=item.comments,
        status=item.status,
        closed_at=item.closed_at,
        closed_reason=item.closed_reason,
    )


def _from_snapshot(snapshot: ConcernSnapshot) -> ReportedConcern:
    return ReportedConcern(
        **{name: getattr(snapshot, name) for name in ReportedConcern.__dataclass_fields__}
    )


def live_concerns(plan) -> list[ReportedConcern]:
    items = MeetingItem.objects.concerns().filter(action__plan=plan).for_report()
    return [_from_item(item) for item in items]


def reported_concerns(plan, cycle=None) -> list[ReportedConcern]:
    """Every concern of the plan: as frozen when `cycle` closed, or live without one."""
    if cycle is None or cycle.is_open:
        return live_concerns(plan)
    return [_from_snapshot(snapshot) for snapshot in cycle.concern_snapshots.all()]


def freeze_concerns(cycle) -> int:
    """Called as the cycle closes: a copy of every concern of its plan as it stands."""
    items = MeetingItem.objects.concerns().filter(action__plan_id=cycle.plan_id).for_report()
    snapshots = [
        ConcernSnapshot(
            cycle=cycle,
            item=item,
            sort_key=item.action.sort_key,
            **_from_item(item).__dict__,
        )
        for item in items
    ]
    ConcernSnapshot.objects.bulk_create(snapshots)
    return len(snapshots)

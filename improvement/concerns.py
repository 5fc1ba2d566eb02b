"""The Action Concern Report: proposing concerns, and the PMO's decisions on them.

The product proposes three kinds of concern (seed 002's "Overdue" and "Slippage in
deadline", and persistent Red); the PMO confirms a proposal into a concern raised at a
meeting, or dismisses it with a reason. A dismissal is remembered against the fact that
raised the proposal (the due date that passed, the revision, the start of the red run),
so the proposal comes back only when that fact changes.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from heapq import merge
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from actions.models import Action, ActionSnapshot, DeadlineRevision, Rag

from .models import (
    ConcernDismissal,
    ConcernType,
    ImprovementPlan,
    ItemKind,
    ItemStatus,
    Meeting,
    MeetingItem,
    MeetingItemReview,
)

RED_CYCLES_FOR_CONCERN = 2


@dataclass(frozen=True)
class Proposal:
    action_id: int
    sort_key: str
    concern_type: str
    fact: str
    why: str
    # Loaded for the proposals shown (`with_actions`), not for every one counted: a large
    # plan has thousands of overdue actions and the report shows a page of them.
    action: Action | None = None

    @property
    def label(self) -> str:
        return ConcernType(self.concern_type).label


def propose_concerns(plan: ImprovementPlan, today: date) -> "ProposalList":
    """Every concern the facts call for that is neither open already nor dismissed on the
    same facts, in plan order. A fixed number of queries whatever the size of the plan,
    and no work that grows with it for a page of them: the overdue (the rule most often
    met, thousands in a large plan) are counted and read a page at a time in SQL, the
    other rules' few proposals in Python."""
    actions = Action.objects.filter(plan=plan, is_closed=False).in_scope()
    open_concerns = set(
        MeetingItem.objects.concerns()
        .open()
        .filter(action__plan=plan)
        .exclude(concern_type=ConcernType.OVERDUE)
        .values_list("action_id", "concern_type")
    )
    dismissed = set(
        ConcernDismissal.objects.filter(action__plan=plan)
        .exclude(concern_type=ConcernType.OVERDUE)
        .values_list("action_id", "concern_type", "fact")
    )
    # Newest first, read once for both rules that look back at the closed reports.
    closed_cycles = list(
        plan.cycles.closed()
        .order_by("-as_at", "-closed_at")
        .values_list("pk", "as_at", "closed_at")
    )
    others = [
        proposal
        for proposal in (
            *_slipped(actions, closed_cycles),
            *_persistently_red(plan, actions, closed_cycles),
            *_awaiting_assurance(plan, actions, today),
        )
        if (proposal.action_id, proposal.concern_type) not in open_concerns
        and (proposal.action_id, proposal.concern_type, proposal.fact) not in dismissed
    ]
    return ProposalList(_overdue(actions, today), sorted(others, key=_in_plan_order))


def _in_plan_order(proposal: Proposal):
    return (proposal.sort_key, proposal.concern_type)


class ProposalList(Sequence):
    """The proposals as a sequence Django's Paginator can count and slice: the overdue
    stay a queryset until a page asks for the first so many of them."""

    def __init__(self, overdue, others: list[Proposal]):
        self._overdue = overdue
        self._others = others
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self._overdue.count() + len(self._others)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.count())
            return list(islice(self._first(stop), start, stop, step))
        if index < 0:
            index += self.count()
        found = self[index : index + 1]
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self):
        return self._first(self.count())

    def _first(self, stop: int):
        """The first `stop` proposals: the first `stop` overdue merged with the others.
        The overdue are sorted again in Python's order, which the others are in: the
        database's collation may order sort keys otherwise."""
        head = sorted(
            (
                Proposal(
                    action_id=action_id,
                    sort_key=sort_key,
                    concern_type=ConcernType.OVERDUE,
                    fact=overdue_fact(due_date),
                    why=f"Due {due_date:%d/%m/%Y} and not Blue.",
                )
                for action_id, sort_key, due_date in self._overdue[:stop]
            ),
            key=_in_plan_order,
        )
        return merge(head, self._others, key=_in_plan_order)


def with_actions(proposals) -> list[Proposal]:
    """The proposals with their actions (and areas) read, in one query."""
    wanted = {p.action_id for p in proposals if p.action is None}
    actions = Action.objects.select_related("area").in_bulk(wanted) if wanted else {}
    return [
        p if p.action is not None else replace(p, action=actions[p.action_id]) for p in proposals
    ]


def overdue_fact(due_date: date) -> str:
    """The fact an overdue proposal is dismissed against: the due date that passed."""
    return f"due {due_date.isoformat()}"


def _overdue(actions, today: date):
    """Rule: past its due date and not Blue; neither open as a concern already nor
    dismissed for the same due date. Rows of (id, sort key, due date) in plan order."""
    already_open = (
        MeetingItem.objects.concerns()
        .open()
        .filter(action=OuterRef("pk"), concern_type=ConcernType.OVERDUE)
    )
    dismissed = ConcernDismissal.objects.filter(
        action=OuterRef("pk"),
        concern_type=ConcernType.OVERDUE,
        # overdue_fact in SQL: a date cast to text is ISO in SQLite and PostgreSQL alike
        fact=Concat(Value("due "), Cast(OuterRef("due_date"), CharField())),
    )
    return (
        actions.overdue(today)
        .exclude(Exists(already_open))
        .exclude(Exists(dismissed))
        .order_by("sort_key", "pk")
        .values_list("pk", "sort_key", "due_date")
    )


def _awaiting_assurance(plan, actions, today: date):
    """Rule: reported Blue, and its evidence not assured for longer than the plan allows
    (`assurance_wait_days`). Evidence a source reported held is counted as assured."""
    waited_from = today - timedelta(days=plan.assurance_wait_days)
    waiting = actions.awaiting_assurance().filter(completed_on__lt=waited_from)
    for action in waiting.select_related("area"):
        yield Proposal(
            action_id=action.pk,
            sort_key=action.sort_key,
            action=action,
            concern_type=ConcernType.ASSURANCE,
            fact=f"blue since {action.completed_on.isoformat()}",
            why=(
                f"Reported Blue on {action.completed_on:%d/%m/%Y}; its evidence has waited "
                f"more than {plan.assurance_wait_days} days for assurance "
                f"({action.get_evidence_status_display().lower()})."
            ),
        )


def _slipped(actions, closed_cycles):
    """Rule: the deadline was revised since the last closed reporting cycle."""
    revisions = DeadlineRevision.objects.filter(action__in=actions).select_related("action__area")
    if closed_cycles:
        _, _, last_closed_at = closed_cycles[0]
        revisions = revisions.filter(revised_at__gt=last_closed_at)
    latest_by_action = {}
    for revision in revisions.order_by("revised_at", "id"):
        latest_by_action[revision.action_id] = revision
    for revision in latest_by_action.values():
        previous = (
            f"{revision.previous_due_date:%d/%m/%Y}" if revision.previous_due_date else "no date"
        )
        yield Proposal(
            action_id=revision.action_id,
            sort_key=revision.action.sort_key,
            action=revision.action,
            concern_type=ConcernType.SLIPPAGE,
            fact=f"revision {revision.pk}",
            why=(
                f"Deadline moved from {previous} to {revision.new_due_date:%d/%m/%Y}: "
                f"{revision.reason}"
            ),
        )


def _persistently_red(plan, actions, closed_cycles):
    """Rule: Red at the last two (or more) closed reports in a row."""
    cycles = [(pk, as_at) for pk, as_at, _ in closed_cycles]
    if len(cycles) < RED_CYCLES_FOR_CONCERN:
        return
    red = set(
        ActionSnapshot.objects.filter(
            cycle__plan=plan, rag=Rag.RED, action__in=actions
        ).values_list("action_id", "cycle_id")
    )
    red_actions = Action.objects.filter(pk__in={action_id for action_id, _ in red}).select_related(
        "area"
    )
    for action in red_actions:
        run = []
        for cycle_id, as_at in cycles:  # newest first
            if (action.pk, cycle_id) not in red:
                break
            run.append((cycle_id, as_at))
        if len(run) >= RED_CYCLES_FOR_CONCERN:
            first_id, first_as_at = run[-1]
            yield Proposal(
                action_id=action.pk,
                sort_key=action.sort_key,
                action=action,
                concern_type=ConcernType.NO_PROGRESS,
                fact=f"red since cycle {first_id}",
                why=f"Red at {len(run)} reports in a row, since {first_as_at:%d/%m/%Y}.",
            )


# --- the PMO's decisions -------------------------------------------------------------------


@transaction.atomic
def raise_concern(
    *, action: Action, concern_type: str, raised_at: Meeting, action_required: str, by
) -> MeetingItem:
    concern = MeetingItem(
        kind=ItemKind.CONCERN,
        action=action,
        concern_type=concern_type,
        raised_at=raised_at,
        action_required=action_required.strip(),
    )
    concern.full_clean()
    concern._history_user = by
    concern.save()
    return concern


@transaction.atomic
def dismiss_proposal(*, proposal: Proposal, reason: str, by) -> ConcernDismissal:
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason this is not a concern."})
    return ConcernDismissal.objects.create(
        action_id=proposal.action_id,
        concern_type=proposal.concern_type,
        fact=proposal.fact,
        reason=reason.strip(),
        dismissed_by=by,
    )


@transaction.atomic
def record_seen(*, item: MeetingItem, meeting: Meeting, note: str = "", by) -> MeetingItemReview:
    if meeting.organisation_id != item.organisation_id:
        raise ValidationError({"meeting": "Choose one of this organisation's meetings."})
    if not meeting.has_happened:
        raise ValidationError(
            {"meeting": f"The {meeting} meeting has not happened yet, so it cannot have seen this."}
        )
    if meeting.date < item.raised_at.date:
        raise ValidationError({"meeting": "It cannot be seen before it was first raised."})
    if item.reviews.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": f"Already recorded as seen at {meeting}."})
    review = MeetingItemReview(item=item, meeting=meeting, note=note.strip(), recorded_by=by)
    review._history_user = by
    review.save()
    return review


@transaction.atomic
def record_action_taken(*, item: MeetingItem, text: str, by) -> MeetingItem:
    item.action_taken = text.strip()
    item._history_user = by
    item.save()
    return item


@transaction.atomic
def close_item(*, item: MeetingItem, reason: str, by) -> MeetingItem:
    locked = MeetingItem.objects.select_for_update().get(pk=item.pk)
    if locked.status == ItemStatus.CLOSED:
        raise ValidationError("This is already closed.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being closed."})
    locked.status = ItemStatus.CLOSED
    locked.closed_by = by
    locked.closed_at = timezone.now()
    locked.closed_reason = reason.strip()
    locked._history_user = by
    locked.save()
    return locked


@transaction.atomic
def reopen_item(*, item: MeetingItem, reason: str, by) -> MeetingItem:
    """A closed concern opened again, with the reason recorded in its comments; the earlier
    closure stays in the item's history."""
    locked = MeetingItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != ItemStatus.CLOSED:
        raise ValidationError("This is open already.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is being reopened."})
    closed = f"closed {locked.closed_at:%d/%m/%Y}" if locked.closed_at else "closed"
    note = (
        f"Reopened {timezone.localdate():%d/%m/%Y} by {by.get_full_name() or by.get_username()} "
        f"({closed}: {locked.closed_reason}): {reason.strip()}"
    )
    locked.comments = "\n".join(filter(None, [locked.comments, note]))
    locked.status = ItemStatus.OPEN
    locked.closed_by = None
    locked.closed_at = None
    locked.closed_reason = ""
    locked.full_clean()
    locked._history_user = by
    locked._change_reason = f"Reopened: {reason.strip()}"[:100]  # history keeps 100 characters
    locked.save()
    return locked


def find_proposal(plan: ImprovementPlan, today: date, *, action_id: int, concern_type: str):
    """The live proposal the PMO is acting on, or None if the facts no longer call for it."""
    proposals = propose_concerns(plan, today)
    if concern_type == ConcernType.OVERDUE:
        candidates = ProposalList(proposals._overdue.filter(pk=action_id), [])
    else:
        candidates = proposals._others
    for proposal in candidates:
        if proposal.action_id == action_id and proposal.concern_type == concern_type:
            return with_actions([proposal])[0]
    return None

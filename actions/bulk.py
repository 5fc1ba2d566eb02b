"""Writing many new actions at once (an import's first load): the same rows and history a
one-by-one save writes, in a few queries whatever their number.

Each action is saved with its history row ("+", by the importing user, with the reason),
and that history row records its SROs and operational leads as simple-history records
owners on a browser save. Actions are validated by the caller (`Action.full_clean`)
first; this only writes.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from . import numbering
from .models import Action, ProgressUpdate

BATCH = 500


@dataclass
class NewAction:
    action: Action  # validated, not saved
    sros: list = field(default_factory=list)
    leads: list = field(default_factory=list)


@transaction.atomic
def create_actions(new: list[NewAction], *, by, reason: str) -> list[Action]:
    """Save the actions, parents before their sub-actions, then their owners and one
    history row each (owners included)."""
    for item in new:
        item.action.sort_key = numbering.sort_key(item.action.number)
        item.action.plan_id = item.action.area.plan_id
    by_depth: dict[int, list[NewAction]] = {}
    for item in new:
        by_depth.setdefault(item.action.number.count("."), []).append(item)
    for depth in sorted(by_depth):  # a sub-action's parent gets its id first
        Action.objects.bulk_create([item.action for item in by_depth[depth]], batch_size=BATCH)
    owners = {
        "sros": _link(new, Action.sros.through, "sros"),
        "operational_leads": _link(new, Action.operational_leads.through, "leads"),
    }
    # Not simple-history's bulk_history_create: it works `tracked_fields` out anew for every
    # row: 0.7 s of a profiled 1,500-action import of 5.4 s.
    # `Action.history` builds a manager on every access: read the model once.
    model = Action.history.model
    tracked = model.tracked_fields
    history = model.objects.bulk_create(
        [_history_row(model, item.action, by, reason, tracked) for item in new],
        batch_size=BATCH,
    )
    for name, links in owners.items():
        _record_owners(history, name, links)
    return [item.action for item in new]


def _link(new: list[NewAction], through, attribute: str) -> dict[int, list]:
    """The through rows, created in one insert; {action id: its rows}."""
    rows = through.objects.bulk_create(
        [
            through(action_id=item.action.pk, officer_id=officer.pk)
            for item in new
            for officer in getattr(item, attribute)
        ],
        batch_size=BATCH,
    )
    links: dict[int, list] = {}
    for row in rows:
        links.setdefault(row.action_id, []).append(row)
    return links


def _history_row(model, action: Action, by, reason: str, tracked):
    return model(
        history_date=action.created_at or timezone.now(),
        history_user=by,
        history_change_reason=reason[:100],
        history_type="+",
        **{f.attname: getattr(action, f.attname) for f in tracked},
    )


def _record_owners(history: list, name: str, links: dict[int, list]) -> None:
    model = apps.get_model("actions", f"HistoricalAction_{name}")
    model.objects.bulk_create(
        [
            model(
                history_id=row.pk, id=link.pk, action_id=link.action_id, officer_id=link.officer_id
            )
            for row in history
            for link in links.get(row.id, [])
        ],
        batch_size=BATCH,
    )


def add_progress_updates(updates: list[ProgressUpdate], *, by) -> list[ProgressUpdate]:
    """Progress updates of saved actions, each with its history row, in a few queries."""
    for update in updates:
        update.action_id = update.action.pk
    return bulk_create_with_history(updates, ProgressUpdate, batch_size=BATCH, default_user=by)

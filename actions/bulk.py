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

from improvement.bulk_insert import insert_instances, insert_rows

from . import numbering
from .models import Action, ProgressUpdate


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
        insert_instances(Action, [item.action for item in by_depth[depth]])
    owners = {
        "sros": _link(new, Action.sros.through, "sros"),
        "operational_leads": _link(new, Action.operational_leads.through, "leads"),
    }
    actions = [item.action for item in new]
    history_ids = _record_history(Action, actions, by=by, reason=reason[:100])
    for name, links in owners.items():
        _record_owners(zip(history_ids, actions, strict=True), name, links)
    return actions


def _link(new: list[NewAction], through, attribute: str) -> dict[int, list[tuple[int, int]]]:
    """The through rows, created together; {action id: [(row id, officer id)]}."""
    pairs = [(item.action.pk, officer.pk) for item in new for officer in getattr(item, attribute)]
    ids = insert_rows(
        through, [{"action_id": a, "officer_id": o} for a, o in pairs], returning=True
    )
    links: dict[int, list[tuple[int, int]]] = {}
    for row_id, (action_id, officer_id) in zip(ids, pairs, strict=True):
        links.setdefault(action_id, []).append((row_id, officer_id))
    return links


def _record_history(model, objects: list, *, by, reason: str | None) -> list[int]:
    """One "+" history row per saved object, as simple-history writes on a save: the
    object's tracked fields, the user, the reason and the time. Returns their ids."""
    # Not simple-history's bulk_history_create: it makes a model instance of every row
    # and works `tracked_fields` out anew each time. `model.history` builds a manager on
    # every access: read the history model once.
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    now = timezone.now()
    rows = [
        {
            "history_date": getattr(obj, "created_at", None) or now,
            "history_user_id": by.pk if by else None,
            "history_change_reason": reason,
            "history_type": "+",
            **{name: getattr(obj, name) for name in tracked},
        }
        for obj in objects
    ]
    return insert_rows(history, rows, returning=True)


def _record_owners(saved, name: str, links: dict[int, list[tuple[int, int]]]) -> None:
    model = apps.get_model("actions", f"HistoricalAction_{name}")
    insert_rows(
        model,
        [
            {"history_id": history_id, "id": row_id, "action_id": action.pk, "officer_id": officer}
            for history_id, action in saved
            for row_id, officer in links.get(action.pk, [])
        ],
    )


def add_progress_updates(updates: list[ProgressUpdate], *, by) -> list[ProgressUpdate]:
    """Progress updates of saved actions, each with its history row, in a few queries."""
    for update in updates:
        update.action_id = update.action.pk
    insert_instances(ProgressUpdate, updates)
    _record_history(ProgressUpdate, updates, by=by, reason=None)
    return updates

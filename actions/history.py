"""The audit trail of an action, read from django-simple-history's records."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.text import capfirst

from .models import Action, Evidence, EvidenceStatus, Rag

_HIDDEN = {"version", "parent", "plan"}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list[str]


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else "System or import"


def _shown(field: str, value) -> str:
    if value in (None, ""):
        return "blank"
    if field == "rag":
        return Rag(value).label
    if field == "evidence_status":
        return EvidenceStatus(value).label
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    text = str(value)
    return text if len(text) <= 120 else f"{text[:117]}..."


def _diff(record, previous, model) -> list[str]:
    if previous is None:
        return []
    delta = record.diff_against(previous, excluded_fields=list(_HIDDEN & _fields(model)))
    return [
        f"{capfirst(model._meta.get_field(c.field).verbose_name)}: "
        f"{_shown(c.field, c.old)} → {_shown(c.field, c.new)}"
        for c in delta.changes
    ]


def _fields(model) -> set[str]:
    return {f.name for f in model._meta.fields}


def _entries(records, model, label) -> list[HistoryEntry]:
    entries = []
    previous = None
    for record in records:  # oldest first, so each diff is against the one before
        kind = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                what=f"{label(record)} {kind}",
                changes=_diff(record, previous, model),
            )
        )
        previous = record
    return entries


def action_history(action: Action) -> list[HistoryEntry]:
    """Newest first: every change to the action and its evidence, with who and what."""
    action_records = action.history.select_related("history_user").order_by("history_id")
    evidence_records = (
        Evidence.history.filter(action_id=action.pk)
        .select_related("history_user")
        .order_by("id", "history_id")
    )
    entries = _entries(action_records, Action, lambda record: "Action")
    by_evidence: dict[int, list] = {}
    for record in evidence_records:
        by_evidence.setdefault(record.id, []).append(record)
    for records in by_evidence.values():
        entries += _entries(records, Evidence, lambda record: f"Evidence “{record}”")
    return sorted(entries, key=lambda entry: entry.when, reverse=True)

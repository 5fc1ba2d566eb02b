"""People leaving: an officer who leaves is marked, never deleted, and what they still
hold is listed for the PMO to reassign."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from actions.models import Action, Rag
from finance.models import QippScheme
from risks.models import Risk, RiskStatus

from .models import ItemStatus, MeetingItem, Officer


@dataclass
class OpenResponsibilities:
    actions: list[Action]
    risks: list[Risk]
    schemes: list[QippScheme]
    meeting_items: list[MeetingItem]

    def __bool__(self) -> bool:
        return bool(self.actions or self.risks or self.schemes or self.meeting_items)

    def summary(self) -> str:
        """ "3 open actions (1.1, 1.2, 6.4); 1 open risk (R-06)"."""
        parts = []
        for noun, rows, label in (
            ("open action", self.actions, lambda action: action.number),
            ("open risk", self.risks, lambda risk: risk.reference),
            ("QIPP scheme", self.schemes, lambda scheme: scheme.number),
            ("open meeting item", self.meeting_items, str),
        ):
            if rows:
                plural = "s" if len(rows) != 1 else ""
                parts.append(f"{len(rows)} {noun}{plural} ({', '.join(map(label, rows))})")
        return "; ".join(parts)


def open_responsibilities(officer: Officer) -> OpenResponsibilities:
    """What the officer still holds that someone in post must take over: actions not yet
    completed or closed, open risks, QIPP schemes, open meeting items."""
    actions = (
        (
            Action.objects.filter(pk__in=officer.sro_for.values("pk"))
            | Action.objects.filter(pk__in=officer.lead_for.values("pk"))
        )
        .filter(is_closed=False)
        .exclude(rag=Rag.BLUE)
    )
    return OpenResponsibilities(
        actions=list(actions.order_by("plan", "sort_key")),
        risks=list(officer.risks_owned.filter(status=RiskStatus.OPEN).order_by("reference")),
        schemes=list(QippScheme.objects.filter(sro=officer).order_by("programme", "number")),
        meeting_items=list(MeetingItem.objects.filter(responsible=officer, status=ItemStatus.OPEN)),
    )


@transaction.atomic
def mark_as_left(*, officer: Officer, on: date, by) -> OpenResponsibilities:
    officer.left_on = on
    officer.full_clean()
    officer._history_user = by
    officer.save()
    return open_responsibilities(officer)

"""What the pack reports for each action: live for a draft, frozen for a closed cycle."""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from actions.models import (
    Action,
    ActionSnapshot,
    EmbeddingReview,
    ProgressUpdate,
    Rag,
    embedding_review_date,
    is_assured,
    overdue_rule,
)


@dataclass
class ReportedAction:
    action: Action
    rag: str
    due_date: date | None
    evidence_status: str
    in_scope: bool
    latest_progress: str
    latest_progress_on: date | None
    previous_rag: str | None = None
    rag_as_written: str = ""  # the plan's own words, as reported
    status: str = ""

    @property
    def area_id(self) -> int:
        return self.action.area_id

    def is_overdue(self, on: date) -> bool:
        return overdue_rule(
            due_date=self.due_date, rag=self.rag, is_closed=self.action.is_closed, on=on
        )

    @property
    def moved(self) -> bool:
        return self.previous_rag is not None and self.previous_rag != self.rag


def _actions(plan):
    return (
        Action.objects.filter(plan=plan)
        .select_related("area", "recommendation", "gb_owner")
        .prefetch_related("sros", "operational_leads", "deadline_revisions")
        .order_by("sort_key")
    )


def reported_actions(plan, cycle=None, previous=None) -> list[ReportedAction]:
    """Every action of the plan as the report states it, with the RAG it had at the
    previous report. A fixed number of queries whatever the size of the plan."""
    previous_rags = (
        dict(ActionSnapshot.objects.filter(cycle=previous).values_list("action_id", "rag"))
        if previous
        else {}
    )
    if cycle is not None and not cycle.is_open:
        frozen = {s.action_id: s for s in ActionSnapshot.objects.filter(cycle=cycle)}
        rows = []
        for action in _actions(plan).filter(pk__in=frozen.keys()):
            snap = frozen[action.pk]
            rows.append(
                ReportedAction(
                    action=action,
                    rag=snap.rag,
                    due_date=snap.due_date,
                    evidence_status=snap.evidence_status,
                    in_scope=snap.in_scope,
                    latest_progress=snap.latest_progress,
                    latest_progress_on=snap.latest_progress_on,
                    previous_rag=previous_rags.get(action.pk),
                    rag_as_written=snap.rag_as_written,
                    status=snap.status,
                )
            )
        return rows
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
        *ProgressUpdate.LATEST_FIRST
    )
    live = _actions(plan).annotate(
        latest_text=Subquery(latest.values("text")[:1]),
        latest_on=Subquery(latest.values("reported_on")[:1]),
    )
    return [
        ReportedAction(
            action=action,
            rag=action.rag,
            due_date=action.due_date,
            evidence_status=action.evidence_status,
            in_scope=action.in_scope,
            latest_progress=action.latest_text or "",
            latest_progress_on=action.latest_on,
            previous_rag=previous_rags.get(action.pk),
            rag_as_written=action.rag_as_written,
            status=action.status,
        )
        for action in live
    ]


def awaiting_assurance(rows: list[ReportedAction]) -> list[ReportedAction]:
    """Blue at the report (the owner's word) with evidence the PMO had not assured."""
    return [row for row in rows if row.rag == Rag.BLUE and not is_assured(row.evidence_status)]


def embedding_reviews_due(plan, rows: list[ReportedAction], as_at: date) -> list[ReportedAction]:
    """Blue at the report, its embedding review date (3 months after the reported deadline)
    reached by the report's date, and no review for that date recorded by then."""
    answered = set(
        EmbeddingReview.objects.filter(action__plan=plan, reviewed_on__lte=as_at).values_list(
            "action_id", "due_on"
        )
    )
    due = []
    for row in rows:
        if row.rag != Rag.BLUE or row.due_date is None or row.action.is_closed:
            continue
        review_on = embedding_review_date(row.due_date)
        if review_on <= as_at and (row.action.pk, review_on) not in answered:
            due.append(row)
    return due

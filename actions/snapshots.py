"""Freezing every action of a plan when its reporting cycle closes."""

from django.db.models import OuterRef, Subquery

from .models import Action, ActionSnapshot, ProgressUpdate


def snapshot_actions(cycle) -> int:
    """One snapshot per action of the cycle's plan, with its RAG and latest progress.
    Three queries whatever the size of the plan."""
    latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
        *ProgressUpdate.LATEST_FIRST
    )
    actions = Action.objects.filter(plan_id=cycle.plan_id).annotate(
        latest_text=Subquery(latest.values("text")[:1]),
        latest_on=Subquery(latest.values("reported_on")[:1]),
    )
    snapshots = ActionSnapshot.objects.bulk_create(
        ActionSnapshot(
            cycle=cycle,
            action_id=action.pk,
            area_id=action.area_id,
            number=action.number,
            rag=action.rag,
            rag_as_written=action.rag_as_written,
            status=action.status,
            due_date=action.due_date,
            evidence_status=action.evidence_status,
            in_scope=action.in_scope,
            latest_progress=action.latest_text or "",
            latest_progress_on=action.latest_on,
        )
        for action in actions
    )
    return len(snapshots)

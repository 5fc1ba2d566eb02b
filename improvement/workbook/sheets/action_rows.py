"""The plan's actions as the report states them, read as values for the workbook.

The same rows, in the same order, as `improvement.pack.reported.reported_actions` (the
live plan, or a closed cycle's frozen snapshot over the action's own number and text),
each a `ReportedAction` so the pack's rules (`awaiting_assurance`,
`embedding_reviews_due`) apply unchanged. Only its `action` is an `ActionValues` of the
fields the sheets write instead of an `Action`: at 10,000 actions, building the model
instances, their prefetched owners and a related manager's queryset per owner list was a
quarter of the export. A fixed number of queries at any size.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Subquery

from actions.models import Action, ActionSnapshot, ProgressUpdate
from improvement.models import Officer, RecommendationSource
from improvement.pack.reported import ReportedAction


@dataclass(frozen=True, slots=True)
class ActionValues:
    """What the sheets read of an action, by `Action`'s own attribute names."""

    pk: int
    area_id: int
    number: str
    text: str
    by_when: str
    start_date: date | None
    outcome_measure: str
    measure_of_success: str
    evidence_required: str
    evidence_detail: str
    actions_to_complete: str
    is_closed: bool
    sro_labels: str
    operational_lead_labels: str
    gb_owner_label: str  # "" without one
    recommendation_text: str  # the cell: text with its reference, "" without one
    recommendation_source: str  # the source's label, "" without a recommendation


ACTION_FIELDS = (
    "pk",
    "area_id",
    "number",
    "text",
    "by_when",
    "start_date",
    "outcome_measure",
    "measure_of_success",
    "evidence_required",
    "evidence_detail",
    "actions_to_complete",
    "is_closed",
    "recommendation_id",
    "recommendation__text",
    "recommendation__reference",
    "recommendation__source",
    "gb_owner_id",
    *(f"gb_owner__{name}" for name in Officer.LABEL_FIELDS),
)
# What the report states: the action's own, or the snapshot's for a closed cycle.
REPORTED_FIELDS = (
    "rag",
    "due_date",
    "evidence_status",
    "in_scope",
    "rag_as_written",
    "status",
)


def recommendation_cell(text: str, reference: str) -> str:
    """The recommendation's text with its reference in brackets, as the seed writes it:
    "... the actions below. (PwC 1)"."""
    text, reference = text.strip(), reference.strip()
    if reference and not text.endswith(f"({reference})"):
        return f"{text} ({reference})"
    return text


SOURCE_LABELS = dict(RecommendationSource.choices)


def reported_rows(plan, cycle=None) -> list[ReportedAction]:
    """Every action of the plan as the report states it (see the module's docstring)."""
    actions = Action.objects.filter(plan=plan).order_by("sort_key")
    frozen = None
    if cycle is not None and not cycle.is_open:
        frozen = {
            row["action_id"]: row
            for row in ActionSnapshot.objects.filter(cycle=cycle)
            .order_by()
            .values("action_id", "latest_progress", "latest_progress_on", *REPORTED_FIELDS)
        }
        values = actions.values(*ACTION_FIELDS)
    else:
        latest = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by(
            *ProgressUpdate.LATEST_FIRST
        )
        values = actions.annotate(
            latest_progress=Subquery(latest.values("text")[:1]),
            latest_progress_on=Subquery(latest.values("reported_on")[:1]),
        ).values(*ACTION_FIELDS, "latest_progress", "latest_progress_on", *REPORTED_FIELDS)
    sros, leads = _owner_labels(plan)
    rows = []
    for row in values:
        pk = row["pk"]
        if frozen is None:
            reported = row
        else:
            reported = frozen.get(pk)
            if reported is None:
                continue  # not in the plan when the cycle closed
        recommendation = row["recommendation_id"] is not None
        action = ActionValues(
            pk=pk,
            area_id=row["area_id"],
            number=row["number"],
            text=row["text"],
            by_when=row["by_when"],
            start_date=row["start_date"],
            outcome_measure=row["outcome_measure"],
            measure_of_success=row["measure_of_success"],
            evidence_required=row["evidence_required"],
            evidence_detail=row["evidence_detail"],
            actions_to_complete=row["actions_to_complete"],
            is_closed=row["is_closed"],
            sro_labels=sros.get(pk, ""),
            operational_lead_labels=leads.get(pk, ""),
            gb_owner_label=Officer.label_of(
                *(row[f"gb_owner__{name}"] for name in Officer.LABEL_FIELDS)
            )
            if row["gb_owner_id"] is not None
            else "",
            recommendation_text=recommendation_cell(
                row["recommendation__text"], row["recommendation__reference"]
            )
            if recommendation
            else "",
            recommendation_source=SOURCE_LABELS[row["recommendation__source"]]
            if recommendation
            else "",
        )
        rows.append(
            ReportedAction(
                action=action,
                rag=reported["rag"],
                due_date=reported["due_date"],
                evidence_status=reported["evidence_status"],
                in_scope=reported["in_scope"],
                latest_progress=reported["latest_progress"] or "",
                latest_progress_on=reported["latest_progress_on"],
                rag_as_written=reported["rag_as_written"],
                status=reported["status"],
            )
        )
    return rows


def _owner_labels(plan) -> tuple[dict[int, str], dict[int, str]]:
    """({action id: SRO labels}, {action id: operational lead labels}) of the plan's
    actions, as `Action.sro_labels` writes them (`owner_labels`)."""
    labels = Action.objects.filter(plan=plan).owner_labels()
    return (
        {pk: sros for pk, (sros, _) in labels.items()},
        {pk: leads for pk, (_, leads) in labels.items()},
    )

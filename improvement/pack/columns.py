"""The full plan's columns in the pack, widths from content: a column no action of the
plan fills (seed 003's plan has no SRO, measure, progress or actions to complete) is
left out, and the others share the page in proportion to their weights, so the text
columns take the room instead of six empty columns."""

from collections.abc import Callable
from dataclasses import dataclass

from .reported import ReportedAction


def _any(value: Callable[[ReportedAction], object]) -> Callable:
    """Printed when any action of the plan has a `value`."""
    return lambda plan, rows: any(value(row) for row in rows)


@dataclass(frozen=True)
class PlanColumn:
    key: str
    weight: float  # its share of the page (%) when every column is printed
    printed: Callable | None = None  # (plan, rows) -> bool; None: always printed


PLAN_COLUMNS = [
    PlanColumn("rec", 9, _any(lambda row: row.action.recommendation_id)),
    PlanColumn("no", 3.5),
    PlanColumn("text", 14),
    # A plan with a Governing Body owner term keeps the column even before any action
    # names one, as its tracker does.
    PlanColumn("gb", 5, lambda plan, rows: bool(plan.gb_owner_term)),
    PlanColumn("sro", 5, _any(lambda row: row.action.sro_labels)),
    PlanColumn("lead", 5, _any(lambda row: row.action.operational_lead_labels)),
    PlanColumn("when", 6.5, _any(lambda row: row.due_date or row.action.by_when)),
    PlanColumn("measure", 12, _any(lambda row: row.action.measure_of_success)),
    PlanColumn("progress", 19, _any(lambda row: row.latest_progress)),
    PlanColumn("updated", 6, _any(lambda row: row.latest_progress_on)),
    PlanColumn("rag", 7),
    PlanColumn("evidence", 8),
    PlanColumn("complete", 5, _any(lambda row: row.action.actions_to_complete)),
]


def plan_columns(plan, rows: list[ReportedAction]) -> dict[str, float]:
    """The columns the full plan prints, in order, each with its width (% of the table,
    one decimal place; they sum to 100)."""
    shown = [c for c in PLAN_COLUMNS if c.printed is None or c.printed(plan, rows)]
    total = sum(column.weight for column in shown)
    widths = {column.key: round(column.weight * 100 / total, 1) for column in shown}
    # Rounding may leave a tenth over or short: the action's text takes it.
    widths["text"] = round(widths["text"] + 100 - sum(widths.values()), 1)
    return widths

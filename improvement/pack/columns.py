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
    heading: str  # or, in braces, the plan's own term for it ("{action_term}")
    weight: float  # its share of the page (%) when every column is printed
    printed: Callable | None = None  # (plan, rows) -> bool; None: always printed

    def heading_in(self, plan) -> str:
        return self.heading.format_map(vars(plan))


PLAN_COLUMNS = [
    PlanColumn("rec", "{recommendation_term}", 9, _any(lambda row: row.action.recommendation_id)),
    PlanColumn("no", "No.", 3.5),
    PlanColumn("text", "{action_term}", 14),
    # A plan with a Governing Body owner term keeps the column even before any action
    # names one, as its tracker does.
    PlanColumn("gb", "{gb_owner_term}", 5, lambda plan, rows: bool(plan.gb_owner_term)),
    PlanColumn("sro", "SRO", 5, _any(lambda row: row.action.sro_labels)),
    PlanColumn("lead", "Ops lead", 5, _any(lambda row: row.action.operational_lead_labels)),
    PlanColumn("when", "By when", 6.5, _any(lambda row: row.due_date or row.action.by_when)),
    PlanColumn(
        "measure", "Measure of success", 12, _any(lambda row: row.action.measure_of_success)
    ),
    PlanColumn("progress", "Progress update", 19, _any(lambda row: row.latest_progress)),
    PlanColumn("updated", "Updated", 6, _any(lambda row: row.latest_progress_on)),
    PlanColumn("rag", "RAG", 7),
    PlanColumn("evidence", "Evidence", 8),
    PlanColumn(
        "complete", "Actions to complete", 5, _any(lambda row: row.action.actions_to_complete)
    ),
]


@dataclass(frozen=True)
class ColumnHeader:
    key: str
    heading: str
    width: float


def plan_headers(plan, widths: dict[str, float]) -> list[ColumnHeader]:
    """The full plan's header row: the printed columns (`plan_columns`) in order, each
    headed in the plan's words."""
    return [
        ColumnHeader(column.key, column.heading_in(plan), widths[column.key])
        for column in PLAN_COLUMNS
        if column.key in widths
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

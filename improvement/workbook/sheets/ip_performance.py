"""IP Performance: one row per action in seed 002's columns, grouped by improvement area
under section rows ("1 Leadership, Structure and OD"), with the recommendation it answers,
its latest progress and when it was given, RAG, evidence and what is left to do. For a
closed reporting cycle the RAG, due date, evidence status and progress are the cycle's
frozen snapshot; for the live plan they are the action's own."""

from actions.models import EvidenceStatus

from ..columns import IP_FIELDS, IP_SHEET
from ..styles import Kind
from ..writer import Column, Header, Section, Title
from . import PlanSheet
from .action_rows import reported_rows

EVIDENCE_LABELS = dict(EvidenceStatus.choices)


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class IpPerformanceSheet(PlanSheet):
    title = IP_SHEET

    def __init__(self, plan, cycle=None):
        super().__init__(plan, cycle)
        # The plan's own words for its headers, and its own columns where it has them.
        terms = {"recommendation": plan.recommendation_term, "text": plan.action_term}
        self.columns = [
            Column(terms.get(field.key, field.header), field.kind, field.width)
            for field in IP_FIELDS
        ]
        if plan.gb_owner_term:
            self.columns.append(Column(plan.gb_owner_term, Kind.TEXT, 16))
        if plan.statuses:
            self.columns.append(Column("Status", Kind.TEXT, 12))
        if plan.rag_words:
            self.columns.append(Column("RAG as written", Kind.TEXT, 18))

    def rows(self):
        plan = self.plan
        when = f"as at {self.cycle.as_at:%d/%m/%Y}" if self.cycle else "live"
        yield Title(f"{plan.organisation}: {plan} – Improvement Plan (Delivery), {when}")
        yield Header()
        areas = {area.pk: area for area in plan.areas.all()}
        current_area = None
        for row in reported_rows(plan, self.cycle):
            action = row.action
            if action.area_id != current_area:
                current_area = action.area_id
                area = areas[current_area]
                yield Section(f"{area.number} {area.title}")
            yield (
                action.recommendation_text,
                action.number,
                action.text,
                action.sro_labels,
                action.operational_lead_labels,
                action.by_when,
                action.start_date,
                row.due_date,
                action.outcome_measure,
                action.measure_of_success,
                row.latest_progress,
                row.latest_progress_on,
                row.rag,
                EVIDENCE_LABELS[row.evidence_status],
                action.evidence_required,
                action.evidence_detail,
                action.actions_to_complete,
                yes_no(row.in_scope),
                yes_no(action.is_closed),
                action.recommendation_source,
                *self._own_columns(row),
            )

    def _own_columns(self, row) -> list[str]:
        """The plan's own columns, as reported (frozen with a closed cycle's report)."""
        cells = []
        if self.plan.gb_owner_term:
            cells.append(row.action.gb_owner_label)
        if self.plan.statuses:
            cells.append(row.status)
        if self.plan.rag_words:
            cells.append(row.rag_as_written)
        return cells

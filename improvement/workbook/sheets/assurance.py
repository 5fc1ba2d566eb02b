"""Assurance and embedding reviews: the Blue actions whose evidence the PMO had not
assured, and the embedding reviews due, at the report's date (the pack's same rules)."""

from actions.models import EvidenceStatus
from improvement import clock
from improvement.pack.reported import awaiting_assurance, embedding_reviews_due

from ..styles import Kind
from ..writer import BLANK, Column, Header, Section, Title
from . import PlanSheet
from .action_rows import reported_rows


class AssuranceSheet(PlanSheet):
    title = "Assurance and reviews"
    autofilter = False  # two tables on one sheet
    freeze_header = False
    columns = (
        Column("No.", Kind.CODE, 9),
        Column("Action", Kind.WRAP, 60),
        Column("SRO", Kind.TEXT, 18),
        Column("Due date", Kind.DATE, 12),
        Column("RAG", Kind.RAG, 8),
        Column("Evidence status", Kind.WRAP, 28),
    )

    def rows(self):
        as_at = self.cycle.as_at if self.cycle else clock.today(self.plan)
        yield Title(f"{self.plan.organisation}: {self.plan} – assurance and embedding reviews")
        rows = [row for row in reported_rows(self.plan, self.cycle) if row.in_scope]
        for heading, selected in (
            ("Blue awaiting assurance", awaiting_assurance(rows)),
            ("Embedding reviews due", embedding_reviews_due(self.plan, rows, as_at)),
        ):
            yield Section(f"{heading} ({len(selected)})")
            yield Header()
            for row in selected:
                yield (
                    row.action.number,
                    row.action.text,
                    row.action.sro_labels,
                    row.due_date,
                    row.rag,
                    EvidenceStatus(row.evidence_status).label,
                )
            yield BLANK

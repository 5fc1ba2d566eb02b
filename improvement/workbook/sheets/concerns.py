"""Action Concern Report: seed 002's columns, with the deadline as real dates (the revised
one, and the original where it moved); for a closed cycle, every concern as it stood
when the cycle closed."""

from improvement.reported_concerns import reported_concerns

from ..styles import Kind
from ..writer import Column, Header, Title
from . import PlanSheet


class ConcernReportSheet(PlanSheet):
    title = "Action Concern Report"
    columns = (
        Column("Action no", Kind.CODE, 9),
        Column("Action", Kind.WRAP, 50),
        Column("Deadline", Kind.DATE, 12),
        Column("Original deadline", Kind.DATE, 12),
        Column("Concern", Kind.TEXT, 20),
        Column("Current RAG", Kind.RAG, 10),
        Column("First raised at", Kind.TEXT, 14),
        Column("First raised on", Kind.DATE, 12),
        Column("Remedial action required", Kind.WRAP, 36),
        Column("Remedial action taken", Kind.WRAP, 36),
        Column("Comments", Kind.WRAP, 30),
        Column("Open/closed", Kind.TEXT, 10),
    )

    def rows(self):
        yield Title(f"{self.plan.organisation}: {self.plan} – Action Concern Report")
        yield Header()
        for item in reported_concerns(self.plan, self.cycle):
            yield (
                item.number,
                item.text,
                item.due_date,
                item.original_due_date,
                item.concern_label,
                item.rag,
                item.raised_body,
                item.raised_on,
                item.action_required,
                item.action_taken,
                " ".join(filter(None, [item.seen_log, item.comments])),
                item.status_label,
            )

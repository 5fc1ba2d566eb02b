"""Action Concern Report: seed 002's columns, with the deadline as real dates (the revised
one, and the original where it moved) and the RAG the report states."""

from actions.models import ActionSnapshot
from improvement.models import MeetingItem

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
        frozen = {}
        if self.cycle:
            frozen = {
                snapshot.action_id: snapshot
                for snapshot in ActionSnapshot.objects.filter(cycle=self.cycle)
            }
        items = MeetingItem.objects.concerns().filter(action__plan=self.plan).for_report()
        for item in items:
            action = item.action
            snapshot = frozen.get(action.pk)
            due = snapshot.due_date if snapshot else action.due_date
            original = action.original_due_date if action.is_deadline_revised else None
            yield (
                action.number,
                action.text,
                due,
                original if original != due else None,
                item.get_concern_type_display(),
                snapshot.rag if snapshot else action.rag,
                item.raised_at.get_body_display(),
                item.raised_at.date,
                item.action_required,
                item.action_taken,
                " ".join(filter(None, [item.seen_log, item.comments])),
                item.get_status_display(),
            )

"""The Action Concern Report's rows in the seed's columns, for its CSV download (written
by improvement.table_downloads, which holds the one formula guard)."""

from collections.abc import Iterable

from actions.models import NOT_RATED, Rag

CONCERN_REPORT_HEADER = (
    "Action no",
    "Action",
    "Deadline",
    "Concern",
    "Current RAG",
    "First raised",
    "Remedial action required",
    "Remedial action taken",
    "Comments",
    "Open/closed",
    "Closed by",
    "Why closed",
)


def concern_report_rows(items) -> Iterable[tuple]:
    """The seed's Action Concern Report columns, one row per concern."""
    for item in items:
        action = item.action
        closed_by = (
            (item.closed_by.get_full_name() or item.closed_by.username) if item.closed_by else ""
        )
        yield (
            action.number,
            action.text,
            action.deadline_label,
            item.get_concern_type_display(),
            Rag(action.rag).label if action.rag else NOT_RATED,
            f"{item.raised_at.get_body_display()} {item.raised_at.date:%d/%m/%Y}",
            item.action_required,
            item.action_taken,
            " ".join(filter(None, [item.seen_log, item.comments])),
            item.get_status_display(),
            closed_by,
            item.closed_reason,
        )

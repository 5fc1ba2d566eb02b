"""Tabular outputs shared by CSV downloads (and, later, the Excel returns)."""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from actions.models import NOT_RATED, Rag

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Text a spreadsheet would read as a formula. CSV gets an apostrophe (safe_cell);
    the Excel workbook stores it as a text cell with a quote prefix, unchanged."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value) -> object:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe, so it is
    shown as text (CSV/formula injection). Numbers and dates pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so Excel reads UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


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

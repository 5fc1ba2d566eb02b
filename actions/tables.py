"""The action list's table. django-tables2 keeps the columns, sorting and pagination; the
rows are drawn by one Jinja2 loop (`rows_html`, improvement/rows.py) over values worked out
here (`listed`), not cell by cell through django-tables2's renderers: those ran
`render_to_string` twice a row and `inspect.signature` for every cell, 78% of the page's
time. The owners' names are read as values for the page's rows alone."""

from dataclasses import dataclass
from datetime import date

import django_tables2 as tables

from improvement.rows import RowsTable

from .models import Action
from .templatetags.rag import rag_words

TEXT_LIMIT = 220
NO_OWNERS = ("", "")


@dataclass(frozen=True)
class ListedAction:
    """One row as the list shows it."""

    action: Action
    text: str
    rag: str
    rag_label: str
    sros: str
    leads: str
    overdue: bool
    last_updated_on: date | None


def trimmed(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else f"{text[: TEXT_LIMIT - 3]}…"


class ActionTable(RowsTable, tables.Table):
    rows_template = "actions/action_rows.html"
    counted_as = "action"  # the pagination's count; the plan's own word replaces it

    number = tables.Column(
        verbose_name="No.", linkify=("action-detail", {"pk": tables.A("pk")}), order_by="sort_key"
    )
    text = tables.Column(verbose_name="Action")
    area = tables.Column(accessor="area__number", verbose_name="Area", order_by=("area__number",))
    sro = tables.Column(accessor="sro_labels", verbose_name="SRO", orderable=False)
    lead = tables.Column(
        accessor="operational_lead_labels", verbose_name="Operational lead", orderable=False
    )
    due_date = tables.Column(verbose_name="By when", empty_values=())
    rag = tables.Column(verbose_name="RAG", empty_values=())
    last_updated_on = tables.DateColumn(verbose_name="Updated", format="d/m/Y")

    class Meta:
        model = Action
        fields = ["number", "text", "area", "sro", "lead", "due_date", "rag", "last_updated_on"]
        order_by = "number"
        orderable = True
        empty_text = "No actions match these filters."
        template_name = "actions/includes/action_table.html"

    def __init__(self, *args, today, plan, **kwargs):
        # The plan's own columns: a status apart from the RAG, a Governing Body owner.
        extra = []
        if plan.statuses:
            extra.append(("status", tables.Column(verbose_name="Status")))
        if plan.gb_owner_term:
            extra.append(
                (
                    "gb_owner",
                    tables.Column(
                        accessor="gb_owner__label",
                        verbose_name=plan.gb_owner_term,
                        order_by=("gb_owner__title",),
                    ),
                )
            )
        names = [name for name, _ in extra]
        sequence = [
            "number",
            "text",
            "area",
            *[name for name in names if name == "gb_owner"],
            "sro",
            "lead",
            "due_date",
            "rag",
            *[name for name in names if name == "status"],
            "last_updated_on",
        ]
        super().__init__(*args, extra_columns=extra, sequence=sequence, **kwargs)
        self.columns["text"].column.verbose_name = plan.action_term
        self.columns["area"].column.verbose_name = plan.area_heading
        self.counted_as = plan.action_term.lower()
        self.today = today
        self.plan = plan

    # Downloads (improvement.table_downloads): dates as dates, the RAG in words.
    def value_due_date(self, record):
        return record.due_date or record.by_when

    def value_rag(self, record):
        return rag_words(record.rag, record.evidence_status, record.rag_as_written)

    def value_last_updated_on(self, value):
        return value

    def listed(self) -> list[ListedAction]:
        """The page's rows (all rows when the table is not paginated)."""
        rows = self.page.object_list if hasattr(self, "page") else self.rows
        records = [row.record for row in rows]
        owners = Action.objects.filter(pk__in=[action.pk for action in records]).owner_labels()
        return [
            ListedAction(
                action=action,
                text=trimmed(action.text),
                rag=action.rag or "none",
                rag_label=rag_words(action.rag, action.evidence_status, action.rag_as_written),
                sros=owners.get(action.pk, NO_OWNERS)[0],
                leads=owners.get(action.pk, NO_OWNERS)[1],
                overdue=action.is_overdue(self.today),
                last_updated_on=getattr(action, "last_updated_on", None),
            )
            for action in records
        ]

    def rows_context(self) -> dict:
        return {"plan": self.plan}

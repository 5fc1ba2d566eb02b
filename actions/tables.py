import django_tables2 as tables
from django.template.loader import render_to_string

from .models import Action
from .templatetags.rag import rag_tag


class ActionTable(tables.Table):
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
        self.today = today

    def render_text(self, value):
        return value if len(value) <= 220 else f"{value[:217]}…"

    def render_due_date(self, record, value):
        return render_to_string(
            "actions/includes/due.html",
            {"action": record, "overdue": record.is_overdue(self.today)},
        )

    def render_rag(self, record):
        return render_to_string(
            "includes/rag_tag.html",
            rag_tag(record.rag, record.evidence_status, record.rag_as_written),
        )

import django_tables2 as tables
from django.utils.html import format_html

from . import money
from .models import QippScheme


class SavingColumn(tables.Column):
    """A QIPP amount, right-aligned, in the seeds' sign."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_html('<div class="app-numeric">{}</div>', money.saving(value))


class SchemeTable(tables.Table):
    organisation = tables.Column(
        verbose_name="CCG", accessor="organisation__short_name", order_by="organisation__short_name"
    )
    number = tables.Column(verbose_name="No.", linkify=("finance-scheme", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name="Scheme", linkify=("finance-scheme", {"pk": tables.A("pk")}))
    workstream = tables.Column(accessor="workstream__name", order_by="workstream__name")
    sro = tables.Column(verbose_name="SRO", accessor="sro__name", order_by="sro__name")
    overall = tables.Column(verbose_name="PMO rating", empty_values=(), orderable=False)
    annual_plan_total = SavingColumn(verbose_name="Annual plan")
    ytd_plan_total = SavingColumn(verbose_name="YTD plan")
    ytd_actual_total = SavingColumn(verbose_name="YTD actual")
    forecast = SavingColumn(verbose_name="FOT")
    assured_value = SavingColumn(verbose_name="Assured")

    class Meta:
        model = QippScheme
        fields = [
            "organisation",
            "number",
            "name",
            "workstream",
            "sro",
            "overall",
            "annual_plan_total",
            "ytd_plan_total",
            "ytd_actual_total",
            "forecast",
            "assured_value",
        ]
        order_by = ("organisation", "number")
        empty_text = "No schemes match these filters."

    def render_overall(self, record):
        # finance/includes/rag.html's markup, without a template render for every row.
        from .templatetags.finance import overall_rag

        tag = overall_rag(record.overall_rag)
        return format_html(
            '<strong class="app-rag app-rag--{}">{}</strong>', tag["css"], tag["label"]
        )

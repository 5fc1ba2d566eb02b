"""The scheme list's table: django-tables2 keeps the columns, sorting and pagination; the
rows are drawn by one template loop over values worked out here (`listed`), as the action
list's are: its per-cell renderers (`inspect.signature` for each of 1,500 cells) were most
of the page's time."""

from dataclasses import dataclass

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django_tables2.utils import OrderBy

from . import money
from .models import QippScheme

ROWS_PER_PAGE = 50  # a page of rows, whatever the number of schemes


def paginate(request, table: tables.Table) -> None:
    """Order `table` by ?sort= where it names sortable columns (else by its default) and
    show ?page= where there is such a page (else the first), ROWS_PER_PAGE rows a page:
    no request draws more rows, and no bad page or sort key fails."""
    requested = request.GET.getlist(table.prefixed_order_by_field)
    known = [key for key in requested if _sortable(table, key)]
    if known:
        table.order_by = known
    table.paginator = Paginator(table.rows, ROWS_PER_PAGE)
    try:
        number = int(request.GET.get(table.prefixed_page_field, 1))
    except (TypeError, ValueError):
        number = 1
    in_range = 1 <= number <= table.paginator.num_pages
    table.page = table.paginator.page(number if in_range else 1)
    table.request = request


def _sortable(table: tables.Table, key: str) -> bool:
    name = OrderBy(key).bare
    return name in table.columns and table.columns[name].orderable


class SavingColumn(tables.Column):
    """A QIPP amount (drawn right-aligned in the seeds' sign by the table's template)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def value(self, value):
        """For downloads: a number in the seeds' sign, a saving negative."""
        return None if value is None else -value


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
        template_name = "finance/includes/scheme_table.html"

    # Downloads (improvement.table_downloads): the rating in words.
    def value_overall(self, record):
        from .templatetags.finance import overall_rag

        return overall_rag(record.overall_rag)["label"]

    def listed(self) -> list["ListedScheme"]:
        from .templatetags.finance import overall_rag

        rows = self.page.object_list if hasattr(self, "page") else self.rows
        link = _scheme_link()
        listed = []
        for row in rows:
            scheme = row.record
            tag = overall_rag(scheme.overall_rag)
            amounts = [money.saving(getattr(scheme, name)) for name in ListedScheme.AMOUNTS]
            listed.append(ListedScheme(scheme, link(scheme.pk), tag["css"], tag["label"], amounts))
        return listed


def _scheme_link():
    """A scheme's page by its id: one reverse() a page, not two a row (`{% url %}` for 50
    rows was a third of the list's time)."""
    marker = 987654321
    pattern = reverse("finance-scheme", args=[marker])
    head, tail = pattern.split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


@dataclass(frozen=True)
class ListedScheme:
    """One row as the list shows it: the amounts in the seeds' sign, the rating's word."""

    AMOUNTS = (
        "annual_plan_total",
        "ytd_plan_total",
        "ytd_actual_total",
        "forecast",
        "assured_value",
    )

    scheme: QippScheme
    url: str
    rating_css: str
    rating_label: str
    amounts: list[str]

"""The scheme list's table: django-tables2 keeps the columns, sorting and pagination; the
rows are drawn by one Jinja2 loop (`rows_html`, improvement/rows.py) over values worked out
here (`listed`), as the action list's are: django-tables2's per-cell renderers
(`inspect.signature` for each of 1,500 cells) and then a Django template loop (about 700
variables a page, at some 10 microseconds each) were most of the page's time."""

import html
from dataclasses import dataclass

import django_tables2 as tables
from django.db.models import F
from django.urls import reverse
from markupsafe import Markup

from improvement.rows import RowsTable

from . import money
from .models import QippScheme

ROWS_PER_PAGE = 50  # a page of rows, whatever the number of schemes
# After whatever the list is sorted by: lines of one scheme number in order, then the id,
# so that schemes which tie on every column have one order and each is on one page only.
TIE_BREAKERS = ("line", "pk")


class SavingColumn(tables.Column):
    """A QIPP amount (drawn right-aligned in the seeds' sign by the table's template)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)

    def value(self, value):
        """For downloads: a number in the seeds' sign, a saving negative."""
        return None if value is None else -value


class SchemeTable(RowsTable, tables.Table):
    rows_template = "finance/scheme_rows.html"
    counted_as = "scheme line"  # the pagination's count, as the page counts its rows

    organisation = tables.Column(
        verbose_name="CCG", accessor="organisation__short_name", order_by="organisation__short_name"
    )
    number = tables.Column(verbose_name="No.", linkify=("finance-scheme", {"pk": tables.A("pk")}))
    name = tables.Column(verbose_name="Scheme", linkify=("finance-scheme", {"pk": tables.A("pk")}))
    workstream = tables.Column(
        verbose_name="Workstream", accessor="workstream__name", order_by="workstream__name"
    )
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

    @property
    def order_by(self):
        return self._order_by

    @order_by.setter
    def order_by(self, value):
        """The columns' order (django-tables2's, by the sort asked for or the default),
        then `TIE_BREAKERS`: the one place the list's order is made total."""
        tables.Table.order_by.fset(self, value)
        schemes = self.data.data
        amounts = {
            name for name, column in self.base_columns.items() if isinstance(column, SavingColumn)
        }
        keys = [
            _blanks_last(key) if isinstance(key, str) and key.lstrip("-") in amounts else key
            for key in schemes.query.order_by
            if key not in TIE_BREAKERS
        ]
        self.data.data = schemes.order_by(*keys, *TIE_BREAKERS)

    # Downloads (improvement.table_downloads): the rating in words.
    def value_overall(self, record):
        from .templatetags.finance import overall_rag

        return overall_rag(record.overall_rag)["label"]

    def listed(self) -> list["ListedScheme"]:
        """The page's rows (all rows when the table is not paginated)."""
        rows = self.page.object_list if hasattr(self, "page") else self.rows
        from .templatetags.finance import overall_rag

        link = _scheme_link()
        return [ListedScheme.of(row.record, link, overall_rag) for row in rows]

    def rows_context(self) -> dict:
        return {"amount_names": ListedScheme.AMOUNTS}


def _blanks_last(key: str):
    """An amount's sort key with its blanks (a scheme with no months has no plan to sum)
    last in either direction, as a spreadsheet sorts them: SQLite puts NULL first going up
    and PostgreSQL first going down, so the same sort read differently on each."""
    name = key.removeprefix("-")
    return F(name).desc(nulls_last=True) if key.startswith("-") else F(name).asc(nulls_last=True)


def _scheme_link():
    """A scheme's page by its id: one reverse() a page, not two a row (`{% url %}` for 50
    rows was a third of the list's time)."""
    marker = 987654321
    pattern = reverse("finance-scheme", args=[marker])
    head, tail = pattern.split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def _text(value) -> Markup:
    """Text escaped as Django's templates escape it (`&#x27;`, where Jinja2 writes
    `&#39;`), "—" for none, as `|default:"—"` printed it."""
    return Markup(html.escape(str(value))) if value else DASH


DASH = Markup("—")


@dataclass(frozen=True, slots=True)
class ListedScheme:
    """One row as the list shows it: its text escaped, the amounts in the seeds' sign, the
    rating's colour and word."""

    AMOUNTS = (
        "annual_plan_total",
        "ytd_plan_total",
        "ytd_actual_total",
        "forecast",
        "assured_value",
    )

    scheme: QippScheme
    url: str
    organisation: Markup
    number: Markup
    name: Markup
    workstream: Markup
    sro: Markup
    rating_css: str
    rating_label: Markup
    amounts: list[str]

    @classmethod
    def of(cls, scheme: QippScheme, link, overall_rag) -> "ListedScheme":
        rating = overall_rag(scheme.overall_rag)
        return cls(
            scheme=scheme,
            url=link(scheme.pk),
            organisation=_text(scheme.organisation.short_name),
            number=_text(scheme.number),
            name=_text(scheme.name),
            workstream=_text(scheme.workstream.name),
            sro=_text(scheme.sro.name if scheme.sro else ""),
            rating_css=rating["css"],
            rating_label=_text(rating["label"]),
            amounts=[money.saving(getattr(scheme, name)) for name in cls.AMOUNTS],
        )

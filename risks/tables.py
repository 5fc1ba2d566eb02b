from dataclasses import dataclass

import django_tables2 as tables

from improvement.rows import RowsTable

from .models import Risk, ScoreCell, ScoreSet


@dataclass(frozen=True)
class ListedRisk:
    risk: Risk
    scores: list[ScoreCell]  # year start, current, target


class RiskTable(RowsTable, tables.Table):
    rows_template = "risks/risk_rows.html"
    counted_as = "risk"  # the pagination's count: "(120 risks)"

    reference = tables.Column(verbose_name="Ref", linkify=("risk-detail", {"pk": tables.A("pk")}))
    title = tables.Column(verbose_name="Risk")
    category = tables.Column()
    owner = tables.Column(
        verbose_name="Senior risk owner", accessor="owner__label", order_by="owner__abbreviation"
    )
    initial_score = tables.Column(verbose_name="Year start", empty_values=())
    current_score = tables.Column(verbose_name="Current", empty_values=())
    target_score = tables.Column(verbose_name="Target", empty_values=())
    status = tables.Column()

    class Meta:
        model = Risk
        fields = [
            "reference",
            "title",
            "category",
            "owner",
            "initial_score",
            "current_score",
            "target_score",
            "status",
        ]
        order_by = "-current_score"
        empty_text = "No risks match these filters."
        # Rows drawn by one Jinja2 loop over `listed()` (rows_html), not a template a cell.
        template_name = "risks/includes/risk_table.html"

    def __init__(self, *args, with_organisation: bool = False, **kwargs):
        # A system body's roll-up of its members' registers says whose each risk is.
        self.with_organisation = with_organisation
        extra = []
        if with_organisation:
            extra.append(
                (
                    "organisation",
                    tables.Column(
                        verbose_name="Organisation",
                        accessor="organisation__short_name",
                        order_by=("organisation__name",),
                    ),
                )
            )
            kwargs["sequence"] = ["reference", "organisation", *self.Meta.fields[1:]]
        super().__init__(*args, extra_columns=extra, **kwargs)

    # Downloads (improvement.table_downloads): the score as the page words it, in text.
    def value_initial_score(self, record):
        return record.score_cell("initial").as_text

    def value_current_score(self, record):
        return record.score_cell("current").as_text

    def value_target_score(self, record):
        return record.score_cell("target").as_text

    def listed(self) -> list[ListedRisk]:
        """The page's rows (all rows when the table is not paginated)."""
        rows = self.page.object_list if hasattr(self, "page") else self.rows
        return [
            ListedRisk(risk=row.record, scores=[row.record.score_cell(which) for which in ScoreSet])
            for row in rows
        ]

    def rows_context(self) -> dict:
        return {"with_organisation": self.with_organisation}

"""QIPP and FRP: the organisation's QIPP dashboard, its scheme list, and the financial
recovery plan (`improvement.finance_scope` decides which), present only when there is
such data. Figures are £000 as real numbers in the seeds' sign: a QIPP saving is
negative and shows bracketed, "(2,000)"; the FRP keeps its own sign (a deficit negative).
Finance has no reporting-cycle snapshot: these sheets show the programme at its current
reporting month, which their titles state."""

from decimal import Decimal

from actions.models import NOT_RATED
from finance.models import PlanningStage, RecoveryRag
from finance.rating import DimensionRag, OverallRag
from improvement.finance_scope import OrganisationFinance, organisation_finance

from ..styles import Kind
from ..writer import BLANK, Column, Header, Sheet, Styled, Title

HUNDRED = Decimal(100)


def saving(amount: Decimal) -> Decimal:
    """A stored saving (positive) in the seeds' sign (negative)."""
    return -amount


def fraction(percent: Decimal | None) -> Decimal | None:
    return None if percent is None else percent / HUNDRED


def rating(value: str, labels=DimensionRag) -> Styled:
    """A PMO rating as its word on its colour ("N", not rated, has no colour)."""
    words = labels(value).label if value in labels.values else NOT_RATED
    return Styled(value, Kind.RAG, words)


# The FRP rates Green, Orange or Red: Orange takes the amber fill, its own word kept.
RECOVERY_FILLS = {RecoveryRag.GREEN: "G", RecoveryRag.ORANGE: "A", RecoveryRag.RED: "R"}


def recovery_rating(value: str) -> Styled:
    if not value:
        return Styled("", Kind.RAG, NOT_RATED)
    return Styled(RECOVERY_FILLS[value], Kind.RAG, RecoveryRag(value).label)


def finance_sheets(plan, cycle=None) -> list[Sheet]:
    finance = organisation_finance(plan)
    if finance is None:
        return []
    sheets: list[Sheet] = []
    if finance.dashboard is not None:
        sheets += [QippSheet(plan, finance), QippSchemesSheet(plan, finance)]
    if finance.recovery is not None:
        sheets.append(RecoverySheet(plan, finance))
    return sheets


class _FinanceSheet(Sheet):
    def __init__(self, plan, finance: OrganisationFinance):
        self.plan = plan
        self.finance = finance
        self.programme = finance.programme

    @property
    def as_at(self) -> str:
        return f"{self.programme.financial_year} at {self.programme.reporting_label}"


class QippSheet(_FinanceSheet):
    """The executive summary by programme area, then by organisation (seed 004, Table 1
    and the executive summary)."""

    title = "QIPP"
    autofilter = False
    columns = (
        Column("Programme area", Kind.WRAP, 30),
        *(Column("", Kind.THOUSANDS, 12) for _ in range(4)),
        Column("", Kind.PERCENT, 11),
        *(Column("", Kind.THOUSANDS, 12) for _ in range(2)),
        Column("", Kind.PERCENT, 11),
        Column("", Kind.THOUSANDS, 12),
        Column("", Kind.PERCENT, 11),
        Column("", Kind.THOUSANDS, 12),
    )

    def rows(self):
        dashboard, month = self.finance.dashboard, self.programme.reporting_month
        yield Title(f"{self.plan.organisation}: QIPP {self.as_at} (£000; savings negative)")
        yield Header(
            [
                "Programme area",
                f"{self.programme.financial_year} target £000",
                "Pipeline £000",
                "Design £000",
                "Developed £000",
                "% developed",
                f"M{month} YTD plan £000",
                f"M{month} YTD achieved £000",
                "% achieved",
                "Forecast outturn £000",
                "% of target",
                "PMO assured £000",
            ]
        )
        for row in [*dashboard.by_area.rows, dashboard.by_area.total]:
            f = row.figures
            yield (
                row.label,
                saving(f.annual_plan),
                saving(f.pipeline),
                saving(f.design),
                saving(f.developed),
                fraction(f.developed_pct),
                saving(f.ytd_plan),
                saving(f.ytd_actual),
                fraction(f.ytd_pct),
                saving(f.forecast),
                fraction(f.forecast_pct),
                saving(f.assured),
            )
        yield BLANK
        yield Header(
            [
                "Organisation",
                "Annual plan £000",
                "YTD plan £000",
                "YTD achieved £000",
                "Forecast outturn £000",
                "Variance £000",
                "PMO assured £000",
                "Risk-adjusted £000",
            ]
        )
        for row in [*dashboard.by_organisation.rows, dashboard.by_organisation.total]:
            f = row.figures
            yield (
                row.label,
                saving(f.annual_plan),
                saving(f.ytd_plan),
                saving(f.ytd_actual),
                Styled(saving(f.forecast), Kind.THOUSANDS),
                Styled(-f.variance, Kind.THOUSANDS),
                Styled(saving(f.assured), Kind.THOUSANDS),
                Styled(saving(f.risk_adjusted), Kind.THOUSANDS),
            )


class QippSchemesSheet(_FinanceSheet):
    """Every scheme line with its PMO ratings and figures, the unidentified QIPP as its own
    line (seed 004, Appendices 3-5)."""

    title = "QIPP schemes"
    columns = (
        Column("Organisation", Kind.TEXT, 14),
        Column("Scheme no.", Kind.CODE, 10),
        Column("Scheme", Kind.WRAP, 40),
        Column("Programme area", Kind.WRAP, 20),
        Column("Workstream", Kind.WRAP, 20),
        Column("Planning stage", Kind.TEXT, 12),
        Column("Milestones", Kind.RAG, 11),
        Column("Financial benefits", Kind.RAG, 11),
        Column("Risk/issue", Kind.RAG, 11),
        Column("Overall PMO rating", Kind.RAG, 14),
        Column("Annual plan £000", Kind.THOUSANDS, 12),
        Column("YTD plan £000", Kind.THOUSANDS, 12),
        Column("YTD achieved £000", Kind.THOUSANDS, 12),
        Column("Forecast outturn £000", Kind.THOUSANDS, 12),
        Column("PMO assured £000", Kind.THOUSANDS, 12),
        Column("Risk-adjusted £000", Kind.THOUSANDS, 12),
    )

    def rows(self):
        yield Title(f"{self.plan.organisation}: QIPP schemes {self.as_at} (£000; savings negative)")
        yield Header()
        for line in self.finance.dashboard.lines:
            stage = PlanningStage(line.planning_stage).label if line.planning_stage else ""
            yield (
                line.organisation,
                line.number,
                line.name,
                line.area,
                line.workstream,
                stage,
                rating(line.milestones),
                rating(line.benefits),
                rating(line.risk),
                rating(line.overall, OverallRag),
                saving(line.annual_plan),
                saving(line.ytd_plan),
                saving(line.ytd_actual),
                saving(line.forecast),
                saving(line.assured),
                saving(line.risk_adjusted),
            )


class RecoverySheet(_FinanceSheet):
    """The financial recovery plan: the position before and after it, then its schemes
    by type (seed 004, Paper E), in the FRP's own sign."""

    title = "FRP"
    autofilter = False
    columns = (
        Column("Item", Kind.WRAP, 50),
        *(Column("", Kind.THOUSANDS, 13) for _ in range(5)),
        Column("RAG", Kind.RAG, 10),
    )

    def rows(self):
        summary = self.finance.recovery
        plan = summary.plan
        yield Title(
            f"{self.plan.organisation}: {plan.title} as at {plan.as_at:%d/%m/%Y}, "
            f"revised forecast at {plan.forecast_label} (£000)"
        )
        yield Header(["Position", "Revised forecast £000"])
        for item in summary.before:
            yield (item.name, item.forecast)
        yield ("Consistent position before FRP", summary.position.before)
        yield ("FRP schemes (balance remaining)", summary.position.recovery)
        yield ("Revised forecast position after FRP", summary.position.after)
        for item in summary.not_in_frp:
            yield (f"Not forecast in FRP: {item.name}", item.forecast)
        yield ("Impact of all items", summary.position.after_all)
        yield BLANK
        yield Header(
            [
                "Scheme",
                "FRP submission (a) £000",
                "Revised forecast (b) £000",
                "Movement (b - a) £000",
                "In-month delivery (d) £000",
                "Balance remaining (b - d) £000",
                "RAG",
            ]
        )
        for group in summary.groups:
            totals = group.totals
            yield (
                group.label,
                totals.submission,
                totals.revised_forecast,
                totals.forecast_movement,
                totals.in_month_delivery,
                totals.balance_remaining,
            )
            for scheme in group.schemes:
                owner = f" ({scheme.organisation.short_name})" if scheme.organisation else ""
                yield (
                    f"  {scheme.name}{owner}",
                    scheme.submission,
                    scheme.revised_forecast,
                    scheme.forecast_movement,
                    scheme.in_month_delivery,
                    scheme.balance_remaining,
                    recovery_rating(scheme.rag),
                )
        totals = summary.totals
        yield (
            "Total",
            totals.submission,
            totals.revised_forecast,
            totals.forecast_movement,
            totals.in_month_delivery,
            totals.balance_remaining,
        )

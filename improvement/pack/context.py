"""Everything the Governing Body pack shows, gathered in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Prefetch
from django.utils import timezone

from actions.models import ActionSnapshot, Rag, rag_count_annotations
from improvement import clock
from risks.heatmap import HeatMap, heat_map
from risks.models import Risk, RiskSnapshot

from ..frozen_finance import pack_finance_sections
from ..models import FrontSheet, ImprovementPlan, ReportingCycle
from ..reported_concerns import ReportedConcern, reported_concerns
from ..summary import PlanSummary, RagCounts, plan_summary, previous_closed_cycle
from . import charts
from .columns import ColumnHeader, plan_columns, plan_headers
from .finance import PackSection
from .reported import (
    ReportedAction,
    awaiting_assurance,
    embedding_reviews_due,
    reported_actions,
)

TOP_RISKS = 10
LATEST_UPDATES = 40


@dataclass
class AreaSection:
    area: object
    rows: list[ReportedAction]


@dataclass
class RiskRow:
    risk: Risk
    trend: list[tuple[str, int]]  # (label, score) from year start through reports to now


@dataclass
class PackContext:
    plan: ImprovementPlan
    cycle: ReportingCycle | None
    previous: ReportingCycle | None
    as_at: date
    is_draft: bool
    generated_at: datetime
    summary: PlanSummary
    summary_chart: str
    trend_chart: str
    trend: list[charts.Series]
    moved: list[ReportedAction]
    latest_updates: list[ReportedAction]
    red_amber: list[ReportedAction]
    overdue: list[ReportedAction]
    slipped: list[ReportedAction]
    awaiting_assurance: list[ReportedAction]
    reviews_due: list[ReportedAction]
    open_concerns: list[ReportedConcern]
    closed_concerns: list[ReportedConcern]
    areas: list[AreaSection]
    plan_columns: dict[str, float]  # the full plan's columns and their widths (%)
    heatmap: HeatMap | None
    top_risks: list[RiskRow]
    extra_sections: list[PackSection] = field(default_factory=list)
    version: int | None = None
    front_sheet: FrontSheet | None = None

    @property
    def plan_headers(self) -> list[ColumnHeader]:
        return plan_headers(self.plan, self.plan_columns)

    @property
    def title(self) -> str:
        return (
            f"{self.plan.organisation}: {self.plan.title}, "
            f"Governing Body pack as at {self.as_at:%d %B %Y}"
        )


def build_pack_context(plan: ImprovementPlan, cycle: ReportingCycle | None = None) -> PackContext:
    """A closed `cycle` gives the issued report of that cycle; no cycle (or an open one)
    gives a draft of the plan as it stands."""
    now = timezone.now()
    is_draft = cycle is None or cycle.is_open
    as_at = cycle.as_at if cycle else clock.today(plan)
    previous = previous_closed_cycle(plan, None if is_draft else cycle)
    summary = plan_summary(plan, None if is_draft else cycle)
    rows = reported_actions(plan, None if is_draft else cycle, previous)
    in_scope = [row for row in rows if row.in_scope]
    window_start = previous.closed_at if previous else None
    window_end = None if is_draft else cycle.closed_at
    trend = _trend(plan, summary, is_draft, as_at)
    open_concerns, closed_concerns = _concerns(plan, cycle, is_draft, window_start)
    return PackContext(
        plan=plan,
        cycle=cycle,
        previous=previous,
        as_at=as_at,
        is_draft=is_draft,
        generated_at=now,
        summary=summary,
        summary_chart=charts.stacked_bars(
            [
                charts.Series(str(a.area), {**a.counts.by_rag, "": a.counts.unrated})
                for a in summary.areas
            ],
            title=f"RAG ratings by {plan.area_term.lower()}",
        ),
        trend_chart=charts.trend_lines(trend, title="RAG ratings at each report"),
        trend=trend,
        moved=[row for row in in_scope if row.moved],
        latest_updates=_latest_updates(in_scope, previous),
        red_amber=[row for row in in_scope if row.rag in (Rag.RED, Rag.AMBER)],
        overdue=[row for row in in_scope if row.is_overdue(as_at)],
        slipped=[row for row in in_scope if _slipped(row, window_start, window_end)],
        awaiting_assurance=awaiting_assurance(in_scope),
        reviews_due=embedding_reviews_due(plan, in_scope, as_at),
        open_concerns=open_concerns,
        closed_concerns=closed_concerns,
        areas=_by_area(plan, rows),
        plan_columns=plan_columns(plan, rows),
        heatmap=_heatmap(plan),
        top_risks=_top_risks(plan),
        extra_sections=pack_finance_sections(plan, None if is_draft else cycle),
        front_sheet=_front_sheet(plan, cycle),
    )


def _front_sheet(plan, cycle) -> FrontSheet | None:
    """The cycle's board-paper front sheet; a draft of the plan as it stands takes the open
    cycle's, the report it is drafting."""
    sheets = FrontSheet.objects.filter(cycle__plan=plan)
    if cycle is not None:
        return sheets.filter(cycle=cycle).first()
    return sheets.filter(cycle__in=plan.cycles.open()).first()


def _trend(plan, summary: PlanSummary, is_draft: bool, as_at: date) -> list[charts.Series]:
    """Counts at every closed report up to this one, then this report (if a draft)."""
    cycles = {c.pk: c for c in plan.cycles.closed().filter(as_at__lte=as_at)}
    rows = (
        ActionSnapshot.objects.filter(cycle_id__in=cycles.keys(), in_scope=True)
        .values("cycle_id")
        .annotate(**rag_count_annotations())
        .order_by()
    )
    points = sorted((cycles[row["cycle_id"]].as_at, RagCounts.from_row(row).by_rag) for row in rows)
    series = [charts.Series(f"{day:%d/%m/%y}", counts) for day, counts in points]
    if is_draft:
        series.append(charts.Series("Now", summary.total.by_rag))
    return series


def _latest_updates(rows: list[ReportedAction], previous) -> list[ReportedAction]:
    """The seed's "red text = latest update": progress given since the last report."""
    since = previous.as_at if previous else None
    fresh = [
        r for r in rows if r.latest_progress_on and (since is None or r.latest_progress_on > since)
    ]
    fresh.sort(key=lambda r: r.latest_progress_on, reverse=True)
    return fresh[:LATEST_UPDATES]


def _slipped(row: ReportedAction, start, end) -> bool:
    for revision in row.action.deadline_revisions.all():
        if (start is None or revision.revised_at > start) and (
            end is None or revision.revised_at <= end
        ):
            return True
    return False


def _concerns(plan, cycle, is_draft: bool, since) -> tuple[list, list]:
    """(open, closed since the last report), frozen for a closed cycle."""
    rows = reported_concerns(plan, None if is_draft else cycle)
    open_rows = [row for row in rows if row.is_open]
    closed = [
        row
        for row in rows
        if not row.is_open and (since is None or (row.closed_at and row.closed_at > since))
    ]
    return open_rows, closed


def _by_area(plan, rows: list[ReportedAction]) -> list[AreaSection]:
    sections = {area.pk: AreaSection(area=area, rows=[]) for area in plan.areas.all()}
    for row in rows:
        sections[row.area_id].rows.append(row)
    return [section for section in sections.values() if section.rows]


def _risks(plan):
    return Risk.objects.filter(organisation_id=plan.organisation_id, status="open")


def _heatmap(plan) -> HeatMap | None:
    risks = _risks(plan)
    grid = heat_map(risks)
    return grid if grid.total or grid.off_the_matrix else None


def _top_risks(plan) -> list[RiskRow]:
    risks = (
        _risks(plan)
        .with_scores()
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "snapshots",
                queryset=RiskSnapshot.objects.select_related("cycle").order_by("cycle__as_at"),
            )
        )
        .order_by("-current_score", "reference")[:TOP_RISKS]
    )
    rows = []
    for risk in risks:
        trend = []
        if risk.score_of("initial"):
            trend.append(("Year start", risk.score_of("initial")))
        trend += [(f"{s.cycle.as_at:%d/%m/%y}", s.score) for s in risk.snapshots.all()]
        trend.append(("Now", risk.current_score_value))
        rows.append(RiskRow(risk=risk, trend=trend))
    return rows

"""The Improvement Plan Summary: RAG counts per improvement area and in total, now and at
the last closed reporting cycle ("Last report (01/02/19): Red 7, Amber 9, Green 11, Blue 70")."""

from dataclasses import dataclass, field

from actions.models import Action, ActionSnapshot, Rag

from .models import ImprovementArea, ImprovementPlan, ReportingCycle


@dataclass
class RagCounts:
    """Counts as seed 002's summary gives them: every row of the area, with how many are
    outside the plan's scope ("not part of IP") said beside them, and Blue (completed, as
    reported) with how many of those are assured."""

    by_rag: dict[str, int] = field(default_factory=lambda: {rag.value: 0 for rag in Rag})
    unrated: int = 0
    assured_blue: int = 0
    held_blue: int = 0
    out_of_scope: int = 0

    @classmethod
    def from_row(cls, row: dict) -> "RagCounts":
        return cls(
            by_rag={rag.value: row[f"rag_{rag.value}"] for rag in Rag},
            unrated=row["unrated"],
            assured_blue=row["assured_B"],
            held_blue=row["held_B"],
            out_of_scope=row["out_of_scope"],
        )

    @property
    def awaiting_assurance(self) -> int:
        return self.by_rag[Rag.BLUE] - self.assured_blue

    @property
    def total(self) -> int:
        return sum(self.by_rag.values()) + self.unrated

    def cells(self) -> list[tuple[str, int]]:
        """(RAG value, count) in the key's order, for templates and exports."""
        return [(rag.value, self.by_rag[rag.value]) for rag in Rag]

    def add(self, other: "RagCounts") -> None:
        for rag, count in other.by_rag.items():
            self.by_rag[rag] += count
        self.unrated += other.unrated
        self.assured_blue += other.assured_blue
        self.held_blue += other.held_blue
        self.out_of_scope += other.out_of_scope


@dataclass
class AreaSummary:
    area: ImprovementArea
    counts: RagCounts
    last_report: RagCounts | None = None


@dataclass
class PlanSummary:
    plan: ImprovementPlan
    areas: list[AreaSummary]
    total: RagCounts
    out_of_scope: int
    last_cycle: ReportingCycle | None = None
    last_report_total: RagCounts | None = None


def _counts_by_area(queryset) -> dict[int, RagCounts]:
    return {row["area_id"]: RagCounts.from_row(row) for row in queryset.rag_counts_by_area()}


def previous_closed_cycle(plan: ImprovementPlan, cycle: ReportingCycle | None):
    """The report before `cycle` (or, with no cycle, the latest closed one)."""
    closed = plan.cycles.closed()
    if cycle is not None:
        closed = closed.filter(as_at__lt=cycle.as_at)
    return closed.order_by("-as_at", "-closed_at").first()


def plan_summary(plan: ImprovementPlan, cycle: ReportingCycle | None = None) -> PlanSummary:
    """Counts every row, as seed 002's summary does, with the rows "not part of IP" counted
    beside them (`out_of_scope`). With a closed `cycle`, "now" is that cycle's frozen
    snapshot; otherwise the live plan."""
    actions = Action.objects.filter(plan=plan)
    if cycle is not None and not cycle.is_open:
        now = ActionSnapshot.objects.filter(cycle=cycle)
        last_cycle = previous_closed_cycle(plan, cycle)
    else:
        now = actions
        last_cycle = previous_closed_cycle(plan, None)
    live = _counts_by_area(now)
    frozen = (
        _counts_by_area(ActionSnapshot.objects.filter(cycle=last_cycle)) if last_cycle else None
    )
    total = RagCounts()
    last_total = RagCounts() if last_cycle else None
    areas = []
    for area in plan.areas.all():
        row = AreaSummary(area=area, counts=live.get(area.pk, RagCounts()))
        total.add(row.counts)
        if frozen is not None:
            row.last_report = frozen.get(area.pk, RagCounts())
            last_total.add(row.last_report)
        areas.append(row)
    return PlanSummary(
        plan=plan,
        areas=areas,
        total=total,
        out_of_scope=total.out_of_scope,
        last_cycle=last_cycle,
        last_report_total=last_total,
    )
